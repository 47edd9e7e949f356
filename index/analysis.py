"""Chinese-aware analysis: segmented words for ranking, character bigrams for recall.

Two views of every text, both over ``fold``-ed characters (so offsets are the offsets of
the text as written):

* **words**: jieba (rjieba) in search mode. Each word of the default segmentation takes one
  position; the shorter words that search mode finds inside it share that position, so a
  phrase of default-mode words matches at consecutive positions.
* **grams**: text is cut into runs of CJK characters and runs of letters/digits. Each run
  of ``n`` characters emits the bigram starting at each of its first ``n - 1`` characters
  and, at its last character, the single character; token ``i`` of a run takes position
  ``p + i``. Any string that occurs in a text therefore analyses (see ``query_grams``) into
  a sequence of grams at consecutive positions that occurs in the text's grams.

Analyzer classes live at this stable import path because Whoosh pickles the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rjieba
from whoosh.analysis import Token, Tokenizer

from .folding import fold

# A run is a maximal stretch of CJK ideographs, or of letters and digits.
_RUN_RE = re.compile(
    r"(?P<cjk>[\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+)"
    r"|(?P<alnum>[^\W_\u3005-\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+)"
)
_WORD_OK_RE = re.compile(r"\w", re.UNICODE)
_USERDICT = Path(__file__).resolve().parent.parent / "resources" / "userdict.txt"


@dataclass(frozen=True)
class Gram:
    """One gram token: its text, position and character span in the analysed text."""

    text: str
    pos: int
    start: int
    end: int


def iter_runs(folded: str) -> Iterator[tuple[int, int]]:
    """Start and end of each CJK or alphanumeric run in ``folded``."""
    for m in _RUN_RE.finditer(folded):
        yield m.start(), m.end()


def text_grams(folded: str) -> Iterator[Gram]:
    """The gram tokens of an indexed text (already folded)."""
    pos = 0
    for start, end in iter_runs(folded):
        for i in range(start, end - 1):
            yield Gram(folded[i : i + 2], pos, i, i + 2)
            pos += 1
        yield Gram(folded[end - 1], pos, end - 1, end)
        pos += 1


def query_grams(folded: str) -> list[tuple[str, bool]]:
    """The gram sequence a query string must match, as ``(text, is_prefix)`` pairs.

    Consecutive items must occur at consecutive positions. The query's last run may
    continue in the text, so its closing single character is dropped (after a bigram)
    or becomes a prefix (a one-character run).
    """
    runs = list(iter_runs(folded))
    out: list[tuple[str, bool]] = []
    for n, (start, end) in enumerate(runs):
        last = n == len(runs) - 1
        for i in range(start, end - 1):
            out.append((folded[i : i + 2], False))
        if not last:
            out.append((folded[end - 1], False))
        elif end - start == 1:
            out.append((folded[start], True))
    return out


@lru_cache(maxsize=1)
def _segmenter() -> rjieba.Jieba:
    seg = rjieba.Jieba()
    if _USERDICT.exists():
        for line in _USERDICT.read_text(encoding="utf-8").splitlines():
            word = line.split()[0] if line.strip() and not line.startswith("#") else ""
            if word:
                seg.add_word(fold(word))
    return seg


def text_words(folded: str) -> Iterator[tuple[str, int, int, int]]:
    """``(word, position, start, end)`` for the words of a folded text (search mode).

    Positions count the words of the default segmentation; the parts of a long word
    that search mode adds take the position of the word they lie in.
    """
    seg = _segmenter()
    pos_at = [0] * (len(folded) + 1)
    pos = 0
    for word, start, end in seg.tokenize(folded):
        if _WORD_OK_RE.search(word):
            pos_at[start:end] = [pos] * (end - start)
            pos += 1
    for word, start, end in seg.tokenize(folded, mode="search"):
        if _WORD_OK_RE.search(word):
            yield word, pos_at[start], start, end


def query_words(folded: str) -> list[str]:
    """The default-mode words of a query string, in order (matched as a phrase)."""
    return [w for w in _segmenter().cut(folded) if _WORD_OK_RE.search(w)]


class GramTokenizer(Tokenizer):
    """Whoosh tokenizer emitting ``text_grams`` of the folded value."""

    def __call__(  # noqa: PLR0913 (Whoosh's signature)
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for g in text_grams(fold(value)):
            t.text = g.text
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + g.pos
            if chars:
                t.startchar = start_char + g.start
                t.endchar = start_char + g.end
            yield t


class WordTokenizer(Tokenizer):
    """Whoosh tokenizer emitting ``text_words`` of the folded value."""

    def __call__(  # noqa: PLR0913
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for word, pos, start, end in text_words(fold(value)):
            t.text = word
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


def GramAnalyzer() -> GramTokenizer:  # noqa: N802 (Whoosh naming convention)
    """Analyzer for the recall (bigram) fields."""
    return GramTokenizer()


def WordAnalyzer() -> WordTokenizer:  # noqa: N802
    """Analyzer for the ranking (word) fields."""
    return WordTokenizer()
