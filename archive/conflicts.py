"""Optimistic concurrency: an edit made on an out-of-date copy of an article is refused.

Every article row carries ``row_version``, raised by each change to the row (an SQLite
trigger, migration 10; a PostgreSQL trigger on the server). A client that shows an article
for editing remembers the version it showed; when it saves, ``claim`` checks, inside the
saving transaction, that the row still has that version. If someone else saved first the
edit stops with ``EditConflict``, whose message names the article, instead of overwriting
their work (a lost update).
"""

from __future__ import annotations

from collections.abc import Callable

from .editing import EditError


class EditConflict(EditError):
    """Someone else changed the article after this client read it; nothing was saved."""

    def __init__(self, article_id: int, title: str, expected: int, current: int | None):
        self.article_id, self.title = article_id, title
        self.expected, self.current = expected, current
        if current is None:
            what = f"Someone else deleted “{title}” (article {article_id})"
        else:
            what = f"Someone else changed “{title}” (article {article_id})"
        super().__init__(f"{what} after you opened it; your changes were not saved. "
                         "Reload the article to see the current version, then make your "
                         "changes again.")


class UndoConflict(EditConflict):
    """Someone else changed an article after this client's bulk edit, so undoing (or
    redoing) it would overwrite their change; nothing was changed."""

    def __init__(self, article_id: int, title: str, expected: int, current: int | None,
                 action: str = "undone"):
        self.article_id, self.title = article_id, title
        self.expected, self.current = expected, current
        what = "deleted" if current is None else "changed"
        EditError.__init__(self, f"Someone else {what} “{title}” (article {article_id}) after"
                           f" your edit; it was not {action}, so that their change is kept.")


def row_lock_clause(store: object) -> str:
    """SQL that locks the row read until the transaction ends, where the backend needs it:
    SQLite's writer already holds the database, a server backend must lock the row."""
    return str(getattr(store, "row_lock_clause", ""))


def versions(store, ids: list[int]) -> dict[int, int]:
    """The current ``row_version`` of each of these articles (an unknown id is left out)."""
    out: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = [int(i) for i in ids[start:start + 500]]
        marks = ",".join("?" * len(chunk))
        for row in store.query(f"SELECT id, row_version FROM articles WHERE id IN ({marks})",
                               chunk):
            out[int(row[0])] = int(row[1])
    return out


def claim(store, article_id: int, expected: int | None, title: str = "",
          conflict: Callable[[int, str, int, int | None], EditConflict] = EditConflict
          ) -> None:
    """Inside the saving transaction: raise ``EditConflict`` (or ``conflict``) unless the
    article still has row version ``expected`` (None: the caller did not read it first,
    nothing to check)."""
    if expected is None:
        return
    rows = store.query("SELECT row_version, title, deleted_at FROM articles WHERE id = ?"
                       + row_lock_clause(store), [article_id])
    if not rows:
        raise conflict(article_id, title or f"article {article_id}", expected, None)
    current, current_title, deleted_at = rows[0][0], rows[0][1], rows[0][2]
    if deleted_at is not None:
        raise conflict(article_id, title or current_title, expected, None)
    if int(current) != int(expected):
        raise conflict(article_id, title or current_title, expected, int(current))
