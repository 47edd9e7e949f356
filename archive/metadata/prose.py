"""Which lines of a text are prose, and which are code, tables, markup or command output.

A date or a year is evidence only when it is told in prose: the numbers in a process
listing, a ``dd bs=2048`` command, a ``date`` printout, a changelog line in a code block or
a troff comment are not publication dates. ``mask_non_prose`` blanks every non-prose line
(same length, so offsets stay valid) and the date detector reads what is left.
"""

from __future__ import annotations

import re

from index.cjk import IDEOGRAPH_CLASS

# A troff request or comment (man pages read as text): ".SH", ".\\\"", "'\\\"".
_TROFF_RE = re.compile(r"^\s*(?:\.\\\"|'\\\"|\.[a-z]{1,3}\b|\\\")")
# The title line of a man page (".TH NAME 8 \"27 July 1994\" ..."): a title-page date.
_TROFF_TITLE_RE = re.compile(r"^\s*\.th\s")
_PROMPT_RE = re.compile(r"^\s*(?:\$|#|%|>>>|>|[\w.-]+@[\w.-]+:[^\s]*[$#])\s+\S")
# Code: statements, assignments, calls, braces, options. Keywords count at the start of a
# line only ("export of cars rose in 2023" is prose).
_CODE_RE = re.compile(
    r"[;{}]\s*$|^\s*[{}]|^\s*(?:sudo\s+)?(?:def|echo|apt|apt-get|dd|ls|grep|sed|awk|mkdir|"
    r"chmod|printf|cd|rm|cp|mv|tar|git|pip|python3?|npm|gcc|make)\b\s+\S|==|!=|&&|"
    r"\|\||->|::|\w=\S|(?:^|\s)--?[a-z][\w-]*|\$\(|`"
)
# "date" output and log stamps: a time with seconds next to a time zone or a weekday.
_CLOCK_RE = re.compile(r"\d{1,2}:\d{2}:\d{2}")
_ZONE_RE = re.compile(r"\b(?:utc|gmt|cst|cet|cest|est|edt|pst|pdt|jst)\b|[+-]\d{4}\b")
_WEEKDAY_RE = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|星期.|周[一二三四五六日天]")
# A stamp of a publication line ("2024-06-18 10:20:33 星期二 来源：新华网") is evidence.
_PUBLICATION_WORD_RE = re.compile(r"来源|发布|发表|编辑|作者|published|posted|updated|source")
_EMAIL_RE = re.compile(r"<[^<>\s]+@[^<>\s]+>")
_NUMBER_TOKEN_RE = re.compile(r"^[\d.,:%/+-]+[kmgtb%]?$")
_LETTER_RE = re.compile(f"[a-z{IDEOGRAPH_CLASS}]")
_DATE_ONLY_RE = re.compile(
    r"[(\[【]?\s*\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[)\]】]?"
)


def is_non_prose_line(line: str) -> bool:
    """True for a line of code, a table row, markup or command output (folded text)."""
    s = line.strip()
    if not s:
        return False
    if _TROFF_TITLE_RE.match(s):
        return False
    if _TROFF_RE.match(s) or _PROMPT_RE.match(s):
        return True
    if _EMAIL_RE.search(s):  # a changelog signature, a mail header quoted in a listing
        return True
    if (_CLOCK_RE.search(s) and _ZONE_RE.search(s) and _stamp_only(s)
            and not _PUBLICATION_WORD_RE.search(s)):
        return True  # "date" output, a log line; not a stamp quoted inside a sentence
    tokens = s.split()
    if 3 <= len(tokens) <= 60:
        numeric = sum(1 for t in tokens if _NUMBER_TOKEN_RE.match(t))
        if numeric >= 3 and numeric * 2 >= len(tokens):
            return True  # a row of a table of numbers (ps, df, a spreadsheet)
    if "|" in s and s.count("|") >= 2:
        return True  # a text table
    if _CODE_RE.search(s) and len(_CJK_RE.findall(s)) * 3 < len(s):
        return True
    # digits and symbols only: a row of numbers, a rule
    return not _LETTER_RE.search(s) and not _DATE_ONLY_RE.fullmatch(s)


_MONTH_WORD_RE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")


def _stamp_only(line: str) -> bool:
    """True when a line is little more than a time stamp (the words of a date removed)."""
    rest = _MONTH_WORD_RE.sub("", _WEEKDAY_RE.sub("", _ZONE_RE.sub("", line)))
    return sum(1 for ch in rest if ch.isalpha() and ch not in "年月日") <= 12


_YEAR_RUN_RE = re.compile(r"(?:18|19|20|21)\d\d")
_CJK_RE = re.compile(f"[{IDEOGRAPH_CLASS}]")


def mask_non_prose(folded: str) -> str:
    """``folded`` with every non-prose line that holds a year-like number replaced by spaces
    (same length); lines without one cannot hold a date and are left as they are."""
    if not folded:
        return folded
    spans: list[tuple[int, int]] = []
    last_end = -1
    for m in _YEAR_RUN_RE.finditer(folded):
        if m.start() < last_end:
            continue
        start = folded.rfind("\n", 0, m.start()) + 1
        end = folded.find("\n", m.end())
        end = len(folded) if end < 0 else end
        last_end = end
        if is_non_prose_line(folded[start:end]):
            spans.append((start, end))
    if not spans:
        return folded
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(folded[pos:start])
        parts.append(" " * (end - start))
        pos = end
    parts.append(folded[pos:])
    return "".join(parts)
