"""Snippets with highlighted terms, cut from the text as written at sentence ends.

Matching runs over ``fold(text)``, which has the same offsets as the text, so a query in
traditional characters highlights the simplified text (and the reverse) in place.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

from .folding import fold

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
MAX_SNIPPET = 110


@dataclass
class Snippet:
    """A piece of text and the spans in it to highlight."""

    text: str
    spans: list[tuple[int, int]]
    leading: bool = False  # text was cut before the snippet
    trailing: bool = False  # text goes on after the snippet

    def to_html(self, tag: str = "mark") -> str:
        """The snippet as escaped HTML with each span in ``<tag>``."""
        return self._render(lambda s: f"<{tag}>{html.escape(s)}</{tag}>", html.escape)

    def to_marked(self, left: str = "[", right: str = "]") -> str:
        """The snippet as plain text with each span between ``left`` and ``right``."""
        return self._render(lambda s: f"{left}{s}{right}", lambda s: s)

    def _render(self, mark, plain) -> str:
        out: list[str] = ["…" if self.leading else ""]
        last = 0
        for start, end in self.spans:
            out.append(plain(self.text[last:start]))
            out.append(mark(self.text[start:end]))
            last = end
        out.append(plain(self.text[last:]))
        out.append("…" if self.trailing else "")
        return "".join(out)


def find_spans(text: str, terms: list[str], folded: str | None = None) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` of every occurrence of the folded ``terms`` in ``text``."""
    folded = fold(text) if folded is None else folded
    spans: list[tuple[int, int]] = []
    for term in {t for t in terms if t}:
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end; the text's end closes the last sentence."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return ends


def make_snippet(text: str, terms: list[str], size: int = MAX_SNIPPET) -> Snippet:
    """The best sentence-bounded window of ``text`` around the terms (the opening if none)."""
    spans = find_spans(text, terms)
    ends = _sentence_ends(text)
    if not spans:
        start = len(text) - len(text.lstrip())
        i = bisect_right(ends, start)
        end = ends[min(i, len(ends) - 1)]
        while end - start < size * 0.6 and i + 1 < len(ends):
            i += 1
            end = ends[i]
        return _window(text, start, end, [], size)
    # Score each sentence by the distinct terms and hits it holds; take the best.
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        by_sentence.setdefault(bisect_right(ends, span[0]), []).append(span)
    best = max(by_sentence, key=lambda i: (
        len({text[a:b].lower() for a, b in by_sentence[i]}), len(by_sentence[i]), -i))
    s = ends[best - 1] if best > 0 else 0
    i = min(best, len(ends) - 1)
    e = ends[i]
    # Extend with following sentences while there is room.
    while i + 1 < len(ends) and e - s < size * 0.6 and ends[i + 1] - s <= size:
        i += 1
        e = ends[i]
    local = [(a, b) for a, b in spans if a >= s and b <= e]
    return _window(text, s, e, local, size)


def _window(text: str, s: int, e: int, spans: list[tuple[int, int]], size: int) -> Snippet:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    trailing = e < len(text.rstrip())
    if e - s > size:
        # Keep the first highlight in view: centre the window on it.
        anchor = spans[0][0] if spans else s
        s2 = max(s, min(anchor - size // 3, e - size))
        e = s2 + size
        leading = s2 > 0
        s = s2
        trailing = True
    else:
        leading = s > 0 and not _SENTENCE_END.match(text[s - 1]) if s > 0 else False
    local = [(a - s, b - s) for a, b in spans if a >= s and b <= e]
    return Snippet(text[s:e].replace("\n", " "), local, leading, trailing)
