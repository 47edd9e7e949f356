"""The texts a results page cuts its snippets from, at a cost bounded by the page, not by
the length of the documents.

A short article is read whole as an ``Article`` (``snippet_text``: its blocks give the
body, then subtitle and kicker). A long one (a book as one PDF or TXT: hundreds of
thousands of characters) is not: only its plain text is read (no blocks to decode, no
article to build), the first place a highlight string occurs is found with ``str.find``,
and only a window around it goes on to the snippet, which folds a part of that. When no
highlight occurs as written (a variant form, other letter case), or there is nothing to
highlight, it is read whole as before, so a snippet never loses its marked hit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .backends import ArchiveRepository

LONG_TEXT = 20_000  # characters: longer texts are read as a window around the first hit
WINDOW = 6_000  # characters read around it


@dataclass
class SnippetText:
    """A text to cut a snippet from; ``cut_before``/``cut_after``: it is a window of more."""

    text: str
    cut_before: bool = False
    cut_after: bool = False


def snippet_texts(store: ArchiveRepository, ids: list[int], highlights: list[str]
                  ) -> dict[int, SnippetText]:
    """The snippet text of each of ``ids`` (live articles), long ones as a window."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    # The word count says which texts are long without reading them (SQLite's length()
    # of a text would read all of it); it is about 0.85 of the characters for Chinese.
    words = {r[0]: r[1] or 0 for r in store.query(
        f"SELECT id, word_count FROM articles WHERE id IN ({marks})", ids)}
    terms = [t.rstrip("*") for t in highlights if t.rstrip("*")]
    out: dict[int, SnippetText] = {}
    whole = [i for i in ids if words.get(i, 0) <= LONG_TEXT // 2 or not terms]
    long_ids = [i for i in ids if i in words and i not in whole]
    if long_ids:
        marks = ",".join("?" * len(long_ids))
        for aid, text in store.query(
                f"SELECT id, text FROM articles WHERE id IN ({marks})", long_ids):
            window = _window(text or "", terms)
            if window is None:
                whole.append(aid)
            else:
                out[aid] = window
    from .library import snippet_text  # the whole-text rule lives with the Library

    for aid, article in store.articles(whole).items():
        out[aid] = SnippetText(snippet_text(article))
    return out


def _window(text: str, terms: list[str]) -> SnippetText | None:
    found = [p for t in terms if (p := text.find(t)) >= 0]
    if not found:
        return None
    start = max(0, min(found) - WINDOW // 3)
    end = min(len(text), start + WINDOW)
    return SnippetText(text[start:end], cut_before=start > 0, cut_after=end < len(text))
