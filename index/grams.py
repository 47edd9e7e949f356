"""Character grams as integers: the recall view of a text, computed with NumPy.

A folded text is cut into runs of CJK ideographs and runs of other letters and digits
(everything else separates runs and is not indexed). Every run character takes the next
position; the character at position ``p`` contributes the gram "this character and the
next one of the same run" or, at the end of a run, the character alone. A gram is one
integer: ``first << 21 | second`` (``second`` is 0 for a lone character). The first gram
of a run of letters and digits also carries ``WORD_START``, so a Latin word is matched as
a whole word (``tar`` does not match inside "target"; ``tar*`` asks for the prefix).

Any CJK string that occurs in a text maps (``query_grams``) to grams that occur in that
text at consecutive positions, which is what makes every CJK substring findable; letters
and digits match from a word start, to a word end unless a prefix is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .cjk import GRAM_RANGES, ideograph_mask
from .folding import fold

SHIFT = 21
WORD_START = 1 << (2 * SHIFT)  # flag on the first gram of a run of letters and digits
_LOW = (1 << SHIFT) - 1
OTHER, CJK, ALNUM = 0, 1, 2


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    table = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x10000):
        if chr(cp).isalnum():
            table[cp] = ALNUM
    for lo, hi in GRAM_RANGES:  # the ones in the basic plane
        table[lo : hi + 1] = CJK
    return table


def char_classes(codes: np.ndarray) -> np.ndarray:
    """Run class (OTHER, CJK, ALNUM) of each code point."""
    table = _class_table()
    bmp = codes < 0x10000
    out = np.zeros(len(codes), dtype=np.uint8)
    out[bmp] = table[codes[bmp]]
    astral = ~bmp
    if astral.any():
        c = codes[astral]
        out[astral] = np.where(ideograph_mask(c), CJK, OTHER)
    return out


def to_codes(folded: str) -> np.ndarray:
    return np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


@dataclass
class TextGrams:
    """The grams of one text: gram codes and their positions (both int64 arrays)."""

    grams: np.ndarray
    positions: np.ndarray
    length: int  # number of positions used


def text_grams(folded: str, start_pos: int = 0) -> TextGrams:
    """Grams of an already folded text, positions counted from ``start_pos``."""
    codes = to_codes(folded)
    if len(codes) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return TextGrams(empty, empty, 0)
    cls = char_classes(codes)
    indexed = cls != OTHER
    nxt_same = np.zeros(len(codes), dtype=bool)
    nxt_same[:-1] = indexed[:-1] & (cls[:-1] == cls[1:])
    second = np.zeros(len(codes), dtype=np.int64)
    second[:-1] = np.where(nxt_same[:-1], codes[1:], 0)
    grams = (codes << SHIFT) | second
    starts = cls == ALNUM
    starts[1:] &= cls[:-1] != ALNUM
    grams[starts] |= WORD_START
    positions = np.cumsum(indexed) - 1 + start_pos
    return TextGrams(grams[indexed], positions[indexed], int(indexed.sum()))


def query_grams(text: str, prefix: bool = False) -> list[tuple[int, bool]]:
    """The gram sequence a query string must match at consecutive positions.

    Items are ``(code, is_prefix)``. A query ending in CJK may go on in the text: its
    closing lone character is dropped after a pair, or (a one-character last run) becomes
    a prefix, any gram starting with that character. A query ending in a letter or digit
    ends a word there, unless ``prefix`` asks for words that start with it.
    """
    folded = fold(text)
    g = text_grams(folded)
    if g.length == 0:
        return []
    items = [(int(code), False) for code in g.grams]
    last = items[-1][0]
    if not prefix and _ends_alnum(folded):
        return items  # the lone last character marks the word's end
    if len(items) >= 2 and (items[-2][0] & _LOW) == ((last >> SHIFT) & _LOW):
        items.pop()  # the lone last character is already the second half of the pair before
    elif last & _LOW == 0:
        items[-1] = (last, True)
    return items


def _ends_alnum(folded: str) -> bool:
    """True when the last indexed character of ``folded`` is a letter or digit (not CJK)."""
    codes = to_codes(folded)
    cls = char_classes(codes)
    idx = cls.nonzero()[0]
    return bool(len(idx)) and int(cls[idx[-1]]) == ALNUM


def prefix_range(code: int) -> tuple[int, int]:
    """The gram codes starting with the character (and word-start flag) of ``code``."""
    first = code >> SHIFT
    return first << SHIFT, (first + 1) << SHIFT


def next_chars(grams: np.ndarray) -> np.ndarray:
    """For each gram of one text (in position order): the second character of the gram
    at the next position, when that position continues the gram's run (the gram is a
    pair); 0 for a lone character at a run's end, and for a pair whose run ends after its
    second character (the gram there is that character alone).

    A pair's postings are grouped by this character, so a pair followed by a given
    character (a three-character string) is one group of positions."""
    out = np.zeros(len(grams), dtype=np.int64)
    if len(grams) > 1:
        pair = (grams[:-1] & _LOW) != 0
        out[:-1] = np.where(pair, grams[1:] & _LOW, 0)
    return out
