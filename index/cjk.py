"""The one definition of which code points are Chinese (CJK) characters.

* ideographs: the unified ideographs with extension A, the compatibility ideographs and
  the supplementary planes' extensions (B onwards): what is searched as n-grams, counted
  as Chinese text and allowed in Chinese names;
* ``々 〆 〇`` are searched as ideographs too (``GRAM_RANGES``);
* wide script: the ideographs plus CJK radicals, punctuation, kana, bopomofo, enclosed
  and compatibility forms and the full-width forms: text where a line break is no space.
"""

from __future__ import annotations

import numpy as np

IDEOGRAPH_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF),
)
GRAM_RANGES = (*IDEOGRAPH_RANGES, (0x3005, 0x3007))  # 々 〆 〇 are searched as ideographs
WIDE_RANGES = ((0x2E80, 0x33FF), *IDEOGRAPH_RANGES, (0xFF00, 0xFFEF))


def char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """The body of a regular-expression character class for ``ranges`` (no brackets)."""
    return "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


IDEOGRAPH_CLASS = char_class(IDEOGRAPH_RANGES)
WIDE_CLASS = char_class(WIDE_RANGES)


def is_ideograph(ch: str) -> bool:
    """True for a CJK ideograph."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in IDEOGRAPH_RANGES)


def is_gram_char(ch: str) -> bool:
    """True for a character searched as n-grams (an ideograph, or 々 〆 〇)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in GRAM_RANGES)


def ideograph_mask(codes: np.ndarray) -> np.ndarray:
    """Which of these code points are ideographs."""
    mask = np.zeros(len(codes), dtype=bool)
    for lo, hi in IDEOGRAPH_RANGES:
        mask |= (codes >= lo) & (codes <= hi)
    return mask
