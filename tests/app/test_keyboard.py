"""Keyboard: everything can be done without the mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import click_row, search
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    return window


def test_ctrl_f_focuses_the_search_box(qtbot, active):
    active.results_view.setFocus()
    qtbot.keyClick(active.results_view, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(active.search_box.hasFocus, timeout=2000)


def test_down_and_up_move_in_the_results_from_the_search_box(qtbot, active):
    view, model = active.results_view, active.results_model
    active.search_box.setFocus()
    assert view.currentIndex().row() == 0
    qtbot.keyClick(active.search_box, Qt.Key.Key_Down)  # into the list
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    qtbot.waitUntil(lambda: active.reader.article.id == model.article_id(2), timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # Up at the top goes back to the search box
    assert active.search_box.hasFocus()


def test_enter_opens_the_article_in_the_reader(qtbot, active):
    search(qtbot, active, "汽车")
    view = active.results_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert active.reader.hasFocus()
    assert active.reader.article.id == active.results_model.article_id(1)
    assert active.reader.current_match == 0  # at the first match
    assert active.search_bar.recent()[0] == "汽车"


def test_escape_clears_the_search_box(qtbot, active):
    active.search_box.setText("abc")
    active.search_box.setFocus()
    qtbot.keyClick(active.search_box, Qt.Key.Key_Escape)
    assert active.search_box.text() == ""


def test_ctrl_a_and_shift_click_select_several(qtbot, active):
    view = active.results_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL)
    assert len(view.selected_ids()) == 5
    click_row(qtbot, view, 1)
    click_row(qtbot, view, 3, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_ids() == active.results_model.ids[1:4]
    assert active.compare_action.isEnabled()


def test_f1_opens_help(qtbot, active):
    qtbot.keyClick(active.results_view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(type(d).__name__ == "HelpDialog" for d in active.dialogs),
                    timeout=3000)
    dialog = next(d for d in active.dialogs if type(d).__name__ == "HelpDialog")
    text = dialog.browser.toPlainText()
    assert "Ctrl+F" in text and "year:2021..2023" in text and "Ctrl+E" in text


def test_the_query_help_popover_puts_an_example_into_the_search_box(qtbot, active):
    bar = active.search_bar
    qtbot.mouseClick(bar.help_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(bar.popover.isVisible, timeout=3000)
    assert "company:一汽" in bar.popover.browser.toPlainText()
    from PySide6.QtCore import QUrl

    bar.popover.browser.anchorClicked.emit(QUrl("example:company%3A%E4%B8%80%E6%B1%BD"))
    assert not bar.popover.isVisible()
    assert active.search_box.text() == "company:一汽"
    qtbot.waitUntil(lambda: active.result.query == "company:一汽", timeout=10000)
    assert active.results_model.rowCount() == 5


export_dialog = pytest.importorskip("app.gui.export_dialog")


def test_ctrl_e_exports_the_selection(qtbot, active, tmp_path):
    view = active.results_view
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 1, CTRL)
    ids = view.selected_ids()
    qtbot.keyClick(view, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: any(isinstance(d, export_dialog.ExportDialog)
                                for d in active.dialogs), timeout=3000)
    dialog = next(d for d in active.dialogs if isinstance(d, export_dialog.ExportDialog))
    assert dialog.ids == ids
    assert dialog.isVisible()
    # export them as Markdown into the test folder
    dialog.set_format("md")
    out = tmp_path / "two.md"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    text = Path(out).read_text(encoding="utf-8")
    for aid in ids:
        assert active.library.get(aid).title in text


def test_export_action_is_in_the_file_menu(active):
    titles = [a.text() for a in active.menuBar().actions()[0].menu().actions()]
    assert "Export…" in titles
    assert QApplication.instance() is not None
