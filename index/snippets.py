"""Snippets with highlighted terms, cut from the text as written at sentence ends.

Matching runs over ``fold(text)``, which has the same offsets as the text, so a query in
traditional characters highlights the simplified text (and the reverse) in place.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .cjk import GRAM_RANGES, char_class
from .folding import fold, fold_table
from .grams import query_grams

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
MAX_SNIPPET = 110
LEAD = 24  # at most this many characters before the first hit (a list shows two lines)


@dataclass
class Snippet:
    """A piece of text and the spans in it to highlight."""

    text: str
    spans: list[tuple[int, int]]
    leading: bool = False  # text was cut before the snippet
    trailing: bool = False  # text goes on after the snippet
    scanned: int = 0  # characters of the text folded to make it (its cost)

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


_LATIN = rf"[^\W_{char_class(GRAM_RANGES)}]"
_LATIN_RE = re.compile(_LATIN)
CHUNK = 1024  # about this many characters around the first hit are folded for a snippet
MAX_SPANS = 2000  # find_spans stops after this many (a reader marks no more at once)


@lru_cache(maxsize=256)
def _term_pattern(term: str) -> re.Pattern | None:
    """A regular expression for a highlight string that starts or ends a Latin word: it
    matches whole words only (``tar`` not inside "target"); a trailing ``*`` extends it to
    the rest of the word. None when plain substring search is right (CJK)."""
    prefix = term.endswith("*") and len(term) > 1
    body = term[:-1] if prefix else term
    starts, ends = bool(_LATIN_RE.match(body[0])), bool(_LATIN_RE.match(body[-1]))
    if not (starts or ends or prefix):
        return None
    pattern = (f"(?<!{_LATIN})" if starts else "") + re.escape(body)
    if prefix:
        pattern += f"{_LATIN}*"
    elif ends:
        pattern += f"(?!{_LATIN})"
    return re.compile(pattern)


def find_spans(text: str, terms: list[str], folded: str | None = None,
               limit: int = MAX_SPANS) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` of the occurrences of the folded ``terms`` in
    ``text`` (Latin words as whole words), at most ``limit`` of them, from the start."""
    folded = fold(text) if folded is None else folded
    spans: list[tuple[int, int]] = []
    for term in {t for t in terms if t and t != "*"}:
        pattern = _term_pattern(term)
        if pattern is not None:
            for n, m in enumerate(pattern.finditer(folded)):
                if n >= limit:
                    break
                spans.append(m.span())
            continue
        start = folded.find(term)
        n = 0
        while start >= 0 and n < limit:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
            n += 1
    return merge_spans(spans)[:limit]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``(start, end)`` spans sorted, with overlapping ones joined into one."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda span: (span[0], -span[1])):
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


@lru_cache(maxsize=1)
def _preimages() -> dict[str, str]:
    """For each folded character, the characters that fold to it (itself included)."""
    inverse: dict[str, set[str]] = {}
    for cp, dst in fold_table().items():
        low = dst.lower()
        inverse.setdefault(low, {low}).add(chr(cp))
    return {ch: "".join(sorted(chars)) for ch, chars in inverse.items()}


def prepare_tables() -> None:
    """Build the lookup tables a search uses, once a process (15-40 ms): character classes,
    the folding table as an array, and its inverse for finding hits in the text as
    written; the first search would otherwise pay for them."""
    query_grams(fold("汉字" * 200))  # long enough to fold through the array table
    _preimages()


def _forms(ch: str) -> str:
    chars = set(_preimages().get(ch, ch))
    upper = ch.upper()
    if len(upper) == 1 and upper.lower() == ch:
        chars.add(upper)
    return "".join(sorted(chars))


@lru_cache(maxsize=256)
def _raw_pattern(term: str) -> tuple[str, re.Pattern | None]:
    """How to find, in the text as written, where the folded ``term`` may occur: the term
    itself (found with ``str.find``, in the lower-cased text when it has letters), and a
    pattern of every form of each of its characters when other characters fold to them
    (None when none do). The window around a place found is then folded and checked."""
    body = term[:-1] if term.endswith("*") and len(term) > 1 else term
    forms = [_forms(ch) for ch in body]
    if all(len(f) == 1 for f in forms):
        return body, None
    return body, re.compile("".join(re.escape(f) if len(f) == 1 else
                                    "[" + "".join(re.escape(c) for c in f) + "]"
                                    for f in forms))


