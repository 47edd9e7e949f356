"""Small helpers the GUI tests share: search and wait, find a row on screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def search(qtbot, win, query: str) -> None:
    """Type nothing, just search for ``query`` now (as Enter does) and wait for the result."""
    win.search_box.setText(query)
    win.search_bar.submit()
    wait_idle(qtbot, win)
    assert win.result is not None and win.result.query == query


def wait_idle(qtbot, win) -> None:
    qtbot.waitUntil(lambda: not win.searches.busy(), timeout=10000)
    qtbot.waitUntil(lambda: win.result is not None or win.similar_to is not None,
                    timeout=10000)


def row_center(view, row: int):
    index = view.model().index(row, 0)
    view.scrollTo(index)
    return view.visualRect(index).center()


def click_row(qtbot, view, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     row_center(view, row))


def facet_click(qtbot, win, facet: str, value: str) -> None:
    """Click a facet value's row in the panel, as a user ticks it."""
    section = win.facets.sections[facet]
    rect = section.row_rect(value)
    assert rect.isValid(), f"{facet} {value!r} is not listed"
    qtbot.mouseClick(section.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(rect.left() + 30, rect.center().y()))


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII as key presses, Chinese as an input method
    commits it (QTest can only press ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
