"""Edit an article's metadata: errors inline, corrections kept and marked "edited"."""

from __future__ import annotations

import pytest
from gui_helpers import search, wait_idle
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, window):
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.results_view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: any(type(d).__name__ == "EditDialog" for d in window.dialogs),
                    timeout=5000)
    d = next(d for d in window.dialogs if type(d).__name__ == "EditDialog")
    qtbot.waitExposed(d)
    return d


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_a_bad_date_is_shown_inline_and_the_dialog_stays(qtbot, window, dialog):
    assert dialog.title_edit.text() == window.reader.article.title
    dialog.date_edit.setText("2023-13-01")
    _save(qtbot, dialog)
    qtbot.waitUntil(dialog.date_error.isVisible, timeout=5000)
    assert "month must be 1 to 12" in dialog.date_error.text()
    assert not dialog.error_label.isVisible()
    # right under the field it is about, in the same column
    field = dialog.date_edit.geometry()
    error = dialog.date_error.geometry()
    assert dialog.date_error.parentWidget() is dialog.date_edit.parentWidget()
    assert 0 <= error.top() - field.bottom() <= 12 and error.left() == field.left()
    assert dialog.date_edit.hasFocus()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    dialog.title_edit.setText("   ")
    dialog.date_edit.setText(window.reader.article.date or "")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "headline cannot be empty" in dialog.error_label.text(),
                    timeout=5000)


def test_saving_updates_the_list_the_reader_and_marks_the_article_edited(
        qtbot, window, dialog, library):
    article_id = window.reader.article.id
    dialog.title_edit.setText("长春汽开区的新篇章")
    dialog.date_edit.setText("2025-08-01")
    # remove the first company, add another by an alias, tick a topic
    first = dialog.company_list.item(0).text()
    dialog.company_list.item(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_company_button, Qt.MouseButton.LeftButton)
    dialog.company_input.setText("CATL")
    qtbot.mouseClick(dialog.add_company_button, Qt.MouseButton.LeftButton)
    assert "宁德时代" in dialog.companies()  # the alias resolved to the canonical name
    topics = dialog.topic_list
    item = next(topics.item(i) for i in range(topics.count()) if topics.item(i).text() == "人才")
    item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        _save(qtbot, dialog)
    stored = library.get(article_id)
    assert stored.title == "长春汽开区的新篇章"
    assert stored.date == "2025-08-01" and stored.edited
    assert first not in stored.companies and "宁德时代" in stored.companies
    assert "人才" in stored.topics
    # what the user sees
    assert "长春汽开区的新篇章" in window.reader.toPlainText()
    assert "edited" in window.reader.toPlainText()
    wait_idle(qtbot, window)
    row = window.results_model.row_of(article_id)
    assert window.results_model.row_data(row)["title"] == "长春汽开区的新篇章"
    assert window.results_model.row_data(row)["edited"]
    # the facets follow the correction
    qtbot.waitUntil(lambda: "宁德时代" in dict(window.facets.sections["company"].model.values),
                    timeout=5000)
    # and the edit is kept: search finds the new headline
    search(qtbot, window, "新篇章")
    assert window.results_model.article_id(0) == article_id


def test_nothing_changed_just_closes(qtbot, window, dialog, library):
    article_id = window.reader.article.id
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert not library.get(article_id).edited


def test_cancel_changes_nothing(qtbot, window, dialog, library):
    article_id = window.reader.article.id
    dialog.title_edit.setText("changed")
    dialog.reject()
    assert library.get(article_id).title != "changed"


def test_teach_a_company_alias(qtbot, window, dialog, library):
    dialog.company_list.setCurrentRow(0)
    dialog.company_list.item(0).setSelected(True)
    canonical = dialog.company_list.item(0).text()
    dialog.alias_input.setText("测试别名公司")
    qtbot.mouseClick(dialog.alias_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.alias_note.isVisible, timeout=10000)
    assert "测试别名公司" in dialog.alias_note.text() and canonical in dialog.alias_note.text()
    assert library.canonical_company("测试别名公司") == canonical
    # without a selected company it says what is missing
    dialog.company_list.clearSelection()
    dialog.company_list.setCurrentRow(-1)
    dialog.alias_input.setText("另一个名字")
    qtbot.mouseClick(dialog.alias_button, Qt.MouseButton.LeftButton)
    assert "Select the company" in dialog.error_label.text()


def test_a_conflicting_save_names_the_article_and_offers_reload(
        qtbot, window, dialog, library, archive_dir):
    from archive.library import Edit, Library

    article_id = window.reader.article.id
    other = Library(archive_dir)  # another desktop saves first
    try:
        other.edit(article_id, Edit(title="另一位编辑的标题"))
    finally:
        other.close()
    dialog.title_edit.setText("我的标题")
    _save(qtbot, dialog)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10000)
    message = dialog.error_label.text()
    assert "另一位编辑的标题" in message and f"article {article_id}" in message
    assert "not saved" in message
    assert dialog.isVisible() and dialog.reload_button.isVisible()
    assert library.get(article_id).title == "另一位编辑的标题"  # nothing overwritten
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.title_edit.text() == "另一位编辑的标题", timeout=10000)
    assert not dialog.error_label.isVisible() and not dialog.reload_button.isVisible()
    dialog.title_edit.setText("我的标题")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        _save(qtbot, dialog)
    assert library.get(article_id).title == "我的标题"