class _Finder:
    """Finds the earliest place a term may occur: ``str.find`` of its folded form first
    (fast, and right for most texts), then the pattern only over the text before that."""

    def __init__(self, text: str):
        self.text = text
        self._lower: str | None = None

    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
            if len(self._lower) != len(self.text):  # a character that lower-cases to two
                self._lower = self.text
        return self._lower

    def find(self, term: str, pos: int) -> int:
        literal, pattern = _raw_pattern(term)
        hay = self.lower() if literal != literal.upper() else self.text
        first = hay.find(literal, pos)
        if pattern is None:
            return first
        m = pattern.search(self.text, pos, first + len(literal) if first >= 0 else len(hay))
        return m.start() if m else first


def _first_region(text: str, terms: list[str]) -> tuple[int, int, list[tuple[int, int]], int]:
    """The stretch of ``text`` around its first hit, that stretch's spans, and how many
    characters were folded to find it. The first possible hit is found in the text as
    written (a regular expression over each term's unfolded forms, no folding), and only
    a window of about ``CHUNK`` characters around it is folded and checked, so the cost
    does not grow with the length of the text."""
    wanted = [t for t in terms if t and t != "*"]
    finder = _Finder(text)
    scanned, pos = 0, 0
    while wanted:
        found = [i for t in wanted if (i := finder.find(t, pos)) >= 0]
        if not found:
            break
        at = min(found)
        lo = _sentence_start(text, max(0, at - CHUNK // 4))
        hi = _sentence_stop(text, min(len(text), at + CHUNK // 2))
        scanned += hi - lo
        spans = find_spans(text[lo:hi], terms)
        if spans:
            return lo, hi, [(a + lo, b + lo) for a, b in spans], scanned
        pos = at + 1  # the unfolded match was not a hit (e.g. not a whole word): go on
    return 0, 0, [], scanned


def _sentence_start(text: str, i: int, reach: int = 400) -> int:
    lo = max(0, i - reach)
    for j in range(i - 1, lo - 1, -1):
        if _SENTENCE_END.match(text[j]):
            return j + 1
    return lo


def _sentence_stop(text: str, i: int, reach: int = 400) -> int:
    m = _SENTENCE_END.search(text, i, min(len(text), i + reach))
    return m.end() if m else min(len(text), i + reach)


def make_snippet(text: str, terms: list[str], size: int = MAX_SNIPPET) -> Snippet:
    """The best sentence-bounded window of ``text`` around the terms (the opening if none).

    Only the stretch around the first hit is folded and looked at (``_first_region``);
    the snippet's ``scanned`` says how many characters that was.
    """
    lo, hi, spans, scanned = _first_region(text, [t for t in terms if t])
    if not spans:
        start = len(text) - len(text.lstrip())
        head = text[start:start + size * 2]
        ends = [e + start for e in _sentence_ends(head)]
        i = 0
        end = ends[0]
        while end - start < size * 0.6 and i + 1 < len(ends):
            i += 1
            end = ends[i]
        snip = _window(text, start, end, [], size)
        snip.scanned = scanned
        return snip
    region = text[lo:hi]
    ends = [e + lo for e in _sentence_ends(region)]
    # Score each sentence by the distinct terms and hits it holds; take the best.
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        by_sentence.setdefault(bisect_right(ends, span[0]), []).append(span)
    best = max(by_sentence, key=lambda i: (
        len({text[a:b].lower() for a, b in by_sentence[i]}), len(by_sentence[i]), -i))
    s = ends[best - 1] if best > 0 else lo
    i = min(best, len(ends) - 1)
    e = ends[i]
    # Extend with following sentences while there is room.
    while i + 1 < len(ends) and e - s < size * 0.6 and ends[i + 1] - s <= size:
        i += 1
        e = ends[i]
    local = [(a, b) for a, b in spans if a >= s and b <= e]
    snip = _window(text, s, e, local, size)
    snip.scanned = scanned
    return snip


def _window(text: str, s: int, e: int, spans: list[tuple[int, int]], size: int) -> Snippet:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    trailing = e < len(text.rstrip())
    if spans and spans[0][0] - s > LEAD:
        # Keep the hit on the first line: start shortly before it.
        s = spans[0][0] - LEAD
        while s < spans[0][0] and not text[s].isspace() and s > 0 \
                and _LATIN_RE.match(text[s - 1]) and _LATIN_RE.match(text[s]):
            s += 1  # not inside a Latin word
        s = min(s, spans[0][0])
    if e - s > size:
        # Keep the first highlight in view: centre the window on it.
        anchor = spans[0][0] if spans else s
        s2 = max(s, min(anchor - size // 3, e - size))
        e = s2 + size
        leading = s2 > 0
        s = s2
        trailing = True
    else:
        leading = s > 0 and not _SENTENCE_END.match(text[s - 1])
    local = [(a - s, b - s) for a, b in spans if a >= s and b <= e]
    return Snippet(text[s:e].replace("\n", " "), local, leading, trailing)
