"""The language of an article: "zh" or "en"."""

from __future__ import annotations

import numpy as np

from index.cjk import ideograph_mask


def detect_language(text: str) -> str:
    """Return "zh" when Chinese characters carry the text, "en" when Latin letters do.

    A Chinese character holds about as much as a three-letter English word, so a text is
    Chinese once its CJK characters reach a fifth of its Latin letters: an English article
    quoting 一汽-大众 stays English, a Chinese one full of "GDP" and "CATL" stays Chinese.
    """
    sample = text[:20000]
    if not sample:
        return "zh"
    cps = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cjk = int(np.count_nonzero(ideograph_mask(cps)))
    lower = cps | 0x20  # ASCII upper case -> lower case
    latin = int(np.count_nonzero((lower >= 0x61) & (lower <= 0x7A)))
    if cjk == 0 and latin == 0:
        return "zh"
    return "zh" if cjk * 5 >= latin else "en"
