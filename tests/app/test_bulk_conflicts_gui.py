"""A bulk edit in the app never overwrites what another desktop saved: the dialog refuses a
save on articles changed since it opened (naming one, offering Reload), and Undo refuses
to put back articles changed after the edit (and leaves the stack)."""

from __future__ import annotations

from gui_helpers import click_row
from PySide6.QtCore import Qt

from archive.library import Edit, Library


def _open_bulk(qtbot, window):
    view = window.results_view
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 1, Qt.KeyboardModifier.ControlModifier)
    ids = sorted(view.selected_ids())
    assert len(ids) == 2
    window.edit_action.trigger()
    qtbot.waitUntil(lambda: any(type(d).__name__ == "BulkEditDialog" for d in window.dialogs),
                    timeout=5000)
    return ids, next(d for d in window.dialogs if type(d).__name__ == "BulkEditDialog")


def _other_desktop_edits(archive_dir, aid: int, title: str) -> None:
    other = Library(archive_dir)
    try:
        other.edit(aid, Edit(title=title))
    finally:
        other.close()


def test_a_bulk_save_on_changed_articles_is_refused_then_saved_after_reload(
        qtbot, window, library, archive_dir):
    ids, dialog = _open_bulk(qtbot, window)
    _other_desktop_edits(archive_dir, ids[1], "另一台电脑改的标题")
    dialog.set_date.setChecked(True)
    dialog.date_edit.setText("2019")
    dialog.save()
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10000)
    message = dialog.error_label.text()
    assert "另一台电脑改的标题" in message and f"article {ids[1]}" in message
    assert "not saved" in message
    assert dialog.reload_button.isVisible() and not dialog.save_button.isEnabled()
    assert all(library.get(aid).year != 2019 for aid in ids)  # neither article saved

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled() and not dialog.error_label.isVisible()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    assert all(library.get(aid).year == 2019 for aid in ids)
    assert library.get(ids[1]).title == "另一台电脑改的标题"  # their change kept


def test_undo_is_refused_when_an_article_changed_after_the_bulk_edit(
        qtbot, window, library, archive_dir):
    ids, dialog = _open_bulk(qtbot, window)
    dialog.set_date.setChecked(True)
    dialog.date_edit.setText("2019")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    assert window.undo_action.isEnabled()
    _other_desktop_edits(archive_dir, ids[0], "编辑之后别人改的")

    with qtbot.waitSignal(window.bulk_edits.failed, timeout=5000) as refused:
        window.undo_action.trigger()
    assert "编辑之后别人改的" in refused.args[0] and "not undone" in refused.args[0]
    assert "not undone" in window.statusBar().currentMessage()
    assert not window.bulk_edits.stack.canUndo() and not window.bulk_edits.stack.canRedo()
    first, second = library.get(ids[0]), library.get(ids[1])
    assert first.title == "编辑之后别人改的" and first.year == 2019 and second.year == 2019
