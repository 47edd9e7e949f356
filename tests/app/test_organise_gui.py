"""Collections, tags, notes and saved searches in the app, used as a user would."""

from __future__ import annotations

import pytest
from gui_helpers import click_row, facet_click, search, wait_idle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from archive.library import Organise

pytestmark = pytest.mark.gui

NOTE = "斑马鱼观察：第二段要核对"


def _dialog(qtbot, window):
    before = list(window.dialogs)
    window.activateWindow()  # as after a dialog closed (offscreen leaves none active)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(window.results_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(d not in before for d in window.dialogs), timeout=5000)
    return next(d for d in window.dialogs if d not in before)


def _save(qtbot, window, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog not in window.dialogs or not dialog.isVisible(), timeout=5000)
    wait_idle(qtbot, window)


def test_organise_dialog_tags_several_articles_and_writes_a_note(qtbot, window):
    view = window.results_view
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 1, Qt.KeyboardModifier.ControlModifier)
    ids = view.selected_ids()
    assert len(ids) == 2
    current = window.reader.article.id
    dialog = _dialog(qtbot, window)
    assert window.organise_action.shortcut().toString() == "Ctrl+T"
    dialog.add_tags.setText("精读，待查")
    dialog.add_collections.setText("汽车 / 电动")
    dialog.note.setPlainText(NOTE)
    _save(qtbot, window, dialog)

    lib = window.library
    for aid in ids:
        assert lib.get(aid).tags == ["待查", "精读"]
        assert lib.get(aid).collections == ["汽车/电动"]
    assert lib.get(current).note == NOTE
    assert [a for a in ids if lib.get(a).note] == [current]
    qtbot.waitUntil(lambda: dict(window.facets.sections["tag"].model.values)
                    == {"精读": 2, "待查": 2}, timeout=5000)
    assert window.facets.sections["tag"].isVisible()
    assert dict(window.facets.sections["collection"].model.values) == {"汽车": 2,
                                                                       "汽车/电动": 2}
    assert NOTE in window.reader.toPlainText()  # the reader shows the note
    search(qtbot, window, "斑马鱼观察")  # and a word of it finds the article
    assert window.results_model.ids == [current]

    # Unticking a tag in the dialog takes it off every selected article.
    search(qtbot, window, "")
    rows = [window.results_model.row_of(a) for a in ids]
    click_row(qtbot, view, rows[0])
    click_row(qtbot, view, rows[1], Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window)
    items = {dialog.tag_list.item(i).data(Qt.ItemDataRole.UserRole): dialog.tag_list.item(i)
             for i in range(dialog.tag_list.count())}
    assert set(items) == {"精读", "待查"}
    items["待查"].setCheckState(Qt.CheckState.Unchecked)
    _save(qtbot, window, dialog)
    assert all(lib.get(a).tags == ["精读"] for a in ids)


def test_a_bad_name_keeps_the_dialog_open_with_the_reason(qtbot, window):
    dialog = _dialog(qtbot, window)
    dialog.add_collections.setText("/ /")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "collection needs a name" in dialog.error.text()
    assert window.library.collections() == {}


def test_collection_and_tag_facets_filter_with_counts(qtbot, window):
    lib = window.library
    ids = sorted(window.results_model.ids)
    lib.organise(ids[:3], Organise(add_tags=["精读"]))
    lib.organise(ids[2:], Organise(add_collections=["政策"]))
    window.run_search()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: dict(window.facets.sections["tag"].model.values) == {"精读": 3},
                    timeout=5000)
    facet_click(qtbot, window, "tag", "精读")
    qtbot.waitUntil(lambda: window.searches.latest.tags == ("精读",), timeout=5000)
    wait_idle(qtbot, window)
    assert sorted(window.results_model.ids) == ids[:3]
    assert window.chips.chip("tag", "精读").text() == "Tag: 精读"
    # the other facet narrows to the tagged articles; its own counts stay whole
    assert dict(window.facets.sections["collection"].model.values) == {"政策": 1}
    facet_click(qtbot, window, "collection", "政策")
    qtbot.waitUntil(lambda: window.searches.latest.collections == ("政策",), timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.ids == [ids[2]]
    assert dict(window.facets.sections["tag"].model.values) == {"精读": 1}
    assert dict(window.facets.sections["collection"].model.values) == {"政策": 1}


def test_saved_searches_in_the_sidebar_open_with_one_click_and_count_live(qtbot, window):
    lib = window.library
    ids = sorted(window.results_model.ids)
    lib.organise(ids[:2], Organise(add_tags=["精读"]))
    panel = window.saved_ui.panel
    assert not panel.isVisible()  # nothing saved yet
    window.run_search()
    wait_idle(qtbot, window)
    facet_click(qtbot, window, "tag", "精读")
    qtbot.waitUntil(lambda: window.searches.latest.tags == ("精读",), timeout=5000)
    wait_idle(qtbot, window)
    assert window.saved_ui.save_current("精读的") is not None
    qtbot.waitUntil(lambda: panel.counts() == {"精读的": 2}, timeout=5000)
    assert panel.isVisible()

    window.clear_filters()
    qtbot.waitUntil(lambda: window.searches.latest.tags == (), timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.rowCount() == 5
    rect = panel.row_rect("精读的")
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(rect.left() + 20, rect.center().y()))
    qtbot.waitUntil(lambda: window.searches.latest.tags == ("精读",), timeout=5000)
    wait_idle(qtbot, window)
    assert sorted(window.results_model.ids) == ids[:2]
    assert window.facets.selection()["tag"] == ["精读"]

    lib.organise([ids[4]], Organise(add_tags=["精读"]))  # e.g. from the command line
    window.run_search()
    qtbot.waitUntil(lambda: panel.counts() == {"精读的": 3}, timeout=5000)

    panel.view.customContextMenuRequested.emit(panel.view.visualItemRect(
        panel.view.item(0)).center())
    menu = panel.findChildren(QMenu)[-1]
    remove = [a for a in menu.actions() if a.text() == "Remove saved search"]
    remove[0].trigger()
    menu.close()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)
    assert lib.saved_searches() == []
