"""Keep a traditional-script page traditional after recognition.

The recogniser's models are trained mostly on simplified Chinese: on a page printed in
traditional characters it reads many of them right but puts in the simplified form of
others (贏 read as 赢, 輛 as 辆). ``page_script`` tells from the recognised text which
script a page is in (the characters that exist in only one of the two scripts vote); on
a traditional page ``match_script`` turns the simplified forms into traditional ones with
OpenCC (``s2t``, phrase-aware), leaving characters that are already traditional alone.
A simplified page, or one that does not clearly lean either way, is left as it is.
"""

from __future__ import annotations

from functools import cache

MIN_VOTES = 8  # characters that exist in one script only, before a page is called traditional
LEAN = 2.0  # ... and traditional-only ones must outnumber simplified-only ones this many times


@cache
def _converters():
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


def page_script(text: str) -> str:
    """``"traditional"``, ``"simplified"`` or ``"unknown"`` for a page's recognised text."""
    s2t, t2s = _converters()
    trad = simp = 0
    for ch in set(text):
        if not ("\u3400" <= ch <= "\u9fff"):
            continue
        n = text.count(ch)
        if t2s.convert(ch) != ch:
            trad += n
        elif s2t.convert(ch) != ch:
            simp += n
    if trad >= MIN_VOTES and trad >= LEAN * simp:
        return "traditional"
    if simp >= MIN_VOTES and simp >= LEAN * trad:
        return "simplified"
    return "unknown"


def match_script(text: str) -> str:
    """The page's text with simplified forms made traditional when the page is traditional."""
    if page_script(text) != "traditional":
        return text
    s2t, _ = _converters()
    return s2t.convert(text)
