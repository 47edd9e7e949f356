"""Chinese dashes and ellipses as printed, from what the recogniser makes of them.

The recogniser reads the two-em dash "——" as "一一" (the character for one, twice), "--"
or "-一", and the ellipsis "……" as a row of hyphens, dots or middle dots ("------",
"-·-", "··.·"). ``tidy_punctuation`` puts them back, only in Chinese context (the
character before is Chinese or Chinese punctuation), so "..." and "--" in English text
are left alone. The enumeration comma "、" read as the radical "丶" (never a word of its
own) and a full stop read as a degree sign after a Chinese character are put back too.
PP-OCRv5 (traditional pages) reads the middle dot "·" of "引領·革新" as the katakana
middle dot "・"; away from kana it is put back as "·".
"一一" is a word too ("一一列举", one by one): it is taken for a dash only
where a word cannot be, at the start or end of a line or next to punctuation.
"""

from __future__ import annotations

import re

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2026\u22ef"
_DOTS = "·.．…⋯・•"
_ELLIPSIS = re.compile(
    rf"(?:(?<=[{_CJK}])|^)(?:[-{_DOTS}]*[{_DOTS}][-{_DOTS}]*|-{{4,}})(?=$|[^-{_DOTS}])")
_DASH_PAIR = re.compile(rf"(?<=[{_CJK}])(?:--|-一|一-|—一|一—|-—|—-)|^(?:--|-一|一-|—一|一—|-—|—-)")
_PUNCT_BEFORE = "”’」』）)》!?！？。，,；;：:、"
_PUNCT_AFTER = "“‘「『（(《"
_ONE_ONE = re.compile(rf"(?:^|(?<=[{re.escape(_PUNCT_BEFORE)}]))一一|一一(?=$|[{re.escape(_PUNCT_AFTER)}])")


_KANA_DOT = re.compile(r"(?<![\u3040-\u30ff])\u30fb(?![\u3040-\u30ff])")
_STOP = re.compile(r"(?<=[\u3400-\u9fff”’」』）])°")


def _ellipsis(m: re.Match) -> str:
    run = m.group(0)
    if set(run) <= {"…", "⋯"}:
        return run  # printed ellipses, read right
    if len(run) < 2 or (len(run) == 2 and "-" in run):
        return run  # one dot, or "-." / ".-": too little to tell
    return "……" if len(run) >= 3 else "…"


def tidy_punctuation(line: str) -> str:
    """One recognised line with dashes and ellipses restored (see the module docstring)."""
    if not line:
        return line
    line = _ELLIPSIS.sub(_ellipsis, line)
    line = _DASH_PAIR.sub("——", line)
    line = _STOP.sub("。", line.replace("丶", "、"))
    line = _KANA_DOT.sub("·", line)
    return _ONE_ONE.sub("——", line)
