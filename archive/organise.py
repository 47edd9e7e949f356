"""Collections, tags and notes: the user's own organisation of articles, kept in SQLite.

Collections and tags are names attached to articles (an article in any number of them; a
collection may be nested with a "Parent/Child" path name). They are facets like year and
company, but they never touch the index: search turns a selection into an id mask and
counts them over the result's ids (``index.engine.ExternalFacet``), so tagging an article
leaves its postings as they are. A note is text: it is indexed with the article, so a word
of a note finds it, and an edit of a note re-indexes that one article through the queue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from index.engine import ExternalFacet

from .editing import EditError

if TYPE_CHECKING:
    from .backends import ArchiveRepository

KINDS = {"collection": "article_collections", "tag": "article_tags"}
MAX_NAME = 200
MAX_NOTE = 100_000
_SPACES = re.compile(r"\s+")


def clean_name(kind: str, name: str) -> str:
    """A collection or tag name as stored: spaces collapsed; a collection path's parts
    trimmed (``" A / B "`` is ``"A/B"``). Raises EditError for an empty or overlong name."""
    text = _SPACES.sub(" ", name or "").strip()
    if kind == "collection":
        text = "/".join(p.strip() for p in text.split("/") if p.strip())
    if not text:
        raise EditError(f"a {kind} needs a name")
    if len(text) > MAX_NAME:
        raise EditError(f"a {kind} name may have at most {MAX_NAME} characters")
    return text


@dataclass
class Organise:
    """What to change on a set of articles; None or empty means "leave as it is"."""

    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    add_collections: list[str] = field(default_factory=list)
    remove_collections: list[str] = field(default_factory=list)
    note: str | None = None  # "" removes the note

    def cleaned(self) -> Organise:
        """The same change with names cleaned (EditError for a bad one)."""
        if self.note is not None and len(self.note) > MAX_NOTE:
            raise EditError(f"a note may have at most {MAX_NOTE} characters")
        return Organise(
            [clean_name("tag", t) for t in self.add_tags],
            [clean_name("tag", t) for t in self.remove_tags],
            [clean_name("collection", c) for c in self.add_collections],
            [clean_name("collection", c) for c in self.remove_collections],
            None if self.note is None else self.note.strip(),
        )

    @property
    def empty(self) -> bool:
        return not (self.add_tags or self.remove_tags or self.add_collections
                    or self.remove_collections or self.note is not None)


# ----- reading (store level) -----------------------------------------------------------
def names_of(store, kind: str, ids: list[int]) -> dict[int, list[str]]:
    """Article id -> its collection (or tag) names, sorted."""
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for aid, name in store.query(
                f"SELECT article_id, name FROM {KINDS[kind]} WHERE article_id IN ({marks})"
                " ORDER BY name", chunk):
            out.setdefault(aid, []).append(name)
    return out


def notes_of(store, ids: list[int]) -> dict[int, str]:
    """Article id -> its note (articles without one left out)."""
    out: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        out.update((aid, text) for aid, text in store.query(
            f"SELECT article_id, text FROM article_notes WHERE article_id IN ({marks})", chunk))
    return out


def attach(store, articles: dict) -> None:
    """Fill the ``collections``, ``tags`` and ``note`` of these ``Article``s."""
    ids = list(articles)
    if not ids:
        return
    collections = names_of(store, "collection", ids)
    tags = names_of(store, "tag", ids)
    notes = notes_of(store, ids)
    for aid, article in articles.items():
        article.collections = collections.get(aid, [])
        article.tags = tags.get(aid, [])
        article.note = notes.get(aid, "")


def all_names(store, kind: str) -> dict[str, int]:
    """Every collection (or tag) name in use -> its number of live articles, by name."""
    rows = store.query(
        f"SELECT t.name, count(*) FROM {KINDS[kind]} t JOIN articles a ON a.id = t.article_id"
        " WHERE a.deleted_at IS NULL GROUP BY t.name ORDER BY t.name")
    return {name: int(n) for name, n in rows}


def members(store, kind: str) -> dict[str, np.ndarray]:
    """Collection (or tag) name -> the ids of its articles. A nested collection's articles
    are in each collection above it too ("A/B" is in "A")."""
    by_name: dict[str, set[int]] = {}
    for aid, name in store.query(f"SELECT article_id, name FROM {KINDS[kind]}"):
        by_name.setdefault(name, set()).add(aid)
        if kind == "collection":
            parts = name.split("/")
            for depth in range(1, len(parts)):
                by_name.setdefault("/".join(parts[:depth]), set()).add(aid)
    return {name: np.array(sorted(ids), dtype=np.int64) for name, ids in by_name.items()}


def external_facets(store) -> dict[str, ExternalFacet]:
    """The collection and tag facets as the engine takes them."""
    return {kind: ExternalFacet(members(store, kind)) for kind in KINDS}


# ----- writing (inside the caller's transaction) ---------------------------------------
def apply(store, ids: Iterable[int], change: Organise) -> list[int]:
    """Apply ``change`` (already cleaned) to these articles; return the ids whose note
    changed (their index entry must be rewritten). The ``row_version`` of every article
    whose tags, collections or note this changes is raised, as an edit raises it, so an
    edit another program made on an older copy is refused (archive/conflicts.py)."""
    ids = list(ids)
    touched = set(ids) if (change.add_tags or change.remove_tags or change.add_collections
                           or change.remove_collections) else set()
    changed = _apply(store, ids, change, touched)
    store.executemany("UPDATE articles SET row_version = row_version + 1 WHERE id = ?",
                      [(aid,) for aid in sorted(touched)])
    return changed


def _apply(store, ids: list[int], change: Organise, touched: set[int]) -> list[int]:
    for kind, add, remove in (("tag", change.add_tags, change.remove_tags),
                              ("collection", change.add_collections, change.remove_collections)):
        table = KINDS[kind]
        store.executemany(f"DELETE FROM {table} WHERE article_id = ? AND name = ?",
                          [(aid, n) for aid in ids for n in remove])
        store.executemany(f"INSERT INTO {table} (article_id, name) VALUES (?, ?)"
                          " ON CONFLICT DO NOTHING",
                          [(aid, n) for aid in ids for n in add])
    if change.note is None:
        return []
    old = notes_of(store, ids)
    changed = [aid for aid in ids if old.get(aid, "") != change.note]
    touched.update(changed)
    if change.note:
        from .store import now_iso

        store.executemany(
            "INSERT INTO article_notes (article_id, text, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET text = excluded.text,"
            " updated_at = excluded.updated_at",
            [(aid, change.note, now_iso()) for aid in changed])
    else:
        store.executemany("DELETE FROM article_notes WHERE article_id = ?",
                          [(aid,) for aid in changed])
    return changed


class OrganiseActions:
    """The Library's collection, tag and note operations (mixed into ``Library``)."""

    _store: ArchiveRepository
    # the Library's: hold the writer lock; queue index changes and apply them; say why an
    # id is not a live article
    _writing: Callable[[], AbstractContextManager[None]]
    _queue_reindex: Callable[[list[int]], None]
    _apply_queue: Callable[[], int]
    missing_reason: Callable[[int], str]

    def organise(self, article_ids: list[int], change: Organise) -> None:
        """Add or remove tags and collections of these articles and set their note, in one
        step. Only a changed note re-indexes (its article); tags and collections never do.
        Raises EditError for an unknown id or a bad name."""
        change = change.cleaned()
        ids = list(dict.fromkeys(int(i) for i in article_ids))
        if not ids:
            raise EditError("no articles given")
        with self._writing():
            known = self._store.articles(ids, with_text=False)
            missing = [i for i in ids if i not in known]
            if missing:
                raise EditError(self.missing_reason(missing[0]))
            with self._store.transaction():
                changed = apply(self._store, ids, change)
                if changed:
                    self._queue_reindex(changed)
            if changed:
                self._apply_queue()

    def set_note(self, article_id: int, text: str) -> None:
        """Set (or with "" remove) an article's note; it is searchable at once."""
        self.organise([article_id], Organise(note=text))

    def collections(self) -> dict[str, int]:
        """Every collection -> its number of articles, by name."""
        return all_names(self._store, "collection")

    def tags(self) -> dict[str, int]:
        """Every tag -> its number of articles, by name."""
        return all_names(self._store, "tag")
