"""A small painted bar chart of articles per year, above the results; click a bar to
filter by that year (Ctrl or Shift + click adds it to the selected years).

The axis spans the years that hold the articles: a year far from the rest (one article
dated 1970 or 2091 among 2019-2025) is drawn apart, past a break mark, instead of
stretching the axis over the empty decades between."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from .theme import LIGHT, Colors

UNKNOWN = "unknown"
BREAK = "…"  # a break mark between groups of years far apart (not a bar)
MAX_YEARS = 80  # beyond this the earliest years are folded into the first bar's range
BREAK_WIDTH = 16  # pixels of a break mark
MAX_GAP = 5  # more empty years than this between two dated years: draw them apart


def year_groups(years: list[int], max_gap: int = MAX_GAP) -> list[list[int]]:
    """Dated years split where more than ``max_gap`` empty years lie between two of them."""
    groups: list[list[int]] = []
    for year in sorted(set(years)):
        if groups and year - groups[-1][-1] - 1 <= max_gap:
            groups[-1].append(year)
        else:
            groups.append([year])
    return groups


class TimelineWidget(QWidget):
    """Bars for every year from the first to the last (gaps shown as empty years) and one
    for undated articles. Emits ``year_clicked(year, additive)``."""

    year_clicked = Signal(str, bool)

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.colors = colors
        self.counts: dict[str, int] = {}
        self.selected: set[str] = set()
        self._bars: list[tuple[str, QRect]] = []
        self._hover: str | None = None
        self.unknown_label = "?"
        self.setMouseTracking(True)
        self.setMinimumHeight(74)
        self.setMaximumHeight(90)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(400, 78)

    def set_counts(self, counts: dict[str, int], selected: set[str] | None = None) -> None:
        self.counts = dict(counts)
        if selected is not None:
            self.selected = set(selected)
        self.update()

    def set_selected(self, selected: set[str]) -> None:
        self.selected = set(selected)
        self.update()

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.update()

    def years(self) -> list[str]:
        """The bars, left to right: every year of each group of nearby years, a ``BREAK``
        between groups far apart, then "unknown" if any."""
        known = sorted(int(y) for y in self.counts if y.isdigit() and self.counts[y])
        known += [int(y) for y in self.selected if y.isdigit() and int(y) not in known]
        out: list[str] = []
        for group in year_groups(known):
            first, last = group[0], group[-1]
            first = max(first, last - MAX_YEARS + 1)
            if out:
                out.append(BREAK)
            out += [str(y) for y in range(first, last + 1)]
        if self.counts.get(UNKNOWN) or UNKNOWN in self.selected:
            out.append(UNKNOWN)
        return out

    def bar_rect(self, year: str) -> QRect:
        """Where a year's column is (the clickable area), in widget coordinates."""
        self._layout()
        return next((r for y, r in self._bars if y == year), QRect())

    def _layout(self) -> None:
        years = self.years()
        self._bars = []
        if not years:
            return
        r = self.rect().adjusted(8, 4, -8, -4)
        breaks = years.count(BREAK)
        bars = len(years) - breaks
        gap = 4 if bars < 30 else 1
        extra = 10 if years[-1] == UNKNOWN and len(years) > 1 else 0
        fixed = extra + breaks * BREAK_WIDTH
        width = (r.width() - fixed - gap * (bars - 1)) / max(bars, 1)
        width = max(3.0, min(width, 64.0))
        total = width * bars + gap * (bars - 1) + fixed
        x = r.left() + max(0.0, (r.width() - total) / 2)
        for year in years:
            if year == BREAK:
                self._bars.append((year, QRect(int(x - gap), r.top(), BREAK_WIDTH, r.height())))
                x += BREAK_WIDTH
                continue
            if year == UNKNOWN and extra:
                x += extra
            self._bars.append((year, QRect(int(x), r.top(), max(int(width), 2), r.height())))
            x += width + gap

    def paintEvent(self, _event) -> None:
        self._layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.82)
        painter.setFont(small)
        fm = QFontMetrics(small)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        muted = QColor(self.colors.muted)
        if not self._bars:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No articles to chart"))
            return
        label_h = fm.height()
        peak = max([self.counts.get(y, 0) for y, _ in self._bars] + [1])
        # label every nth year so the labels do not overlap
        widest = fm.horizontalAdvance("2088") + 6
        year_bars = [col for y, col in self._bars if y != BREAK]
        bar_w = year_bars[0].width() + (year_bars[1].left() - year_bars[0].right()
                                        if len(year_bars) > 1 else 0)
        step = max(1, -(-widest // max(bar_w, 1)))
        any_selected = bool(self.selected)
        for n, (year, col) in enumerate(self._bars):
            if year == BREAK:
                self._paint_break(painter, col, label_h, muted)
                continue
            count = self.counts.get(year, 0)
            chart = QRect(col.left(), col.top() + label_h, col.width(),
                          col.height() - 2 * label_h - 2)
            h = 0 if not count else max(2, round(chart.height() * count / peak))
            bar = QRectF(chart.left(), chart.bottom() - h + 1, chart.width(), h)
            if year in self.selected:
                color = QColor(self.colors.bar_selected)
            elif year == self._hover:
                color = QColor(self.colors.bar_hover)
            else:
                color = QColor(self.colors.bar)
                if any_selected:
                    color.setAlpha(120)
            if year == self._hover:
                hl = QColor(self.colors.bar_hover)
                hl.setAlpha(40)
                painter.fillRect(col, hl)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(bar, 2, 2)
            painter.setPen(muted)
            painter.drawLine(chart.left(), chart.bottom() + 1, chart.right(), chart.bottom() + 1)
            # the count above the bar when there is room for it
            text = QLocale().toString(count) if count else ""
            if text and fm.horizontalAdvance(text) <= col.width() + 6:
                painter.setPen(text_color if year in self.selected else muted)
                painter.drawText(QRect(col.left() - 6, int(bar.top()) - label_h, col.width() + 12,
                                       label_h), Qt.AlignmentFlag.AlignCenter, text)
            label = self.unknown_label if year == UNKNOWN else year
            group_edge = (n > 0 and self._bars[n - 1][0] == BREAK) or (
                n + 1 < len(self._bars) and self._bars[n + 1][0] == BREAK)
            show = (year == UNKNOWN or n % step == 0 or group_edge
                    or n == len(self._bars) - 1 and step == 1)
            if show:
                painter.setPen(text_color if year in self.selected else muted)
                painter.drawText(QRect(col.center().x() - widest // 2, col.bottom() - label_h,
                                       widest, label_h), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    def _paint_break(self, painter: QPainter, col: QRect, label_h: int, pen: QColor) -> None:
        """Two slanted strokes across the axis: years are missing here."""
        base = col.bottom() - label_h - 1
        painter.setPen(pen)
        cx = col.center().x()
        for dx in (-3, 2):
            painter.drawLine(cx + dx - 2, base + 5, cx + dx + 2, base - 5)

    def year_at(self, pos: QPoint) -> str | None:
        self._layout()
        for year, col in self._bars:
            if year != BREAK and col.adjusted(-1, 0, 1, 0).contains(pos):
                return year
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        year = self.year_at(event.position().toPoint())
        if year != self._hover:
            self._hover = year
            self.update()
        if year is not None:
            label = self.tr("Unknown year") if year == UNKNOWN else year
            tip = self.tr("%1: %n article(s)", "", self.counts.get(year, 0)).replace("%1", label)
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, _event) -> None:
        self._hover = None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        year = self.year_at(event.position().toPoint())
        if year is not None:
            additive = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                 | Qt.KeyboardModifier.ShiftModifier))
            self.year_clicked.emit(year, additive)
