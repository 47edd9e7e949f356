"""Page furniture of a PDF: running heads and feet, page numbers, contents pages.

Works on the visual lines of each page (top to bottom order not assumed):

- a line at the top or bottom edge of a page (the two outermost lines) whose text, with
  page numbers blanked, recurs at an edge of many pages is a running head or foot: on at
  least half of the pages, or on three or more pages when it also stands apart from the
  body (a gap of two line heights), which catches heads that change with the chapter
  and alternating odd/even heads;
- a line alone in a head or foot position (the outermost line with that gap) at the same
  height on most pages is a running head even when its text changes on every page;
- the outermost line is a page number when it is one ("12", "- 12 -", "第 3 页", "iv");
- a contents page (half of its lines end in dot leaders and a page number, or its first
  line is "目录"/"Contents"/"List of Tables") is dropped whole: its entries are the
  headings of the body, which keeps them, and a contents page makes a bad snippet.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol


class Line(Protocol):
    text: str
    top: float
    bottom: float
    size: float

    @property
    def key(self) -> str: ...


PAGE_NUMBER = re.compile(
    r"^\s*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[ivxlc]{1,6})\s*$",
    re.IGNORECASE,
)
# A contents entry: dot leaders (or a run of dots/ellipses) and a page number at the end.
LEADER = re.compile(r"(?:[.·…]\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)
CONTENTS_TITLE = re.compile(
    r"^(?:目\s*录|目\s*錄|目\s*次|contents|table\s+of\s+contents|"
    r"list\s+of\s+(?:tables|figures|examples)|表格清单|表格清單|插图清单|插圖清單)$",
    re.IGNORECASE,
)


def _edges(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The two top-most and the two bottom-most lines of a page (outermost first)."""
    by_y = sorted(lines, key=lambda ln: -ln.top)
    return by_y[:2], by_y[::-1][:2]


def _apart(line: Line, lines: list[Line], at_top: bool) -> bool:
    """Is ``line`` separated from every other line of its page by two line heights?"""
    others = [ln for ln in lines if ln is not line]
    if at_top:
        below = [ln.top for ln in others if ln.top <= line.top]
        gap = line.bottom - max(below) if below else 0.0
    else:
        above = [ln.bottom for ln in others if ln.bottom >= line.bottom]
        gap = min(above) - line.top if above else 0.0
    return gap >= 2.0 * line.size


def is_contents_page(lines: list[Line]) -> bool:
    """A table of contents (or list of tables/figures) page."""
    texts = [ln.text for ln in sorted(lines, key=lambda ln: -ln.top)]
    if not texts:
        return False
    leaders = sum(1 for t in texts if LEADER.search(t))
    if leaders >= 3 and leaders * 2 >= len(texts):
        return True
    heads = [t for t in texts[:3] if CONTENTS_TITLE.match(re.sub(r"\s+", " ", t.strip()))]
    return bool(heads) and leaders >= 2


def remove_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """Pages without running heads/feet, page numbers and contents pages.

    Returns the cleaned pages and the number of contents pages dropped.
    """
    n = len(pages)
    key_pages: Counter[str] = Counter()
    key_apart: Counter[str] = Counter()
    slots: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        if len(lines) < 2:
            continue
        tops, bottoms = _edges(lines)
        seen: set[str] = set()
        for at_top, edge in ((True, tops), (False, bottoms)):
            for ln in edge:
                if ln.key in seen:
                    continue
                seen.add(ln.key)
                key_pages[ln.key] += 1
                if _apart(ln, lines, at_top):
                    key_apart[ln.key] += 1
            outer = edge[0]
            if _apart(outer, lines, at_top):
                slots[("top" if at_top else "bottom", round(outer.top / 2))] += 1
    common = max(2, (n + 1) // 2)
    repeated = {k for k, c in key_pages.items() if n >= 2 and c >= common}
    repeated |= {k for k, c in key_apart.items() if c >= 3}
    head_slots = {s for s, c in slots.items() if n >= 4 and c * 3 >= n * 2}

    cleaned: list[list[Line]] = []
    contents_pages = 0
    for lines in pages:
        if not lines:
            cleaned.append(lines)
            continue
        if n > 1 and is_contents_page(lines):
            contents_pages += 1
            cleaned.append([])
            continue
        tops, bottoms = _edges(lines)
        drop: set[int] = set()
        for at_top, edge in ((True, tops), (False, bottoms)):
            for ln in edge:
                if ln.key in repeated:
                    drop.add(id(ln))
            outer = edge[0]
            slot = ("top" if at_top else "bottom", round(outer.top / 2))
            if slot in head_slots and _apart(outer, lines, at_top):
                drop.add(id(outer))
            if len(lines) > 1 and PAGE_NUMBER.match(outer.text):
                drop.add(id(outer))
        cleaned.append([ln for ln in lines if id(ln) not in drop])
    if not any(cleaned):  # the document is nothing but furniture: keep it as it is
        return pages, 0
    return cleaned, contents_pages
