"""Term trends: a line chart drawn with QPainter (one line per term) of the articles per
year or month that contain each term, as counts or as a share of that period's articles.
Clicking a point asks the main window to search that term in that period; the chart
exports as PNG, SVG and CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.trends import Trend

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"]
HIT_RADIUS = 8  # pixels around a point that count as clicking it


class TrendChart(QWidget):
    """The chart itself. ``point_clicked(term, period)`` on a click near a point."""

    point_clicked = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.trend: Trend | None = None
        self.share = False  # plot shares instead of counts
        self.points: list[tuple[QPointF, str, str]] = []  # (where, term, period), last paint
        self.setMinimumSize(480, 300)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(860, 440)

    def set_trend(self, trend: Trend | None) -> None:
        self.trend = trend
        self.update()

    def set_share(self, share: bool) -> None:
        self.share = share
        self.update()

    def value(self, term: str, period: str) -> float:
        assert self.trend is not None
        if self.share:
            return self.trend.share(term, period)
        return float(self.trend.counts[term].get(period, 0))

    # ----- drawing -----------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        self.draw(painter, QRectF(self.rect()))
        painter.end()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        """Draw axes, grid, one line per term and a legend into ``area``."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_pen = QPen(self.palette().text().color())
        grid_pen = QPen(self.palette().mid().color(), 1, Qt.PenStyle.DotLine)
        painter.setPen(text_pen)
        fm = QFontMetrics(painter.font())
        self.points = []
        trend = self.trend
        if trend is None or not trend.periods:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter,
                             self.tr("No dated articles match these terms and filters."))
            return
        periods = trend.periods
        top = max((self.value(t, p) for t in trend.terms for p in periods), default=0.0)
        top = top or 1.0
        ticks = _nice_ticks(top)
        top = ticks[-1]
        label = (lambda v: f"{v:.0%}" if top >= 0.1 else f"{v:.1%}") if self.share \
            else (lambda v: f"{v:g}")
        left = area.left() + max(fm.horizontalAdvance(label(t)) for t in ticks) + 14
        legend_h = fm.height() + 8
        right_margin = max(16, fm.horizontalAdvance(trend.periods[-1]) / 2 + 4)
        plot = QRectF(left, area.top() + legend_h + 8, area.right() - left - right_margin,
                      area.height() - legend_h - fm.height() * 2 - 22)
        if plot.width() < 20 or plot.height() < 20:
            return
        # y grid and labels
        for t in ticks:
            y = plot.bottom() - plot.height() * t / top
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_pen)
            painter.drawText(QRectF(area.left(), y - fm.height() / 2, left - area.left() - 6,
                                    fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             label(t))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())

        def x_of(i: int) -> float:
            if len(periods) == 1:
                return plot.center().x()
            return plot.left() + 10 + (plot.width() - 20) * i / (len(periods) - 1)

        # x labels, thinned to fit
        widest = max(fm.horizontalAdvance(p) for p in periods) + 12
        step = max(1, int(len(periods) * widest / max(plot.width(), 1)) + 1)
        for i, p in enumerate(periods):
            if i % step == 0 or i == len(periods) - 1 and len(periods) <= step:
                w = fm.horizontalAdvance(p)
                painter.drawText(QPointF(x_of(i) - w / 2, plot.bottom() + fm.ascent() + 6), p)
        # lines and points
        for n, term in enumerate(trend.terms):
            color = QColor(PALETTE[n % len(PALETTE)])
            painter.setPen(QPen(color, 2))
            pts = [QPointF(x_of(i), plot.bottom() - plot.height() * self.value(term, p) / top)
                   for i, p in enumerate(periods)]
            for a, b in pairwise(pts):
                painter.drawLine(a, b)
            painter.setBrush(color)
            for pt, p in zip(pts, periods, strict=True):
                painter.drawEllipse(pt, 3.5, 3.5)
                self.points.append((pt, term, p))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        # legend
        x = plot.left()
        for n, term in enumerate(trend.terms):
            color = QColor(PALETTE[n % len(PALETTE)])
            painter.setPen(QPen(color, 3))
            y = area.top() + 6 + fm.height() / 2
            painter.drawLine(QPointF(x, y), QPointF(x + 18, y))
            painter.setPen(text_pen)
            painter.drawText(QPointF(x + 24, area.top() + 6 + fm.ascent()), term)
            x += 40 + fm.horizontalAdvance(term)

    # ----- clicks ------------------------------------------------------------------------
    def point_at(self, pos: QPointF) -> tuple[str, str] | None:
        """The (term, period) of the point nearest ``pos`` within ``HIT_RADIUS``."""
        best, dist = None, HIT_RADIUS ** 2
        for pt, term, period in self.points:
            d = (pt.x() - pos.x()) ** 2 + (pt.y() - pos.y()) ** 2
            if d <= dist:
                best, dist = (term, period), d
        return best

    def mouseMoveEvent(self, event) -> None:
        found = self.point_at(event.position())
        if found and self.trend is not None:
            term, period = found
            n = self.trend.counts[term].get(period, 0)
            self.setToolTip(self.tr("%1 in %2: %3 of %4 articles (%5)")
                            .replace("%1", term).replace("%2", period).replace("%3", str(n))
                            .replace("%4", str(self.trend.totals[period]))
                            .replace("%5", f"{self.trend.share(term, period):.1%}"))
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.setToolTip("")
            self.unsetCursor()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            found = self.point_at(event.position())
            if found:
                self.point_clicked.emit(*found)

    # ----- export ------------------------------------------------------------------------
    def export_png(self, path: Path) -> bool:
        image = QImage(self.size() * 2, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(2)
        image.fill(self.palette().base().color())
        painter = QPainter(image)
        self.draw(painter, QRectF(self.rect()))
        painter.end()
        self.update()  # the points are where the widget draws them again
        return image.save(str(path), "PNG")

    def export_svg(self, path: Path) -> bool:
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(self.size())
        gen.setViewBox(self.rect())
        gen.setTitle(self.tr("Term trends"))
        painter = QPainter(gen)
        if not painter.isActive():
            return False
        painter.fillRect(self.rect(), self.palette().base())
        self.draw(painter, QRectF(self.rect()))
        painter.end()
        self.update()
        return path.exists()


def _nice_ticks(top: float) -> list[float]:
    """About five round tick values from 0 to at least ``top``."""
    raw = top / 5
    mag = 10 ** int(f"{raw:e}".split("e")[1])
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    if top >= 1 and step < 1 and top > 1.0001:  # counts are whole numbers
        step = 1
    n = int(top / step + 0.999999)
    return [round(step * i, 10) for i in range(n + 1)]


class TrendWindow(QWidget):
    """Terms, count/share and year/month choices, the chart and its exports.
    ``compute(terms, by)`` returns a ``Trend`` (the main window's filters applied)."""

    point_clicked = Signal(str, str)

    def __init__(self, compute: Callable[[list[str], str], Trend], terms: list[str],
                 filters_text: str = "", parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.compute = compute
        self.setWindowTitle(self.tr("Term trends"))
        self.terms_edit = QLineEdit(" ".join(terms))
        self.terms_edit.setPlaceholderText(self.tr("Terms, separated by spaces"))
        self.terms_edit.returnPressed.connect(self.refresh)
        self.measure = QComboBox()
        self.measure.addItems([self.tr("Articles"), self.tr("Share of articles")])
        self.measure.currentIndexChanged.connect(
            lambda i: self.chart.set_share(i == 1))
        self.period = QComboBox()
        self.period.addItems([self.tr("Per year"), self.tr("Per month")])
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chart = TrendChart()
        self.chart.point_clicked.connect(self.point_clicked)
        self.status = QLabel(filters_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for text, slot in ((self.tr("Export PNG…"), lambda: self.choose_export("png")),
                           (self.tr("Export SVG…"), lambda: self.choose_export("svg")),
                           (self.tr("Export CSV…"), lambda: self.choose_export("csv"))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Terms:")))
        top.addWidget(self.terms_edit, 1)
        top.addWidget(self.measure)
        top.addWidget(self.period)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart, 1)
        layout.addLayout(buttons)
        self.filters_text = filters_text
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.refresh()

    @property
    def by(self) -> str:
        return "month" if self.period.currentIndex() == 1 else "year"

    def refresh(self) -> None:
        """Count the terms again (a malformed term is reported, not raised)."""
        terms = self.terms_edit.text().split()
        if not terms:
            self.chart.set_trend(None)
            return
        try:
            trend = self.compute(terms, self.by)
        except Exception as exc:  # QueryError, shown as one line  # noqa: BLE001
            self.status.setText(self.tr("Bad term: %1").replace("%1", str(exc)))
            return
        self.chart.set_trend(trend)
        undated = ", ".join(f"{t} {n}" for t, n in trend.undated.items() if n)
        note = self.filters_text
        if undated:
            text = (self.tr("Articles with no month, not plotted: %1") if self.by == "month"
                    else self.tr("Articles with no year, not plotted: %1"))
            note = (note + "  " if note else "") + text.replace("%1", undated)
        self.status.setText(note)

    def choose_export(self, fmt: str) -> None:
        names = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                 "csv": self.tr("CSV (*.csv)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), f"trends.{fmt}",
                                              names[fmt])
        if path:
            self.export(Path(path), fmt)

    def export(self, path: Path, fmt: str) -> bool:
        """Write the chart (png, svg) or its figures (csv) to ``path``."""
        try:
            if fmt == "csv":
                if self.chart.trend is None:
                    return False
                with open(path, "w", encoding="utf-8-sig", newline="") as out:
                    csv.writer(out).writerows(self.chart.trend.to_rows())
                ok = True
            else:
                ok = self.chart.export_png(path) if fmt == "png" else self.chart.export_svg(path)
        except OSError as exc:
            ok = False
            self.status.setText(self.tr("Could not write %1: %2").replace("%1", str(path))
                                .replace("%2", exc.strerror or str(exc)))
            return ok
        self.status.setText(self.tr("Saved %1").replace("%1", str(path)) if ok
                            else self.tr("Could not write %1").replace("%1", str(path)))
        return ok
