"""Delete with a confirmation, the Trash view (restore, empty) and undo of the last import,
driven as a user would, on a real archive and index."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import click_row, search, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui

NEW_ARTICLE = (
    "一汽解放新能源重卡在长春下线\n\n本报记者 王明\n\n"
    "2024年5月8日，一汽解放新能源重卡在长春下线。宁德时代为其提供电池。\n\n"
    "▲ 新车下线仪式现场\n"
)


def _activate(qtbot, win) -> None:
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)


def _box(qtbot, win) -> QMessageBox:
    qtbot.waitUntil(lambda: win.trash_ui.last_box is not None
                    and win.trash_ui.last_box.isVisible(), timeout=5000)
    return win.trash_ui.last_box


def _answer(qtbot, box: QMessageBox, yes: bool) -> None:
    button = box.accept_button if yes else box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _count_is(qtbot, win, n: int) -> None:
    qtbot.waitUntil(lambda: not win.runner.busy() and not win.searches.busy()
                    and win.result is not None and win.result.total == n, timeout=10000)


def test_delete_key_asks_with_the_count_and_moves_the_selection_to_the_trash(
        qtbot, window, library):
    _activate(qtbot, window)
    view = window.results_view
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 1, Qt.KeyboardModifier.ControlModifier)
    chosen = view.selected_ids()
    assert len(chosen) == 2
    companies_before = dict(window.facets.sections["company"].model.values)

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    box = _box(qtbot, window)
    assert "Move 2 articles to the trash?" in box.text()
    _answer(qtbot, box, yes=False)  # Cancel changes nothing
    qtbot.wait(200)
    assert library.stats()["trashed"] == 0 and window.result.total == 5

    window.trash_ui.last_box = None
    _activate(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    _answer(qtbot, _box(qtbot, window), yes=True)
    _count_is(qtbot, window, 3)
    assert not set(chosen) & set(window.result.ids)
    assert window.count_label.text() == "3 articles"
    assert library.stats()["trashed"] == 2
    assert "Moved 2 articles to the trash." in window.statusBar().currentMessage()
    companies_after = dict(window.facets.sections["company"].model.values)
    assert sum(companies_after.values()) < sum(companies_before.values())
    assert window.reader.article is None or window.reader.article.id not in chosen
    qtbot.waitUntil(lambda: "3 articles in the archive" in window.archive_label.text(),
                    timeout=5000)


def test_delete_in_the_search_box_edits_the_text_and_the_list_offers_delete(
        qtbot, window, library):
    _activate(qtbot, window)
    window.search_box.setText("长春")
    window.search_box.setFocus()
    window.search_box.setCursorPosition(0)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Delete)
    assert window.search_box.text() == "春"
    assert window.trash_ui.last_box is None
    # the results list's context menu holds the action, enabled for the current article
    assert window.delete_action in window.results_view.actions()
    assert window.delete_action.isEnabled()


def test_trash_view_restores_and_empties(qtbot, window, library):
    search(qtbot, window, '"逆势扬帆求跨越"')
    target = window.results_model.article_id(0)
    search(qtbot, window, "")
    others = [i for i in window.result.ids if i != target][:1]
    original = library.original_path(target)
    library.delete([target, *others])
    window.trash_action.trigger()
    dialog = window.trash_ui.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.tree.topLevelItemCount() == 2,
                    timeout=5000)
    assert "2 articles in the trash" in dialog.summary.text()
    assert not dialog.restore_button.isEnabled()

    row = next(i for i in range(2) if dialog.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole
                                                                        + 1) == target)
    dialog.tree.topLevelItem(row).setSelected(True)
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1 and not dialog.loading,
                    timeout=10000)
    _count_is(qtbot, window, 4)
    search(qtbot, window, '"逆势扬帆求跨越"')
    assert window.result.ids == [target]

    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    box = _box(qtbot, window)
    assert "Remove the 1 article in the trash for good?" in box.text()
    _answer(qtbot, box, yes=True)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 0 and not dialog.loading,
                    timeout=10000)
    assert dialog.summary.text() == "The trash is empty."
    assert not dialog.empty_button.isEnabled()
    assert library.stats()["trashed"] == 0 and library.stats()["sources"] == 4
    assert original.is_file()  # the restored article's original stays


def test_ctrl_z_right_after_an_import_undoes_it(qtbot, window, library, tmp_path):
    new = tmp_path / "new.txt"
    new.write_text(NEW_ARTICLE, encoding="utf-8")
    window.start_import([str(new)])
    qtbot.waitUntil(lambda: window.report_dialog is not None and window.report_dialog.isVisible(),
                    timeout=30000)
    window.report_dialog.close()
    wait_idle(qtbot, window)
    _count_is(qtbot, window, 6)
    _activate(qtbot, window)

    qtbot.keyClick(window.results_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _count_is(qtbot, window, 5)  # no question asked right after the import
    assert window.trash_ui.last_box is None
    assert [a.title for a in library.trashed()] == ["一汽解放新能源重卡在长春下线"]
    assert "Undid the last import: 1 article moved" in window.statusBar().currentMessage()

    # again, from the Edit menu: that import is undone already, so there is nothing to undo
    window.undo_import_action.trigger()
    qtbot.waitUntil(lambda: "There is no import to undo." in
                    window.statusBar().currentMessage(), timeout=5000)
    assert library.stats()["articles"] == 5


def test_undo_last_import_from_the_menu_asks_first(qtbot, window, library):
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.undo_import_action in edit_menu.actions()
    assert window.trash_action in edit_menu.actions()
    window.undo_import_action.trigger()  # the samples were the last import, long ago
    box = _box(qtbot, window)
    assert "Move the 5 articles added by the import of" in box.text()
    _answer(qtbot, box, yes=False)
    qtbot.wait(200)
    assert library.stats()["trashed"] == 0

    window.trash_ui.last_box = None
    window.undo_import_action.trigger()
    _answer(qtbot, _box(qtbot, window), yes=True)
    _count_is(qtbot, window, 0)
    assert library.stats()["trashed"] == 5


def test_reimporting_a_trashed_file_says_so_in_the_report(qtbot, window, library,
                                                          sample_dir: Path):
    first = min(sample_dir.glob("*.txt"))
    aid = library.ingest([first]).duplicates[0]["id"]
    library.delete([aid])
    window.start_import([str(first)])
    qtbot.waitUntil(lambda: window.report_dialog is not None and window.report_dialog.isVisible(),
                    timeout=30000)
    row = window.report_dialog.groups["duplicates"].child(0).text(1)
    assert row == f"in the trash as #{aid}: restore it from the Trash"
