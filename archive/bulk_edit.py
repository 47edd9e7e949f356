"""One correction applied to many articles at once, and undone in one step.

``apply_bulk`` runs inside the Library's write lock: it records what each article looked
like (manual record, headline, date, companies, topics), applies the edit to all of them in
one SQLite transaction and returns an ``Undo`` that ``restore`` puts back, also in one
transaction. The index is refreshed for the articles touched.

Like the single-article edit (``archive/conflicts.py``), a bulk edit given the row versions
its user saw is refused whole if someone else changed any of the articles since; and an
undo is refused if someone changed one after the edit, so neither overwrites their work.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .conflicts import EditConflict, UndoConflict, claim, versions
from .editing import Edit, EditError, apply_companies, apply_topics, merge_manual, validate

if TYPE_CHECKING:
    from .library import Library

_FIELDS = ("title", "date", "year", "date_source", "manual", "edited")


@dataclass
class _Before:
    values: dict
    companies: dict[str, int]
    topics: list[tuple[str, float]]


@dataclass
class Undo:
    """What the articles of one bulk edit looked like before it, and their row versions
    right after it (an undo checks that nobody changed them since)."""

    before: dict[int, _Before] = field(default_factory=dict)
    after: dict[int, int] = field(default_factory=dict)

    @property
    def ids(self) -> list[int]:
        return list(self.before)


def _snapshot(lib: Library, ids: list[int]) -> dict[int, _Before]:
    out: dict[int, _Before] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        rows = lib._store.query(
            f"SELECT id, {', '.join(_FIELDS)} FROM articles WHERE id IN ({marks})", chunk)
        for row in rows:
            aid = row[0]
            out[aid] = _Before(dict(zip(_FIELDS, row[1:])), lib._store.company_mentions(aid),
                               lib._store.topic_scores(aid))
    return out


def apply_bulk(lib: Library, ids: list[int], edit: Edit,
               expected: dict[int, int] | None = None,
               conflict: Callable[[int, str, int, int | None], EditConflict] = EditConflict
               ) -> Undo:
    """Apply ``edit`` to every article in ``ids`` (one transaction); raise EditError if an id
    is unknown or the edit is invalid, before anything changes. ``expected``: the row
    version of each article as its user saw it; if any has changed since, nothing is saved
    and ``EditConflict`` names it."""
    validate(edit)
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise EditError("no articles selected")
    edit.add_companies = [lib._gazetteer.canonical(c) or c.strip() for c in edit.add_companies]
    edit.remove_companies = [lib._gazetteer.canonical(c) or c.strip()
                             for c in edit.remove_companies]
    unknown = [t for t in edit.add_topics if t not in lib._taxonomy.names()]
    if unknown:
        raise EditError(f"unknown topic {unknown[0]!r}; topics are: "
                        + ", ".join(lib._taxonomy.names()))
    before = _snapshot(lib, ids)
    missing = [i for i in ids if i not in before]
    if missing:
        raise EditError(f"no article with id {missing[0]}")
    with lib._store.transaction():
        for aid in ids:
            claim(lib._store, aid, (expected or {}).get(aid), before[aid].values["title"],
                  conflict)
        for aid in ids:
            manual = merge_manual(json.loads(before[aid].values["manual"] or "{}"), edit)
            values: dict = {"manual": json.dumps(manual, ensure_ascii=False), "edited": 1}
            if "title" in manual:
                values["title"] = manual["title"]
            if "date" in manual:
                values.update(date=manual["date"], year=manual["year"], date_source="manual")
            lib._store.update_fields(aid, values)
            if edit.add_companies or edit.remove_companies:
                lib._store.set_companies(aid, apply_companies(before[aid].companies, manual))
            if edit.add_topics or edit.remove_topics:
                lib._store.set_topics(aid, apply_topics(before[aid].topics, manual))
        lib._queue_reindex(ids)  # a crash after the commit is finished by the next writer
        after = versions(lib._store, ids)
    lib._apply_queue()
    return Undo(before, after)


def restore(lib: Library, undo: Undo) -> dict[int, int]:
    """Put the articles of a bulk edit back as they were before it; raise
    ``UndoConflict`` (nothing changed) if someone else changed one of them after the edit.
    Returns the articles' row versions after the undo."""
    with lib._store.transaction():
        for aid in undo.before:
            claim(lib._store, aid, undo.after.get(aid), "", UndoConflict)  # title as now
        for aid, old in undo.before.items():
            lib._store.update_fields(aid, old.values)
            lib._store.set_companies(aid, old.companies)
            lib._store.set_topics(aid, old.topics)
        lib._queue_reindex(undo.ids)
        now = versions(lib._store, undo.ids)
    lib._apply_queue()
    return now
