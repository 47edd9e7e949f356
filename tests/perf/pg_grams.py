"""The local index's grams as PostgreSQL ``tsvector`` lexemes and ``tsquery`` phrases (the
server search of schema versions 1-2, kept for ``pg_search_choice.py``'s comparison).

A gram (``index.grams``: a character and the next one of its run, or a run's last
character alone; the first gram of a word of letters and digits flagged) becomes one
lexeme: its one or two characters, after ``^`` when flagged. A text's lexemes carry
their positions, so a query string is the phrase of its grams (``g1 <-> g2 <-> g3``), a
trailing lone CJK character a prefix lexeme (``'汽':*``). Folding (``index.folding.fold``:
traditional and simplified, width, case) is done here in Python at both ends, exactly as
the local index does.

A ``tsvector`` keeps positions up to 16383 and at most 256 of them per lexeme. A text
within those limits is stored as one *exact* part: its phrase test is the answer. A longer
text is cut into overlapping windows of its folded text, each stored without positions
and with the window's text: the lexemes find candidates, and a regular expression over
the window (``phrase_regex``) decides, so recall stays exact for any length.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.grams import CJK, SHIFT, WORD_START, char_classes, text_grams, to_codes

_LOW = (1 << SHIFT) - 1
MAX_POS = 16383  # tsvector's largest position
MAX_POSITIONS = 256  # positions a tsvector keeps per lexeme
MAX_LEXEME_BYTES = 600_000  # well under tsvector's 1 MB of lexeme text
WINDOW = 30_000  # characters of a long text's window
OVERLAP = 2_000  # characters shared by neighbouring windows (a query has at most 1000)
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005-\u3007\U00020000-\U0003ffff"


def lexeme(code: int) -> str:
    """The lexeme of a gram code."""
    first = (code >> SHIFT) & _LOW
    second = code & _LOW
    head = "^" if code & WORD_START else ""
    return head + chr(first) + (chr(second) if second else "")


def _quote(lex: str) -> str:
    return "'" + lex.replace("\\", "\\\\").replace("'", "''") + "'"


@dataclass
class Part:
    """One stored part of a text: its tsvector literal, and the window text when inexact."""

    vector: str
    exact: bool
    window: str | None = None


@lru_cache(maxsize=1 << 16)
def _quoted_lexeme(code: int) -> str:
    """The quoted lexeme of a gram code (codes recur across texts: kept)."""
    return _quote(lexeme(code))


def _grouped(folded: str) -> tuple[list[int], np.ndarray, np.ndarray]:
    """The distinct gram codes of a folded text, each one's first index in the (1-based)
    positions sorted by code then position, and those positions."""
    g = text_grams(folded)
    if g.length == 0:
        return [], np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((g.positions, g.grams))
    codes = g.grams[order]
    positions = g.positions[order].astype(np.int64) + 1
    starts = np.concatenate(([0], np.flatnonzero(np.diff(codes)) + 1, [len(codes)]))
    return codes[starts[:-1]].tolist(), starts, positions


def vector(folded: str) -> tuple[str, bool]:
    """The tsvector literal of a folded text with positions, and whether it is exact
    (every position kept); an inexact one has its positions cut at tsvector's limits."""
    codes, starts, positions = _grouped(folded)
    if not codes:
        return "", True
    quoted = list(map(_quoted_lexeme, codes))
    exact = (int(np.diff(starts).max()) <= MAX_POSITIONS and int(positions.max()) <= MAX_POS
             and sum(map(len, quoted)) * 3 <= MAX_LEXEME_BYTES)
    if exact:
        # one join over every position: a lexeme's first position follows " 'lex':",
        # the others a comma
        seps = [","] * len(positions)
        for i, (start, lex) in enumerate(zip(starts[:-1].tolist(), quoted, strict=True)):
            seps[start] = (" " if i else "") + lex + ":"
        text = "".join(itertools.chain.from_iterable(
            zip(seps, map(str, positions.tolist()), strict=True)))
        return text, True
    items = []
    bounds = starts.tolist()
    for lex, a, b in zip(quoted, bounds, bounds[1:], strict=False):
        pos = [p for p in positions[a:b].tolist() if p <= MAX_POS][:MAX_POSITIONS]
        items.append(lex + (":" + ",".join(map(str, pos)) if pos else ""))
    return " ".join(items), False


def bare_vector(folded: str) -> str:
    """The tsvector literal of a folded text's lexemes, without positions."""
    codes, _, _ = _grouped(folded)
    return " ".join(_quoted_lexeme(c) for c in codes)


def parts(folded: str) -> list[Part]:
    """How a folded text is stored: one exact part, or overlapping inexact windows."""
    if len(folded) <= MAX_POS:
        text, exact = vector(folded)
        if exact:
            return [Part(text, True)]
    out = []
    start = 0
    while True:
        end = min(len(folded), start + WINDOW)
        window = folded[start:end]
        out.append(Part(bare_vector(window), False, window))
        if end >= len(folded):
            return out
        start = end - OVERLAP


def phrase(grams: list[tuple[int, bool]]) -> str:
    """The tsquery of a query string's grams at consecutive positions."""
    return " <-> ".join(_quote(lexeme(c)) + (":*" if p else "") for c, p in grams)


def every(grams: list[tuple[int, bool]]) -> str:
    """The tsquery of a query string's grams anywhere (the candidates of a phrase)."""
    return " & ".join(_quote(lexeme(c)) + (":*" if p else "") for c, p in grams)


def phrase_regex(folded: str, prefix: bool) -> str:
    """A PostgreSQL regular expression matching, in a folded text, what the phrase of
    ``query_grams(folded, prefix)`` matches: the runs of letters, digits and CJK in
    order, anything not indexed between them, and a word's start and end where the gram
    rules mark them."""
    codes = to_codes(folded)
    classes = char_classes(codes)
    runs: list[tuple[int, str]] = []
    for ch, cls in zip(folded, classes.tolist(), strict=True):
        if cls == 0:
            if runs and runs[-1][1] != " ":
                runs.append((0, " "))
            continue
        if runs and runs[-1][0] == cls:
            runs[-1] = (cls, runs[-1][1] + ch)
        else:
            runs.append((cls, ch))
    words = [r for r in runs if r[0]]
    if not words:
        return ""
    gap_any = f"[^[:alnum:]{_CJK_CLASS}]*"
    gap_one = f"[^[:alnum:]{_CJK_CLASS}]+"
    out = []
    if words[0][0] != CJK:
        out.append(f"(?:^|[^[:alnum:]]|[{_CJK_CLASS}])")
    prev: int | None = None
    for i, (cls, text) in enumerate(runs):
        if cls == 0:
            continue
        if prev is not None:
            # two runs of one class need a separator between them; different classes may touch
            out.append(gap_one if prev == cls else gap_any)
        out.append(re.sub(r"([^\w])", r"\\\1", text))
        prev = cls
        del i
    if words[-1][0] != CJK and not prefix:
        out.append(f"(?:$|[^[:alnum:]]|[{_CJK_CLASS}])")
    return "".join(out)
