"""Word analysis: the segmented-word view of a text (the gram view is in ``grams``).

Words come from rjieba (the jieba-rs binding) over ``fold``-ed text, with the industry and
company words of ``resources/userdict.txt`` added; ``key_words`` picks the ones that tell
an article apart, for the Whoosh word view.
"""

from __future__ import annotations

import heapq
import re
import threading
from collections import Counter
from functools import lru_cache

from .folding import fold
from .resources import RESOURCES

_WORD_OK_RE = re.compile(r"\w", re.UNICODE)
_USERDICT = RESOURCES / "userdict.txt"


@lru_cache(maxsize=1)
def _segmenter():
    import rjieba  # loads its dictionary (0.15 s): only when words are first needed

    seg = rjieba.Jieba()
    if _USERDICT.exists():
        for line in _USERDICT.read_text(encoding="utf-8").splitlines():
            word = line.split()[0] if line.strip() and not line.startswith("#") else ""
            if word:
                seg.add_word(fold(word), None, None)
    return seg


def load_segmenter_in_background() -> None:
    """Load the word segmenter (0.2-0.5 s) in a background thread, so that the first query
    split into words does not wait for it (loading holds the interpreter for that long:
    an interactive program asks for it when idle, not while it shows a page)."""
    threading.Thread(target=_segmenter, name="load-segmenter", daemon=True).start()


STOP_WORDS = frozenset(
    ["的", "了", "和", "与", "及", "在", "是", "为", "对", "将", "等", "也", "都", "而", "就", "从", "以", "于", "上", "中", "下", "把", "被", "让", "向", "到", "这", "那", "其", "之", "并", "一个", "我们", "他们", "进行", "通过", "实现", "推动", "加快", "不断", "已经", "目前", "同时", "以及", "作为", "今年", "一批", "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "is", "are", "was", "were", "be", "as", "at", "from", "that", "this", "it"]
)


def segment(folded: str) -> list[str]:
    """The words of a folded text, in order (their lengths add up to the text's)."""
    return list(_segmenter().cut(folded))


def key_words(folded: str, count: int = 40) -> list[str]:
    """The ``count`` most telling words of a folded text: frequent, longer, not stop words."""
    counts = Counter(w for w in _segmenter().cut(folded) if len(w) >= 2)
    weight = {w: c * min(len(w), 4) for w, c in counts.items()}
    out: list[str] = []
    for word in heapq.nlargest(count * 2, weight, key=weight.__getitem__):
        if len(word) >= 2 and word not in STOP_WORDS and not word.isdigit() \
                and _WORD_OK_RE.search(word):
            out.append(word)
            if len(out) == count:
                break
    return out
