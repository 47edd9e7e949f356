"""Search hits and text positions mapped onto OCR page images (no Qt: the GUI draws the result).

A hit is a character span ``[start, end)`` in a stored field of the article ("title" or
"body"). Each OCR line knows the span of the field it became, so a hit is boxed on every line
whose span it overlaps. Only the line's box is known, not each character's, so the part of
the line a hit covers is estimated in proportion to its characters' positions in the line,
a Chinese character counted as wide as two Latin letters or digits (along x for a
horizontal line, along y for a vertical one).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .layout import OcrLine, OcrPage

Box = tuple[int, int, int, int]
Spans = Sequence[tuple[int, int]]

VERTICAL_RATIO = 1.5  # a line at least this much taller than wide, of 2+ characters, reads down


@dataclass(frozen=True)
class HitBox:
    """Where on which page (part of) a hit is: ``box`` in page pixels, on line ``line``."""

    page_no: int
    line: int  # index into the page's lines
    box: Box


def is_vertical(line: OcrLine) -> bool:
    """True when the line is written top to bottom (a tall, narrow box of several characters)."""
    x0, y0, x1, y1 = line.box
    return line.end - line.start >= 2 and (y1 - y0) >= VERTICAL_RATIO * max(1, x1 - x0)


def char_width(ch: str) -> float:
    """A character's advance in ems, roughly: wide (CJK, full-width) 1, others about half."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    return 0.3 if ch.isspace() else 0.55


def _share(line: OcrLine, offset: int) -> float:
    """How far along the line (0..1) its character at field ``offset`` starts."""
    length = line.end - line.start
    k = min(max(offset - line.start, 0), length)
    if len(line.text) != length:  # the stored text differs from the line's: count characters
        return k / length
    widths = [char_width(ch) for ch in line.text]
    # The box ends at the ink: a wide full stop or comma ending the line is inked only in
    # its left half, a wide opening quote or bracket starting it only in its right half.
    if widths and widths[-1] == 1.0 and unicodedata.category(line.text[-1]).startswith("P"):
        widths[-1] = 0.5
    if widths and widths[0] == 1.0 and unicodedata.category(line.text[0]) in ("Ps", "Pi"):
        widths[0] = 0.5
    total = sum(widths)
    return sum(widths[:k]) / total if total else k / length


def part_box(line: OcrLine, start: int, end: int) -> Box:
    """The part of ``line``'s box that holds field characters ``[start, end)`` (clipped to the
    line), by their position among the line's characters (a Chinese character counted as
    wide as two Latin letters or digits)."""
    x0, y0, x1, y1 = line.box
    if line.end - line.start <= 0:
        return line.box
    a = _share(line, start)
    b = _share(line, end)
    if is_vertical(line):
        return (x0, round(y0 + a * (y1 - y0)), x1, round(y0 + b * (y1 - y0)))
    return (round(x0 + a * (x1 - x0)), y0, round(x0 + b * (x1 - x0)), y1)


def stored(line: OcrLine) -> bool:
    """True when the line's text is in a stored field (it has a span there)."""
    return line.start >= 0 and line.end > line.start


def hit_boxes(pages: Iterable[OcrPage], spans: Mapping[str, Spans]) -> list[HitBox]:
    """The boxes of the hits ``spans`` (field name -> ``[(start, end), ...]``) on ``pages``,
    one per line a hit overlaps, in page and reading order."""
    by_field = {f: sorted((a, b) for a, b in s if b > a) for f, s in spans.items()}
    out: list[HitBox] = []
    for page in pages:
        for i, line in enumerate(page.lines):
            hits = by_field.get(line.field)
            if not hits or not stored(line):
                continue
            for a, b in hits:
                if a >= line.end:
                    break
                if b > line.start:
                    out.append(HitBox(page.page_no, i, part_box(line, a, b)))
    return out


def line_for_offset(pages: Iterable[OcrPage], field: str, offset: int) -> tuple[int, int] | None:
    """``(page_no, line index)`` of the line holding character ``offset`` of ``field``; the
    nearest following line when the offset falls between lines (a paragraph break)."""
    after: tuple[int, int, int] | None = None  # (start, page_no, index) of the next line
    for page in pages:
        for i, line in enumerate(page.lines):
            if line.field != field or not stored(line):
                continue
            if line.start <= offset < line.end:
                return page.page_no, i
            if line.start > offset and (after is None or line.start < after[0]):
                after = (line.start, page.page_no, i)
    return (after[1], after[2]) if after is not None else None


def line_at_point(page: OcrPage, x: float, y: float) -> int | None:
    """Index of the line whose box holds the page point ``(x, y)`` (the smallest such box);
    None when the point is on no line."""
    best: tuple[int, int] | None = None
    for i, line in enumerate(page.lines):
        x0, y0, x1, y1 = line.box
        if x0 <= x <= x1 and y0 <= y <= y1:
            area = (x1 - x0) * (y1 - y0)
            if best is None or area < best[0]:
                best = (area, i)
    return best[1] if best is not None else None
