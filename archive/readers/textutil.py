"""Small text helpers shared by the readers."""

from __future__ import annotations

import re

from index.cjk import WIDE_CLASS

_WS = re.compile(r"[ \t\r\n\f]+")  # HTML collapses ASCII white space only
# A run of white space that contained a line break, between two CJK characters or CJK
# punctuation, is an artefact of source wrapping: drop it rather than leave a space.
_CJK_CLASS = WIDE_CLASS
_CJK_BREAK = re.compile(rf"(?<=[{_CJK_CLASS}])[ \t]*\n\s*(?=[{_CJK_CLASS}])")


def tidy_lines(lines: list[str]) -> str:
    """Join lines with ``\\n``: trailing blanks of each line and blank lines at the two ends
    removed, everything else as written."""
    out = [line.rstrip() for line in lines]
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


_BREAK_AFTER = re.compile(r"[。！？；.!?;]\s*|\s+")


def cut_long_lines(text: str, limit: int) -> tuple[str, int]:
    """Lines longer than ``limit`` characters cut into pieces of at most ``limit``, each at
    its last sentence end or space when there is one; returns (text, lines cut)."""
    if len(text) <= limit or all(len(line) <= limit for line in text.split("\n")):
        return text, 0
    out: list[str] = []
    cut = 0
    for line in text.split("\n"):
        if len(line) <= limit:
            out.append(line)
            continue
        cut += 1
        while len(line) > limit:
            window = line[:limit]
            ends = [m.end() for m in _BREAK_AFTER.finditer(window, limit // 2)]
            at = ends[-1] if ends and ends[-1] < limit else limit
            out.append(line[:at].rstrip())
            line = line[at:]
        out.append(line)
    return "\n".join(out), cut


def long_lines_warning(cut: int, limit: int) -> str:
    """The import report's note for ``cut_long_lines``."""
    lines = "line was" if cut == 1 else "lines were"
    return f"{cut} {lines} longer than {limit:,} characters and cut into shorter lines."


def collapse_ws(text: str) -> str:
    """Markup white space -> single spaces (a wrapped line inside CJK text -> nothing)."""
    text = _CJK_BREAK.sub("", text)
    return _WS.sub(" ", text).strip()


def visible_len(text: str) -> int:
    """Characters that are not white space."""
    return sum(1 for ch in text if not ch.isspace())
