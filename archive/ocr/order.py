"""Reading order of a newspaper page from its recognised line boxes.

``reading_order`` cuts the page recursively (an XY-cut): first at horizontal gaps that
run across the whole region (a headline above two columns), then at vertical gaps (the
gutter between columns), so each column is read top to bottom before the next one,
left to right. Vertical lines (traditional layout) are read right to left, and a
headline (type much taller than the body, in the top part of the page) comes first.

``paragraphs`` groups lines in reading order into paragraphs: a line continues the
paragraph above it when it sits right below it in the same column at the same type
size, the line above runs to the column's right edge, and it is not indented.
``join_lines`` joins a paragraph's lines: no space between Chinese characters, one
space between English words.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from typing import Protocol, TypeVar

HEADLINE_RATIO = 1.4  # a line this much taller than the body's lines is display type
HEADLINE_ZONE = 0.4  # ... and is a headline when it starts in this top share of the page

_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                  r"\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]")


class Boxed(Protocol):
    text: str
    box: tuple[int, int, int, int]


T = TypeVar("T", bound=Boxed)


def is_vertical(box: Sequence[int], text: str) -> bool:
    """A line set top to bottom: a tall narrow box holding more than one character."""
    x0, y0, x1, y1 = box
    return len(text) >= 2 and (y1 - y0) > 1.8 * (x1 - x0)


def size_of(line: Boxed) -> float:
    """The type size of a line: its box's extent across the writing direction."""
    x0, y0, x1, y1 = line.box
    return float(x1 - x0) if is_vertical(line.box, line.text) else float(y1 - y0)


def body_size(lines: Sequence[Boxed]) -> float:
    """The typical type size (median, weighted by characters) of the page's lines."""
    sizes = sorted((size_of(ln), len(ln.text)) for ln in lines)
    total = sum(n for _, n in sizes)
    if not total:
        return 1.0
    acc = 0
    for size, n in sizes:
        acc += n
        if acc * 2 >= total:
            return max(size, 1.0)
    return max(sizes[-1][0], 1.0)


def reading_order(lines: Sequence[T], height: int) -> list[T]:
    """The lines of one page in reading order (see the module docstring)."""
    if not lines:
        return []
    size = body_size(lines)
    ordered = _xy_cut(list(lines), size)
    heads = [ln for ln in ordered if size_of(ln) >= HEADLINE_RATIO * size
             and ln.box[1] <= HEADLINE_ZONE * height and not is_vertical(ln.box, ln.text)]
    if heads:
        biggest = max(size_of(ln) for ln in heads)
        heads = [ln for ln in heads if size_of(ln) >= 0.85 * biggest]
        heads.sort(key=lambda ln: (ln.box[1], ln.box[0]))
        ordered = heads + [ln for ln in ordered if ln not in heads]
    return ordered


def _xy_cut(lines: list[T], size: float) -> list[T]:
    if len(lines) <= 1:
        return lines
    for cut in (_cut_rows, _cut_columns):
        parts = cut(lines, size)
        if len(parts) > 1:
            return [ln for part in parts for ln in _xy_cut(part, size)]
    return _simple_order(lines)


def _cut_rows(lines: list[T], size: float) -> list[list[T]]:
    """Split at horizontal gaps (no line spans them) at least a third of a line high."""
    return _split(lines, 1, 3, max(2.0, 0.3 * size), reverse=False)


def _cut_columns(lines: list[T], size: float) -> list[list[T]]:
    """Split at vertical gutters; vertical text is read right to left."""
    vertical = sum(1 for ln in lines if is_vertical(ln.box, ln.text)) * 2 > len(lines)
    gap = max(2.0, 0.3 * size) if vertical else max(4.0, 0.8 * size)
    return _split(lines, 0, 2, gap, reverse=vertical)


def _split(lines: list[T], lo: int, hi: int, min_gap: float,
                     reverse: bool) -> list[list[T]]:
    spans = sorted(lines, key=lambda ln: ln.box[lo])
    groups: list[list[T]] = []
    end = None
    for ln in spans:
        if end is None or ln.box[lo] - end >= min_gap:
            groups.append([ln])
            end = ln.box[hi]
        else:
            groups[-1].append(ln)
            end = max(end, ln.box[hi])
    return groups[::-1] if reverse else groups


def _simple_order(lines: list[T]) -> list[T]:
    """Lines no cut separates: vertical ones right to left, others top to bottom."""
    if sum(1 for ln in lines if is_vertical(ln.box, ln.text)) * 2 > len(lines):
        return sorted(lines, key=lambda ln: (-ln.box[2], ln.box[1]))
    rows: list[list[T]] = []
    for ln in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        mid = (ln.box[1] + ln.box[3]) / 2
        if rows and abs(mid - statistics.mean((r.box[1] + r.box[3]) / 2 for r in rows[-1])) \
                < 0.5 * (ln.box[3] - ln.box[1]):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda r: r.box[0])]


def paragraphs(lines: Sequence[T]) -> list[list[T]]:
    """Lines (in reading order) grouped into paragraphs (see the module docstring)."""
    out: list[list[T]] = []
    for ln in lines:
        if out and _continues(out[-1], ln):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def _continues(para: list[Boxed], nxt: Boxed) -> bool:
    prev = para[-1]
    if is_vertical(prev.box, prev.text) != is_vertical(nxt.box, nxt.text):
        return False
    size = size_of(prev)
    if abs(size_of(nxt) - size) > 0.25 * max(size, 1.0):
        return False
    px0, py0, px1, py1 = prev.box
    nx0, ny0, nx1, ny1 = nxt.box
    if is_vertical(prev.box, prev.text):  # next column to the left, same top, prev full
        return 0 <= px0 - nx1 <= 1.2 * size and abs(ny0 - py0) <= size \
            and py1 >= ny1 - 1.5 * size
    gap = ny0 - py1
    if not -0.3 * size <= gap <= 1.0 * size:
        return False
    left = min(ln.box[0] for ln in para)
    right = max(max(ln.box[2] for ln in para), nx1)
    if nx0 > left + 1.2 * size and len(para) >= 1 and abs(nx0 - px0) > 1.2 * size:
        return False  # indented: a new paragraph
    if abs(nx0 - px0) > 1.2 * size and nx0 > px0:
        return False
    if nx0 < px0 - 3 * size:  # starts well left of the line above: another block
        return False
    return px1 >= right - 1.5 * size  # the line above ran to the edge


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def join_lines(texts: Sequence[str]) -> str:
    """One paragraph from its lines: no space at a Chinese line break, one in English."""
    out = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if not out or is_cjk(out[-1]) or is_cjk(text[0]) or out.endswith(("-", "/")):
            out += text
        else:
            out += " " + text
    return out
