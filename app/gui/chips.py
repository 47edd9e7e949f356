"""Removable chips above the results: the facet selection (and a "more like this" filter),
laid out in a wrapping row, with "Clear all"."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to new lines (Qt's flow layout example)."""

    def __init__(self, parent=None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), test=True)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, test=False)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m: QMargins = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _do_layout(self, rect: QRect, test: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_h = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_h > 0:
                x, y = area.x(), y + line_h + self._spacing
                line_h = 0
            if not test:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_h = max(line_h, hint.height())
        return y + line_h - rect.y() + m.bottom()


class Chip(QFrame):
    """One selected value with a × to remove it."""

    removed = Signal(str, str)

    def __init__(self, facet: str, value: str, label: str, parent=None):
        super().__init__(parent)
        self.facet, self.value = facet, value
        self.setObjectName("chip")
        self.setProperty("facet", facet)
        self.text_label = QLabel(label)
        self.text_label.setObjectName("chipText")
        self.close_button = QToolButton()
        self.close_button.setObjectName("chipClose")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button.setToolTip(self.tr("Remove this filter"))
        self.close_button.clicked.connect(lambda: self.removed.emit(self.facet, self.value))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 1, 2, 1)
        lay.setSpacing(2)
        lay.addWidget(self.text_label)
        lay.addWidget(self.close_button)

    def text(self) -> str:
        return self.text_label.text()


class ChipBar(QWidget):
    """The current filters as chips; emits ``removed(facet, value)`` and ``cleared()``."""

    removed = Signal(str, str)
    cleared = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("chipBar")
        self.flow = FlowLayout(self, spacing=6)
        self.clear_button = QPushButton(self.tr("Clear all"))
        self.clear_button.setObjectName("linkButton")
        self.clear_button.setFlat(True)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(self.cleared.emit)
        self.chips: list[Chip] = []
        # As tall as the wrapped lines need at the bar's width: the parent layout asks
        # heightForWidth, so a fourth chip starts a new line instead of covering "Clear all".
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.hide()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the wrapped height depends on the width

    def set_chips(self, chips: list[tuple[str, str, str]]) -> None:
        """Show ``(facet, value, label)`` chips, in order; hide the bar when there are none."""
        while self.flow.count():
            item = self.flow.takeAt(0)
            w = item.widget() if item else None
            if w is not None and w is not self.clear_button:
                w.deleteLater()
        self.chips = []
        for facet, value, label in chips:
            chip = Chip(facet, value, label, self)
            chip.removed.connect(self.removed.emit)
            self.flow.addWidget(chip)
            chip.show()  # a child added to an already visible bar is not shown by itself
            self.chips.append(chip)
        if len(chips) > 1:
            self.flow.addWidget(self.clear_button)
            self.clear_button.show()
        else:
            self.clear_button.hide()
        self.setVisible(bool(chips))
        self.flow.invalidate()
        self.updateGeometry()

    def chip(self, facet: str, value: str) -> Chip | None:
        return next((c for c in self.chips if c.facet == facet and c.value == value), None)
