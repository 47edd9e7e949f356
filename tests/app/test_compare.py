"""Compare: select two or more results and read them side by side."""

from __future__ import annotations

import pytest
from gui_helpers import click_row, search
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def compare(qtbot, window):
    """Search, Ctrl+click two results and press Ctrl+D: the compare window."""
    search(qtbot, window, "汽车")
    view = window.results_view
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 2, Qt.KeyboardModifier.ControlModifier)
    assert len(view.selected_ids()) == 2
    assert window.compare_action.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.compare_windows) == 1, timeout=5000)
    cv = window.compare_windows[0]
    qtbot.waitExposed(cv)
    return cv


def test_compare_opens_the_selected_articles_side_by_side(window, compare):
    ids = window.results_view.selected_ids()
    assert [a.id for a in compare.articles] == ids
    assert len(compare.browsers) == 2
    assert compare.windowTitle() == "Compare 2 articles"
    for article, browser, labels in zip(compare.articles, compare.browsers,
                                        compare.header_labels):
        assert article.title in labels[0].text()
        assert (article.date or "") in labels[1].text()
        assert article.text.splitlines()[-1].strip()[:10] in browser.toPlainText()


def test_metadata_rows_are_aligned(qtbot, compare):
    # each metadata row starts at the same height in every column
    for row in range(4):
        tops = {labels[row].geometry().top() for labels in compare.header_labels}
        assert len(tops) == 1, f"row {row} is not aligned: {tops}"
    tops = {b.geometry().top() for b in compare.browsers}
    assert len(tops) == 1


def test_shared_companies_and_query_terms_are_highlighted(compare):
    a, b = compare.articles
    shared = set(a.companies) & set(b.companies)
    assert shared and compare.shared_companies == shared
    colors = compare.colors
    for browser in compare.browsers:
        html = browser.toHtml()
        assert colors.shared_bg in html  # shared companies marked in the text
        assert colors.mark_bg in html  # the query term 汽车
    # shared ones stand out among the company chips of the header
    assert colors.shared_bg in compare.header_labels[0][2].text()
    legend = compare.legend.text().replace("\u2060", "").replace("\xa0", " ")
    assert f"shared companies ({len(shared)})" in legend


def test_synchronised_scrolling_can_be_switched_off(qtbot, compare):
    left, right = (b.verticalScrollBar() for b in compare.browsers)
    qtbot.waitUntil(lambda: left.maximum() > 0 and right.maximum() > 0, timeout=5000)
    assert compare.sync_box.isChecked()
    left.setValue(left.maximum() // 2)
    expected = round(left.value() / left.maximum() * right.maximum())
    assert abs(right.value() - expected) <= 1
    qtbot.mouseClick(compare.sync_box, Qt.MouseButton.LeftButton)
    assert not compare.sync_box.isChecked()
    assert compare.settings.value("compare/sync") in (False, "false")
    before = right.value()
    left.setValue(0)
    assert right.value() == before


def test_compare_needs_two_articles(qtbot, window):
    window.results_view.setCurrentIndex(window.results_model.index(0))
    assert not window.compare_action.isEnabled()
    assert window.compare_selection() is None
    assert "two or more" in window.statusBar().currentMessage()


def test_enter_on_a_multi_selection_compares(qtbot, window):
    view = window.results_view
    view.setFocus()
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 3, Qt.KeyboardModifier.ShiftModifier)
    assert len(view.selected_ids()) == 4
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.compare_windows) == 1, timeout=5000)
    assert len(window.compare_windows[0].browsers) == 4
    window.compare_windows[0].close()
    qtbot.waitUntil(lambda: not window.compare_windows, timeout=5000)


@pytest.mark.parametrize("how", ["button", "escape", "ctrl+w"])
def test_compare_window_closes_by_button_escape_and_ctrl_w(qtbot, window, compare, how):
    assert compare.close_button.isVisible() and compare.close_button.text() == "Close"
    compare.activateWindow()
    qtbot.waitUntil(compare.isActiveWindow, timeout=5000)
    target = compare.browsers[0]
    target.setFocus()
    if how == "button":
        qtbot.mouseClick(compare.close_button, Qt.MouseButton.LeftButton)
    elif how == "escape":
        qtbot.keyClick(target, Qt.Key.Key_Escape)
    else:
        qtbot.keyClick(target, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.compare_windows, timeout=5000)
