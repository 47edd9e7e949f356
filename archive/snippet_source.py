"""The texts a results page cuts its snippets from, at a cost bounded by the page, not by
the length of the documents.

A short article is read whole (``snippet_text``: body, then subtitle and kicker). A long
one (a book as one PDF or TXT: hundreds of thousands of characters) is not: SQLite finds
the first place a highlight string occurs in it (``instr``, in C, without handing the text
to Python) and only a window around that place is read. When no highlight occurs as
written (a variant form, other letter case), or there is nothing to highlight, it is read
whole as before, so a snippet never loses its marked hit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .store import ArchiveStore

LONG_TEXT = 20_000  # characters: longer texts are read as a window around the first hit
WINDOW = 6_000  # characters read around it


@dataclass
class SnippetText:
    """A text to cut a snippet from; ``cut_before``/``cut_after``: it is a window of more."""

    text: str
    cut_before: bool = False
    cut_after: bool = False


def snippet_texts(store: ArchiveStore, ids: list[int], highlights: list[str]
                  ) -> dict[int, SnippetText]:
    """The snippet text of each of ``ids`` (live articles), long ones as a window."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    lengths = {r[0]: r[1] or 0 for r in store.query(
        f"SELECT id, length(text) FROM articles WHERE id IN ({marks})", ids)}
    terms = [t.rstrip("*") for t in highlights if t.rstrip("*")]
    out: dict[int, SnippetText] = {}
    whole = [i for i in ids if lengths.get(i, 0) <= LONG_TEXT or not terms]
    for aid in ids:
        if aid in lengths and aid not in whole:
            window = _window(store, aid, lengths[aid], terms)
            if window is None:
                whole.append(aid)
            else:
                out[aid] = window
    from .library import snippet_text  # the whole-text rule lives with the Library

    for aid, article in store.articles(whole).items():
        out[aid] = SnippetText(snippet_text(article))
    return out


def _window(store: ArchiveStore, aid: int, length: int, terms: list[str]) -> SnippetText | None:
    found = [p for t in terms for p in (store.query(
        "SELECT instr(text, ?) FROM articles WHERE id = ?", [t, aid])[0][0],) if p]
    if not found:
        return None
    start = max(1, min(found) - WINDOW // 3)  # SQLite counts characters from 1
    text = store.query("SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                       [start, WINDOW, aid])[0][0]
    return SnippetText(text, cut_before=start > 1, cut_after=start - 1 + len(text) < length)
