"""Word analysis: the segmented-word view of a text (the gram view is in ``grams``).

Words come from jieba (rjieba, the jieba-rs binding) in search mode over ``fold``-ed text,
so offsets are offsets in the text as written. Each word of the default segmentation takes
one position; the shorter words search mode finds inside it share that position.

The tokenizer lives at this stable import path because Whoosh pickles the schema.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import rjieba
from whoosh.analysis import Token, Tokenizer

from .folding import fold

_WORD_OK_RE = re.compile(r"\w", re.UNICODE)
_USERDICT = Path(__file__).resolve().parent.parent / "resources" / "userdict.txt"


@lru_cache(maxsize=1)
def _segmenter() -> rjieba.Jieba:
    seg = rjieba.Jieba()
    if _USERDICT.exists():
        for line in _USERDICT.read_text(encoding="utf-8").splitlines():
            word = line.split()[0] if line.strip() and not line.startswith("#") else ""
            if word:
                seg.add_word(fold(word), None, None)
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


_STOP_WORDS = frozenset(
    "的 了 和 与 及 在 是 为 对 将 等 也 都 而 就 从 以 于 上 中 下 把 被 让 向 到 这 那 其 之 并 "
    "一个 我们 他们 进行 通过 实现 推动 加快 不断 已经 目前 同时 以及 作为 今年 一批 the a an of "
    "and or to in on for with by is are was were be as at from that this it".split()
)


def key_words(folded: str, count: int = 40) -> list[str]:
    """The ``count`` most telling words of a folded text: frequent, longer, not stop words."""
    counts = Counter(w for w in _segmenter().cut(folded) if len(w) >= 2)
    weight = {w: c * min(len(w), 4) for w, c in counts.items()}
    out: list[str] = []
    for word in heapq.nlargest(count * 2, weight, key=weight.__getitem__):
        if len(word) >= 2 and word not in _STOP_WORDS and not word.isdigit() \
                and _WORD_OK_RE.search(word):
            out.append(word)
            if len(out) == count:
                break
    return out


def query_words(folded: str) -> list[str]:
    """The default-mode words of a query string, in order (matched as a phrase)."""
    return [w for w in _segmenter().cut(folded) if _WORD_OK_RE.search(w)]


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


def WordAnalyzer() -> WordTokenizer:  # noqa: N802
    """Analyzer for the ranking (word) fields."""
    return WordTokenizer()
