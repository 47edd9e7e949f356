"""Reading order of a newspaper page from its recognised line boxes.

``reading_order`` cuts the page recursively (an XY-cut): first at horizontal gaps that
run across the whole region (a headline above two columns), then at vertical gaps (the
gutter between columns), so each column is read top to bottom before the next one,
left to right; a "column" that only ends the rows of the one on its left (a menu's
shortcuts) is read with it, row by row. Vertical lines (traditional layout) are read
right to left, and a headline (type much taller than the body, in the top part of the
page) comes first.

``paragraphs`` groups lines in reading order into paragraphs: a line continues the
paragraph above it when it sits right below it in the same column at the same type
size, the line above runs to the column's right edge, and it is not indented.
``join_lines`` joins a paragraph's lines: no space between Chinese characters, one
space between English words.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from typing import Protocol, TypeVar

HEADLINE_RATIO = 1.4  # a line this much taller than the body's lines is display type
HEADLINE_ZONE = 0.4  # ... and is a headline when it starts in this top share of the page
DISPLAY_PITCH = 0.75  # ... and its characters advance at least this share of its height

_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                  r"\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]")


class Boxed(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def box(self) -> tuple[int, int, int, int]: ...


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


def pitch(line: Boxed) -> float | None:
    """The advance of one character along a horizontal line (its box's width over its
    characters, Latin letters and digits counting half), or None for a line of fewer
    than two Chinese characters or a vertical one."""
    if is_vertical(line.box, line.text) or sum(1 for ch in line.text if is_cjk(ch)) < 2:
        return None
    units = sum(1.0 if is_cjk(ch) else 0.5 for ch in line.text if not ch.isspace())
    return (line.box[2] - line.box[0]) / units


def is_display(line: Boxed, size: float) -> bool:
    """A line in display type: its box much taller than the body's lines, and its
    characters set about as far apart as the box is tall (a Chinese character is square).
    A body line whose box curly quotes and a full stop stretch upwards and downwards can
    stand as tall as a headline, but its characters stay as close as the body's: its
    advance is then well under its height."""
    if size_of(line) < HEADLINE_RATIO * size:
        return False
    own = pitch(line)
    return own is None or own >= DISPLAY_PITCH * size_of(line)


def reading_order(lines: Sequence[T], height: int) -> list[T]:
    """The lines of one page in reading order (see the module docstring)."""
    if not lines:
        return []
    size = body_size(lines)
    ordered = _order(list(lines), size)
    heads = [ln for ln in ordered if is_display(ln, size)
             and ln.box[1] <= HEADLINE_ZONE * height and not is_vertical(ln.box, ln.text)]
    if heads:
        # a box around one character stands taller than the type: it does not set the size
        biggest = max((size_of(ln) for ln in heads if len(ln.text) >= 2),
                      default=max(size_of(ln) for ln in heads))
        heads = [ln for ln in heads if size_of(ln) >= 0.85 * biggest]
        heads.sort(key=lambda ln: (ln.box[1], ln.box[0]))
        ordered = heads + [ln for ln in ordered if ln not in heads]
    return ordered


def _order(lines: list[T], size: float) -> list[T]:
    """Columns found by the gutters between narrow lines; lines that cross a gutter (a
    headline over the columns) cut the region into bands read top to bottom."""
    if len(lines) <= 1:
        return lines
    left = min(ln.box[0] for ln in lines)
    width = max(ln.box[2] for ln in lines) - left
    # display type (a headline, centred or not) says nothing about the columns below it
    narrow = [ln for ln in lines if ln.box[2] - ln.box[0] < 0.6 * width
              and size_of(ln) < HEADLINE_RATIO * size]
    vertical = sum(1 for ln in lines if is_vertical(ln.box, ln.text)) * 2 > len(lines)
    gap = max(2.0, 0.25 * size) if vertical else max(4.0, 0.8 * size)
    columns = _split(narrow, 0, 2, gap)
    if not vertical:
        columns = _rows_with_ends(columns, size)
    if len(columns) <= 1:
        return _simple_order(lines)
    gutters = [(max(ln.box[2] for ln in a), min(ln.box[0] for ln in b))
               for a, b in itertools.pairwise(columns)]
    # a line crosses a gutter when it reaches well into the columns on both sides of it
    # (a box starting a few pixels left of its column's edge, in the gutter, does not)
    reach = 0.5 * size
    crossing = [ln for ln in lines
                if any(ln.box[0] <= g0 - reach and ln.box[2] >= g1 + reach
                       for g0, g1 in gutters)]
    if crossing:
        out: list[T] = []
        band: list[T] = []
        cuts = sorted(crossing, key=lambda ln: (ln.box[1], ln.box[0]))
        rest = sorted((ln for ln in lines if ln not in crossing),
                      key=lambda ln: (ln.box[1] + ln.box[3]) / 2)
        i = 0
        for cut in cuts:
            mid = (cut.box[1] + cut.box[3]) / 2
            band = []
            while i < len(rest) and (rest[i].box[1] + rest[i].box[3]) / 2 < mid:
                band.append(rest[i])
                i += 1
            out.extend(_order(band, size))
            out.append(cut)
        out.extend(_order(rest[i:], size))
        return out
    # every line belongs to the column its box overlaps most
    groups: list[list[T]] = [[] for _ in columns]
    spans = [(min(ln.box[0] for ln in c), max(ln.box[2] for ln in c)) for c in columns]
    for ln in lines:
        best = max(range(len(spans)), key=lambda k: min(ln.box[2], spans[k][1])
                   - max(ln.box[0], spans[k][0]))
        groups[best].append(ln)
    if vertical:  # traditional layout: columns right to left
        groups.reverse()
    return [ln for g in groups for ln in _order_column(g, size)]


def _rows_with_ends(columns: list[list[T]], size: float) -> list[list[T]]:
    """``columns`` with each one that only ends rows of the one on its left put back into
    it (``_ends_rows``): the rows are then read across, label then shortcut."""
    out = columns[:1]
    for col in columns[1:]:
        if _ends_rows(out[-1], col, size):
            out[-1] = out[-1] + col
        else:
            out.append(col)
    return out


def _ends_rows(left: list[T], right: list[T], size: float) -> bool:
    """Whether ``right`` holds the ends of ``left``'s rows, not a column of its own: a
    menu's shortcuts (Ctrl+F5, Home) right-aligned apart from their labels. Each of its
    lines is short (under half the left block's width) and sits on the row of a line of
    the left block of about its size (their middles within a fifth of the type size: a
    dialog's buttons beside its check boxes are placed on their own, 3-5 px off), and the
    left block is ragged (fewer than half its lines reach its right edge): a newspaper's
    column is justified, its lines run to the gutter, and the next column's lines sit on
    the same baselines."""
    edge = max(ln.box[2] for ln in left)
    width = edge - min(ln.box[0] for ln in left)
    if 2 * sum(1 for ln in left if ln.box[2] >= edge - size) >= len(left):
        return False

    def mid(ln: Boxed) -> float:
        return (ln.box[1] + ln.box[3]) / 2

    def on_a_row(ln: Boxed) -> bool:
        own = size_of(ln)  # brackets make a label's box taller than "Ctrl+N"'s
        return any(abs(mid(o) - mid(ln)) <= 0.2 * size and o.box[2] <= ln.box[0]
                   and abs(size_of(o) - own) <= 0.4 * max(own, size_of(o)) for o in left)

    return all(ln.box[2] - ln.box[0] <= 0.5 * width and on_a_row(ln) for ln in right)


def _order_column(lines: list[T], size: float) -> list[T]:
    """One column: itself split again when it holds narrower columns."""
    if len(lines) <= 2:
        return _simple_order(lines)
    left = min(ln.box[0] for ln in lines)
    width = max(ln.box[2] for ln in lines) - left
    narrow = [ln for ln in lines if ln.box[2] - ln.box[0] < 0.6 * width]
    if len(narrow) >= 2 and len(_split(narrow, 0, 2, max(4.0, 0.8 * size))) > 1:
        return _order(lines, size)
    return _simple_order(lines)


def _split(lines: list[T], lo: int, hi: int, min_gap: float) -> list[list[T]]:
    """Groups of lines whose extents along one axis overlap or nearly touch."""
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
    return groups


def _simple_order(lines: list[T]) -> list[T]:
    """Lines no gutter separates: vertical ones right to left, others in rows top to
    bottom, each row left to right."""
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
    """Lines (in reading order) grouped into paragraphs (see the module docstring); the
    lines of a headline set over two or more lines make one paragraph."""
    margins = _margins(lines)
    body = body_size(lines) if lines else 1.0
    out: list[list[T]] = []
    for ln in lines:
        if out and (_continues(out[-1], ln, margins) or _same_headline(out[-1][-1], ln, body)):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def _margins(lines: Sequence[Boxed]) -> dict[int, tuple[int, int]]:
    """For each line (by id), the left and right edges of the column it sits in: the
    extremes of the lines of its size that share most of its horizontal extent."""
    out = {}
    for ln in lines:
        x0, _, x1, _ = ln.box
        size = size_of(ln)
        left, right = x0, x1
        for other in lines:
            o0, _, o1, _ = other.box
            overlap = min(x1, o1) - max(x0, o0)
            if overlap > 0.5 * min(x1 - x0, o1 - o0) and abs(size_of(other) - size) \
                    <= 0.25 * max(size, 1.0):
                left, right = min(left, o0), max(right, o1)
        out[id(ln)] = (left, right)
    return out


def _same_headline(prev: Boxed, nxt: Boxed, body: float) -> bool:
    """Two display-type lines of one size, the second right below the first."""
    if is_vertical(prev.box, prev.text) or is_vertical(nxt.box, nxt.text):
        return False
    size = size_of(prev)
    if size < HEADLINE_RATIO * body or abs(size_of(nxt) - size) > 0.25 * size:
        return False
    gap = nxt.box[1] - prev.box[3]
    overlap = min(prev.box[2], nxt.box[2]) - max(prev.box[0], nxt.box[0])
    return -0.3 * size <= gap <= 0.8 * size and overlap > 0


def _continues(para: Sequence[Boxed], nxt: Boxed, margins: dict[int, tuple[int, int]]) -> bool:
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
    right = max(max(ln.box[2] for ln in para), margins.get(id(prev), prev.box)[1])
    full = px1 >= right - 1.5 * size  # the line above ran to the column's edge
    indented = nx0 > margins.get(id(nxt), nxt.box)[0] + 0.8 * size
    if ny0 < py0 and nx0 >= px1 - size:  # the paragraph goes on at the next column's top
        return full and not indented
    gap = ny0 - py1
    if not -0.3 * size <= gap <= 1.0 * size:
        return False
    if abs(nx0 - px0) > 1.2 * size and nx0 > px0:
        return False  # indented under the line above: a new paragraph
    if nx0 < px0 - 3 * size:  # starts well left of the line above: another block
        return False
    return full and not indented


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
