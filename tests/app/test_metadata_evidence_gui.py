"""Issue 14 in the app: a date's evidence on hover (reader and results), a timeline that
keeps outlier years apart, and a bulk edit of many articles with undo and redo."""

from __future__ import annotations

from gui_helpers import click_row, search, wait_idle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from app.gui.results_model import DateSourceRole
from app.gui.timeline import BREAK, TimelineWidget, year_groups
from archive.library import Edit


def _tooltip_at(reader, text: str) -> str:
    """The hover text Qt shows over the first occurrence of ``text`` in the reader."""
    doc = reader.document()
    found = doc.find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + 1)
    return cursor.charFormat().toolTip()


def test_date_evidence_on_hover_in_reader_and_results(qtbot, window):
    search(qtbot, window, "中德汽车大会")
    click_row(qtbot, window.results_view, 0)
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    article = window.reader.article
    assert article.date == "2023-10-17"
    tip = _tooltip_at(window.reader, article.date)
    assert "reported events" in tip and "10月17日至19日" in tip

    model = window.results_model
    index = model.index(0, 0)
    assert model.data(index, DateSourceRole).startswith("event: ")
    row_tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert article.title in row_tip and "2023-10-17" in row_tip and "10月17日至19日" in row_tip


def test_manual_date_hover_says_entered_by_hand(qtbot, window):
    search(qtbot, window, "中德汽车大会")
    click_row(qtbot, window.results_view, 0)
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    aid = window.reader.article.id
    edit = Edit(date="2020-05-06")
    window.bulk_edits.record([aid], edit, window.library.edit_many([aid], edit))
    qtbot.waitUntil(lambda: window.reader.article.date == "2020-05-06", timeout=5000)
    assert _tooltip_at(window.reader, "2020-05-06") == "Entered by hand"
    wait_idle(qtbot, window)
    window.runner.wait()


def test_year_groups_split_far_years():
    assert year_groups([2021, 2023, 2025, 2091, 1970]) == [[1970], [2021, 2023, 2025], [2091]]
    assert year_groups([1995, 2002, 2009]) == [[1995], [2002], [2009]]
    assert year_groups([1995, 2001, 2007]) == [[1995, 2001, 2007]]  # five empty years: one axis


def test_timeline_keeps_an_outlier_year_apart(qtbot):
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(300, 80)
    counts = {"2021": 5, "2022": 2, "2023": 7, "2024": 4, "2025": 3, "2091": 1, "unknown": 2}
    widget.set_counts(counts)
    bars = widget.years()
    assert bars == ["2021", "2022", "2023", "2024", "2025", BREAK, "2091", "unknown"]
    # the real years share the width; the outlier is one bar past a break mark
    rects = {y: widget.bar_rect(y) for y in bars if y != BREAK}
    span = rects["2025"].right() - rects["2021"].left()
    assert span > 0.5 * widget.width()  # on one axis to 2091 they would get 5 % of it
    assert rects["2091"].width() == rects["2023"].width()
    assert rects["2091"].left() > rects["2025"].right() + 8  # room for the break mark
    # the break is not clickable, the outlier bar is
    with qtbot.waitSignal(widget.year_clicked) as got:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rects["2091"].center())
    assert got.args == ["2091", False]
    gap = QPoint((rects["2025"].right() + rects["2091"].left()) // 2, rects["2091"].center().y())
    assert widget.year_at(gap) is None
    widget.grab()  # paints without error with a break mark


def test_timeline_without_outliers_spans_the_range(qtbot):
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_counts({"2019": 1, "2022": 2})
    assert widget.years() == ["2019", "2020", "2021", "2022"]


def test_bulk_edit_of_a_selection_with_undo_and_redo(qtbot, window):
    lib = window.library
    view = window.results_view
    assert window.results_model.rowCount() == 5
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 1, Qt.KeyboardModifier.ControlModifier)
    click_row(qtbot, view, 2, Qt.KeyboardModifier.ControlModifier)
    ids = sorted(view.selected_ids())
    assert len(ids) == 3
    before = {i: lib.get(i) for i in ids}
    assert window.edit_action.isEnabled()

    window.edit_action.trigger()
    qtbot.waitUntil(lambda: any(type(d).__name__ == "BulkEditDialog" for d in window.dialogs),
                    timeout=5000)
    dialog = next(d for d in window.dialogs if type(d).__name__ == "BulkEditDialog")
    dialog.date_edit.setText("2019-13")
    dialog.set_date.setChecked(True)
    dialog.save()
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=5000)
    assert "month must be 1 to 12" in dialog.error_label.text()
    dialog.date_edit.setText("2019")
    dialog.add_company.setText("CATL")
    dialog.remove_company.setText("中国一汽")
    dialog.add_topic.setCurrentText("人才")
    dialog.save()
    qtbot.waitUntil(lambda: not any(type(d).__name__ == "BulkEditDialog"
                                    for d in window.dialogs), timeout=10000)
    qtbot.waitUntil(lambda: lib.get(ids[0]).year == 2019, timeout=5000)
    for i in ids:
        a = lib.get(i)
        assert (a.year, a.date_source) == (2019, "manual")
        assert "宁德时代" in a.companies and "中国一汽" not in a.companies
        assert a.topics[0] == "人才"
    qtbot.waitUntil(lambda: window.result is not None
                    and window.result.facets["year"].get("2019") == 3, timeout=10000)

    assert window.undo_action.isEnabled() and "3 articles" in window.undo_action.text()
    # Ctrl+Z undoes what came last: this correction (not the import of the samples)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.results_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.trash_ui.last_box is None  # no "undo the last import?" question
    for i in ids:
        a, old = lib.get(i), before[i]
        assert (a.date, a.year, a.companies, a.topics, a.edited) == (
            old.date, old.year, old.companies, old.topics, old.edited)
    qtbot.waitUntil(lambda: window.result is not None
                    and "2019" not in window.result.facets["year"], timeout=10000)

    window.redo_action.trigger()
    assert all(lib.get(i).year == 2019 for i in ids)
    qtbot.waitUntil(lambda: window.result is not None
                    and window.result.facets["year"].get("2019") == 3, timeout=10000)
    wait_idle(qtbot, window)
    window.runner.wait()
