"""One OCR'd page drawn for the page view: the image scaled to the zoom, the search's hit
boxes, the current line (flashed when it is shown), tooltips and keyboard steps by line.
The smooth picture at a zoom is made on the app's task pool, never on the UI thread."""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from archive.ocr.layout import OcrPage
from archive.ocr.page_hits import HitBox, line_at_point

from .theme import LIGHT, Colors

MIN_SCALE, MAX_SCALE = 0.05, 4.0
FLASH_MS = 1400


class PageCanvas(QWidget):
    """One page image, scaled, with hit boxes and the current line; keyboard: Up/Down step
    through the lines, Enter shows the line in the text."""

    line_clicked = Signal(int)  # index of a line on the page, clicked or Enter pressed
    line_stepped = Signal(int)  # the keyboard moved to a line

    def __init__(self, colors: Colors = LIGHT, runner=None, parent=None):
        super().__init__(parent)
        self.colors = colors
        self.runner = runner  # scales big pages off the UI thread
        self._scale_generation = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.page: OcrPage | None = None
        self.image: QImage | None = None
        self.scale = 1.0
        self.hits: list[HitBox] = []
        self.current = -1  # the line shown in the text / chosen by keyboard
        self.message = ""
        self.flash = 0.0
        self._scaled: QImage | None = None
        self._smooth = QTimer(self)
        self._smooth.setSingleShot(True)
        self._smooth.setInterval(120)
        self._smooth.timeout.connect(self._rescale)
        self._flasher = QVariantAnimation(self)
        self._flasher.setStartValue(1.0)
        self._flasher.setEndValue(0.0)
        self._flasher.setDuration(FLASH_MS)
        self._flasher.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flasher.valueChanged.connect(self._flash_step)
        self.setAccessibleName(self.tr("Page image"))

    # ----- state -------------------------------------------------------------------------
    def set_page(self, page: OcrPage | None, image: QImage | None, message: str = "") -> None:
        self.page, self.image, self.message = page, image, message
        self._scaled = None
        self.current = -1
        self.flash = 0.0
        self._resize()
        self._smooth.start()
        self.update()

    def set_scale(self, scale: float) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        if abs(scale - self.scale) > 1e-6:
            self.scale = scale
            self._resize()
            self._smooth.start()
            self.update()

    def set_hits(self, hits: list[HitBox]) -> None:
        self.hits = hits
        self.update()

    def set_current(self, line: int, flash: bool = False) -> None:
        self.current = line
        if flash:
            self._flasher.stop()
            self._flasher.start()
        self.update()

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.update()

    @property
    def flashing(self) -> bool:
        return self._flasher.state() == QVariantAnimation.State.Running

    def _flash_step(self, value) -> None:
        self.flash = float(value)
        self.update()

    # ----- geometry ----------------------------------------------------------------------
    def _page_size(self) -> QSize:
        if self.page is not None:
            return QSize(self.page.width, self.page.height)
        if self.image is not None:
            return self.image.size()
        return QSize(0, 0)

    def _resize(self) -> None:
        size = self._page_size()
        if size.isEmpty():
            holder = self.parentWidget()
            self.setFixedSize(holder.size() if holder is not None else QSize(320, 200))
            return
        self.setFixedSize(max(1, round(size.width() * self.scale)),
                          max(1, round(size.height() * self.scale)))

    def to_widget(self, box: tuple[int, int, int, int]) -> QRect:
        """A page-pixel box in this widget's coordinates."""
        x0, y0, x1, y1 = box
        s = self.scale
        return QRect(QPoint(round(x0 * s), round(y0 * s)), QPoint(round(x1 * s) - 1,
                                                                  round(y1 * s) - 1))

    def line_rect(self, index: int) -> QRect:
        return self.to_widget(self.page.lines[index].box) if self.page else QRect()

    def _rescale(self) -> None:
        """Make the page's picture at this zoom, averaged smoothly, on the task pool (a
        300 dpi page takes tens of milliseconds); zoomed past 100 % the page is drawn
        straight from the image, only where it is exposed."""
        image, target = self.image, self.size()
        if image is None or image.isNull() or self.scale >= 1:
            self._scaled = None
            return
        if self._scaled is not None and self._scaled.size() == target:
            return
        self._scale_generation += 1
        generation = self._scale_generation

        def scaled(_progress=None, _cancel=None) -> QImage:
            return image.scaled(target, Qt.AspectRatioMode.IgnoreAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)

        if self.runner is None:
            self._scaled_done(generation, image, scaled())
        else:
            self.runner.start(scaled, on_done=lambda picture: self._scaled_done(
                generation, image, picture))

    def _scaled_done(self, generation: int, source: QImage, picture: QImage) -> None:
        if generation == self._scale_generation and source is self.image:
            self._scaled = picture
            self.update()

    # ----- painting ----------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        if self.image is None or self.page is None:
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.message)
            return
        if self._scaled is not None and self._scaled.size() == self.size():
            p.drawImage(0, 0, self._scaled)
        else:  # zoomed in, or a quick picture until the smooth one is made
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.scale >= 1)
            p.drawImage(QRectF(self.rect()), self.image)
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        p.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))  # the page's edge on a white page
        mark = QColor(self.colors.mark_bg)
        fill = QColor(mark)
        fill.setAlpha(90)
        edge = QColor(self.colors.current_bg)
        p.setPen(QPen(edge, 2))
        for hit in self.hits:
            rect = self.to_widget(hit.box)
            p.fillRect(rect, fill)
            p.drawRect(rect)
        if 0 <= self.current < len(self.page.lines):
            rect = self.line_rect(self.current).adjusted(-3, -3, 3, 3)
            link = QColor(self.colors.link)
            if self.flash > 0:
                glow = QColor(link)
                glow.setAlpha(round(150 * self.flash))
                p.fillRect(rect, glow)
            pen = QPen(link, 2)
            if self.hasFocus():
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawRect(rect)
        elif self.hasFocus():
            p.setPen(QPen(QColor(self.colors.link), 1, Qt.PenStyle.DashLine))
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))

    # ----- input -------------------------------------------------------------------------
    def _line_at(self, pos: QPoint) -> int | None:
        if self.page is None or self.scale <= 0:
            return None
        return line_at_point(self.page, pos.x() / self.scale, pos.y() / self.scale)

    def mousePressEvent(self, event) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            line = self._line_at(event.position().toPoint())
            if line is not None:
                self.set_current(line)
                self.line_clicked.emit(line)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        on_line = self._line_at(event.position().toPoint()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if on_line else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        count = len(self.page.lines) if self.page is not None else 0
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and count:
            step = 1 if key == Qt.Key.Key_Down else -1
            line = 0 if self.current < 0 else min(max(self.current + step, 0), count - 1)
            self.set_current(line)
            self.line_stepped.emit(line)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and \
                0 <= self.current < count:
            self.line_clicked.emit(self.current)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            QToolTip.showText(event.globalPos(), self._tooltip(event.pos()), self)
            return True
        return super().event(event)

    def _tooltip(self, pos: QPoint) -> str:
        hint = self.tr("Search hits are boxed. Within a line, a hit's place is estimated "
                       "from its characters' positions in the line.")
        line = self._line_at(pos)
        if line is None or self.page is None:
            return hint
        ocr = self.page.lines[line]
        confidence = self.tr("recognised with %1 % confidence").replace(
            "%1", str(round(ocr.confidence * 100)))
        return f"{ocr.text}\n{confidence}\n\n{hint}"
