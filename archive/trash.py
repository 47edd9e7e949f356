"""Delete, the trash, and undo of the last import.

The trash is a flag: deleting an article sets its ``deleted_at`` and takes it out of the
index, and every query of live articles leaves it out (search, facets, show, export,
near-duplicate matching, reconcile, counts). Its row keeps everything (metadata, manual
edits, companies, topics) and its original file stays under ``originals/``, so a restore
brings it back exactly and re-indexes it. Deleting an article takes its versions along
(they are shown as one result); ``trashed_with`` remembers which deletion moved a row, so
a restore brings back what that deletion took.

Emptying the trash removes the trashed rows for good, then each source left without
articles, the OCR'd pages (``ocr_pages``) of a file no remaining article is made from, then
each original file no remaining source refers to.

Every ingest run is an import batch (``import_batches``; ``sources.batch_id`` and
``ingest_log.batch_id`` name it). Undo of the last import moves the articles the most
recent batch added (that added any) to the trash.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.faults import fault_point

from .document import Article
from .ocr.pagestore import forget_unused
from .store import now_iso

if TYPE_CHECKING:
    from .backends import ArchiveRepository, OriginalsStore
    from .ingest import IngestReport

ADDED_OUTCOMES = ("added", "version")  # ingest_log outcomes that stored a new article
TRASHED = "SELECT id FROM articles WHERE deleted_at IS NOT NULL"


class TrashError(Exception):
    """A delete, restore or undo that cannot be done, said in one line."""


@dataclass
class EmptyReport:
    """What emptying the trash removed."""

    articles: int = 0
    sources: int = 0
    files: int = 0

    def to_dict(self) -> dict:
        return {"articles": self.articles, "sources": self.sources, "files": self.files}


@dataclass
class ImportBatch:
    """One ingest run: when it started and the articles it added that are still stored."""

    id: int
    started_at: str
    ids: list[int] = field(default_factory=list)  # added by it, live or in the trash
    live: list[int] = field(default_factory=list)  # of those, not in the trash

    def to_dict(self) -> dict:
        return {"batch": self.id, "started_at": self.started_at, "articles": self.ids,
                "live": self.live}


def _id_list(ids, what: str = "articles") -> str:
    ids = list(ids)
    shown = ", ".join(str(i) for i in ids[:5]) + (", …" if len(ids) > 5 else "")
    return f"{what} {shown}"


class TrashActions:
    """Delete, restore, list and empty the trash, undo the last import (mixed into Library)."""

    _store: ArchiveRepository
    _originals: OriginalsStore
    # the Library's: hold the writer lock; queue index changes and apply them
    _writing: Callable[[], AbstractContextManager[None]]
    _queue_reindex: Callable[[list[int]], None]
    _apply_queue: Callable[[], int]

    # ----- delete and restore --------------------------------------------------------------
    def delete(self, ids: list[int]) -> list[int]:
        """Move these articles (and their versions) to the trash; return every id moved.
        Raises TrashError, and deletes nothing, when an id is unknown or already trashed."""
        ids = list(dict.fromkeys(int(i) for i in ids))
        if not ids:
            raise TrashError("no article ids given")
        with self._writing():
            states = self._states(ids)
            missing = [i for i in ids if i not in states]
            trashed = [i for i in ids if states.get(i) is not None]
            problems = []
            if missing:
                problems.append(f"no article with id {missing[0]}" if len(missing) == 1
                                else "no " + _id_list(missing, "articles with ids"))
            if trashed:
                problems.append(f"{_id_list(trashed, 'article' if len(trashed) == 1 else 'articles')}"
                                f" {'is' if len(trashed) == 1 else 'are'} already in the trash")
            if problems:
                raise TrashError("; ".join(problems) + " (nothing was deleted)")
            return self._move_to_trash(ids)

    def _move_to_trash(self, ids: list[int]) -> list[int]:
        """Flag live ``ids`` and their live versions as trashed, then unindex them (the
        writer lock held). A crash between the two is mended by the next reconcile."""
        stamp = now_iso()
        moved: list[int] = []
        store = self._store
        wanted = set(ids)
        with self._store.transaction():
            for aid in ids:
                head = store.query("SELECT duplicate_of FROM articles WHERE id = ?", (aid,))
                # A version deleted together with its article belongs to that deletion.
                unit = head[0][0] if head and head[0][0] in wanted else aid
                group = [r[0] for r in store.query(
                    "SELECT id FROM articles WHERE (id = ? OR duplicate_of = ?)"
                    " AND deleted_at IS NULL", (aid, aid))]
                store.executemany("UPDATE articles SET deleted_at = ?, trashed_with = ?"
                                 " WHERE id = ?", [(stamp, unit, g) for g in group])
                moved.extend(group)
            self._queue_reindex(moved)  # a crash after the commit is finished on next open
        fault_point("delete-committed")
        if moved:
            self._apply_queue()
        return moved

    def restore(self, ids: list[int]) -> list[int]:
        """Bring these trashed articles back, with whatever their deletion took along (the
        article a restored version belongs to comes back too); re-index them and return
        every id restored. Raises TrashError, and restores nothing, for ids not in the trash."""
        ids = list(dict.fromkeys(int(i) for i in ids))
        if not ids:
            raise TrashError("no article ids given")
        with self._writing():
            states = self._states(ids)
            missing = [i for i in ids if i not in states]
            live = [i for i in ids if i in states and states[i] is None]
            problems = []
            if missing:
                problems.append(f"no article with id {missing[0]}" if len(missing) == 1
                                else "no " + _id_list(missing, "articles with ids"))
            if live:
                problems.append(f"{_id_list(live, 'article' if len(live) == 1 else 'articles')}"
                                f" {'is' if len(live) == 1 else 'are'} not in the trash")
            if problems:
                raise TrashError("; ".join(problems) + " (nothing was restored)")
            units = self._units(ids)
            store = self._store
            restored: list[int] = []
            with self._store.transaction():
                for unit in sorted(units):
                    rows = [r[0] for r in store.query(
                        "SELECT id FROM articles WHERE trashed_with = ?"
                        " AND deleted_at IS NOT NULL", (unit,))]
                    store.executemany("UPDATE articles SET deleted_at = NULL, trashed_with = NULL"
                                     " WHERE id = ?", [(r,) for r in rows])
                    restored.extend(rows)
                self._queue_reindex(restored)
            fault_point("restore-committed")
            restored.sort()
            self._apply_queue()
            return restored

    def _units(self, ids: list[int]) -> set[int]:
        """The deletions to undo for these trashed ids: each one's own, and that of the
        article a version belongs to when that article is in the trash too."""
        units: set[int] = set()
        for aid in ids:
            row = self._store.query("SELECT trashed_with, duplicate_of FROM articles"
                                   " WHERE id = ?", [aid])[0]
            units.add(row[0])
            if row[1] is not None:
                head = self._store.query("SELECT trashed_with FROM articles"
                                        " WHERE id = ? AND deleted_at IS NOT NULL", [row[1]])
                if head:
                    units.add(head[0][0])
        return units

    def _states(self, ids: list[int]) -> dict[int, str | None]:
        """id -> deleted_at (None when live) of the ids that exist."""
        out: dict[int, str | None] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self._store.query(
                f"SELECT id, deleted_at FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk)
            out.update({r[0]: r[1] for r in rows})
        return out

    def missing_reason(self, article_id: int) -> str:
        """Why there is no live article ``article_id``: unknown, or in the trash."""
        state = self._states([int(article_id)])
        if article_id in state and state[article_id] is not None:
            return (f"article {article_id} is in the trash"
                    f" (bring it back with: trash restore {article_id})")
        return f"no article with id {article_id}"

    # ----- the trash -----------------------------------------------------------------------
    def trashed(self) -> list[Article]:
        """Articles in the trash (without text), the most recently deleted first."""
        ids = [r[0] for r in self._store.query(
            "SELECT id FROM articles WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id")]
        found = self._store.articles(ids, with_text=False, trashed=True)
        return [found[i] for i in ids if i in found]

    def trash_count(self) -> int:
        return int(self._store.query(f"SELECT count(*) FROM ({TRASHED})")[0][0])

    def empty_trash(self) -> EmptyReport:
        """Remove the trashed articles for good, the sources left without articles, and the
        original files no remaining source refers to."""
        with self._writing():
            store = self._store
            report = EmptyReport()
            with self._store.transaction():
                # A live version of a trashed article (restored on its own) stands alone now.
                promoted = [r[0] for r in store.query(
                    "SELECT id FROM articles WHERE deleted_at IS NULL"
                    f" AND duplicate_of IN ({TRASHED})")]
                store.executemany("UPDATE articles SET duplicate_of = NULL WHERE id = ?",
                                  [(p,) for p in promoted])
                sources = [r[0] for r in store.query(
                    "SELECT DISTINCT source_id FROM articles WHERE deleted_at IS NOT NULL"
                    " AND source_id IS NOT NULL")]
                shas = [r[0] for r in store.query(
                    "SELECT DISTINCT s.sha256 FROM articles a JOIN sources s"
                    " ON s.id = a.source_id WHERE a.deleted_at IS NOT NULL")]
                store.execute(f"DELETE FROM article_companies WHERE article_id IN ({TRASHED})")
                store.execute(f"DELETE FROM article_topics WHERE article_id IN ({TRASHED})")
                report.articles = store.execute("DELETE FROM articles WHERE deleted_at IS NOT NULL")
                candidates: list[str] = []
                for sid in sources:
                    row = store.query(
                        "SELECT original FROM sources WHERE id = ? AND NOT EXISTS"
                        " (SELECT 1 FROM articles WHERE source_id = ?)", (sid, sid))
                    if not row:
                        continue  # other articles of this file are still in the archive
                    store.execute("DELETE FROM sources WHERE id = ?", (sid,))
                    report.sources += 1
                    candidates.append(row[0][0])
                in_use = {r[0] for r in store.query("SELECT original FROM sources")} \
                    if candidates else set()
                files = [f for f in dict.fromkeys(candidates) if f not in in_use]
                # the OCR'd pages of files no article is made from any more
                forget_unused(store, shas)
                self._queue_reindex(promoted)
            # Files go only after the rows are gone for sure: a crash leaves a spare file,
            # never a source without its original.
            for key in files:
                report.files += self._originals.remove(key)
            if promoted:
                self._apply_queue()
            return report

    # ----- undo of an import ---------------------------------------------------------------
    def last_import(self) -> ImportBatch | None:
        """The most recent import batch that added articles, or None."""
        row = self._store.query(
            "SELECT l.batch_id, b.started_at FROM ingest_log l"
            " JOIN import_batches b ON b.id = l.batch_id"
            f" WHERE l.outcome IN ({','.join('?' * len(ADDED_OUTCOMES))})"
            " ORDER BY l.batch_id DESC LIMIT 1", ADDED_OUTCOMES)
        if not row:
            return None
        batch_id, started = row[0]
        rows = self._store.query(
            "SELECT a.id, a.deleted_at FROM ingest_log l JOIN articles a ON a.id = l.article_id"
            f" WHERE l.batch_id = ? AND l.outcome IN ({','.join('?' * len(ADDED_OUTCOMES))})"
            " ORDER BY a.id", [batch_id, *ADDED_OUTCOMES])
        ids = sorted({r[0] for r in rows})
        live = sorted({r[0] for r in rows if r[1] is None})
        return ImportBatch(batch_id, started, ids, live)

    def undo_last_import(self) -> ImportBatch:
        """Move every article the last import added to the trash; return that batch (its
        ``live`` lists what was moved). Raises TrashError when there is nothing to undo."""
        with self._writing():
            batch = self.last_import()
            if batch is None:
                raise TrashError("there is no import to undo")
            if not batch.live:
                raise TrashError(f"nothing to undo: the articles of the last import"
                                 f" ({batch.started_at}) are no longer in the archive"
                                 f" or already in the trash")
            self._move_to_trash(batch.live)
            return batch

    def note_trashed(self, report: IngestReport) -> IngestReport:
        """Mark the duplicates of an ingest report whose article is in the trash
        (``"trashed": true``): the file is known, and ``trash restore ID`` brings it back."""
        ids = [d["id"] for d in report.duplicates if d.get("id") is not None]
        if ids:
            states = self._states(list(dict.fromkeys(ids)))
            for d in report.duplicates:
                if d.get("id") is not None and states.get(d["id"]) is not None:
                    d["trashed"] = True
        return report

