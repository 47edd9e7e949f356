"""Defects a new user ran into (issue 15), each driven as that user would."""

from __future__ import annotations

import pytest
from gui_helpers import facet_click, search, wait_idle
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def _visible_in(widget, bar) -> bool:
    """``widget`` lies wholly inside ``bar`` and inside the area the bar is given."""
    if not widget.isVisible():
        return False
    rect = widget.geometry()
    return bar.rect().contains(rect) and rect.bottom() < bar.height()


@pytest.mark.parametrize("ticks", [3, 4, 6])
def test_chips_wrap_and_clear_all_stays_visible(qtbot, window, ticks):
    window.show()
    window.splitter.setSizes([220, 420, 700])
    companies = [v for v, _c in window.facets.sections["company"].model.values][:ticks - 1]
    for value in companies:
        facet_click(qtbot, window, "company", value)
    facet_click(qtbot, window, "year", "2024")
    qtbot.waitUntil(lambda: len(window.chips.chips) == len(companies) + 1, timeout=5000)
    wait_idle(qtbot, window)
    bar = window.chips
    qtbot.waitUntil(lambda: bar.clear_button.isVisible(), timeout=2000)
    qtbot.wait(50)  # let the layouts settle
    widgets = [*bar.chips, bar.clear_button]
    for w in widgets:
        assert _visible_in(w, bar), (w, w.geometry(), bar.geometry())
    for i, a in enumerate(widgets):
        for b in widgets[i + 1:]:
            assert not a.geometry().intersects(b.geometry()), (a.geometry(), b.geometry())
    # the results below are not covered by the chips either
    assert bar.geometry().bottom() < window.timeline.geometry().top()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.facets.has_selection(), timeout=5000)


def _order(window, facet: str) -> list[str]:
    return [v for v, _c in window.facets.sections[facet].model.values]


def _tick(qtbot, window, facet: str, value: str) -> None:
    before = window.searches.latest
    facet_click(qtbot, window, facet, value)
    qtbot.waitUntil(lambda: window.searches.latest != before, timeout=5000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.result is not None and not window.searches.busy(),
                    timeout=5000)


def test_facet_rows_stay_in_place_while_ticking_and_resort_on_a_new_query(qtbot, window):
    window.show()
    companies = _order(window, "company")
    section = window.facets.sections["company"]
    aimed = companies[6]
    spot = section.row_rect(aimed).center()
    _tick(qtbot, window, "company", companies[5])
    assert _order(window, "company") == companies  # the ticked one did not jump to the top
    assert section.row_rect(aimed).center() == spot
    _tick(qtbot, window, "company", aimed)  # the next click lands on the row aimed at
    assert set(window.facets.selection()["company"]) == {companies[5], aimed}
    _tick(qtbot, window, "year", "2023")  # counts change; 比亚迪 has none in 2023
    assert _order(window, "company") == companies
    assert dict(section.model.values)["比亚迪"] == 0
    search(qtbot, window, "汽车")  # a new query sorts afresh: ticked values first
    order = _order(window, "company")
    assert set(order[:2]) == {companies[5], aimed}
    assert "比亚迪" not in order or dict(section.model.values)["比亚迪"] > 0


def test_zero_results_under_filters_show_the_selection_and_a_hint(qtbot, window):
    window.show()
    _tick(qtbot, window, "company", "比亚迪")
    _tick(qtbot, window, "year", "2023")
    assert window.result.total == 0
    topic = window.facets.sections["topic"]
    assert topic.empty_hint.isVisible() and "None in these results" in topic.empty_hint.text()
    search(qtbot, window, "完全没有这个词语")  # a new query that finds nothing at all
    company = window.facets.sections["company"]
    assert dict(company.model.values) == {"比亚迪": 0}
    assert company.view.isVisible() and company.empty_hint.isVisible()
    assert dict(window.facets.sections["year"].model.values) == {"2023": 0}
    assert not topic.view.isVisible() and topic.empty_hint.isVisible()
    window.clear_filters()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not window.searches.busy(), timeout=5000)
    assert not company.empty_hint.isVisible()


def test_first_start_says_samples_are_importing_not_no_match(qtbot, tmp_path, settings, english):
    import threading

    from app.gui.launch import start_window
    from archive.library import Library

    lib = Library(tmp_path / "fresh")
    gate = threading.Event()
    real = lib.import_samples

    def import_samples_when_let(progress=None, cancel=None):
        gate.wait(30)  # hold the import back until the first screen has been checked
        return real(progress, cancel)

    lib.import_samples = import_samples_when_let
    try:
        win = start_window(lib, import_samples=True, settings=settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.result is not None, timeout=10000)
        assert win.importer.busy()
        shown = win.reader.toPlainText()
        assert "Importing sample articles" in shown and "No articles match" not in shown
        assert "Importing sample articles" in win.count_label.text()
        gate.set()
        qtbot.waitUntil(lambda: win.results_model.rowCount() == 5, timeout=30000)
        qtbot.waitUntil(lambda: "Importing" not in win.count_label.text(), timeout=5000)
        win.runner.wait()
        win.close()
        win.runner.wait()
    finally:
        gate.set()
        lib.close()


def test_status_bar_counts_imports_in_plural_forms(qtbot, window, tmp_path, sample_dir):
    new = tmp_path / "new.txt"
    new.write_text("长春新建一座汽车零部件工厂\n\n2026年3月1日，长春市一座新的汽车零部件工厂开工建设。"
                   "项目总投资十亿元，预计明年投产。\n", encoding="utf-8")
    again = [str(p) for p in sorted(sample_dir.glob("*.txt"))[:2]]

    def imported(paths: list[str]) -> str:
        with qtbot.waitSignal(window.importer.finished, timeout=60000):
            assert window.start_import(paths)
        for dialog in list(window.dialogs):
            dialog.close()
        return window.statusBar().currentMessage()

    assert imported([str(new)]) == "1 added, no duplicates"
    assert imported(again) == "0 added, 2 duplicates"
    assert imported([str(new)]) == "0 added, 1 duplicate"


def test_import_report_keeps_the_file_name_of_a_long_path(qtbot):
    from PySide6.QtGui import QFontMetrics

    from app.gui.import_report import ImportReportDialog
    from archive.ingest import IngestReport

    path = "/home/researcher/" + "/".join(["a-rather-long-folder-name"] * 8) + "/报道-最后.pdf"
    report = IngestReport(failed=[{"path": path, "error": "unsupported format"}])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    row = dialog.groups["failed"].child(0)
    assert row.toolTip(0) == path
    rect = tree.visualItemRect(row)
    width = tree.header().sectionSize(0) - (rect.left() + tree.indentation())
    shown = QFontMetrics(tree.font()).elidedText(path, tree.textElideMode(), width)
    assert shown != path, "the path is longer than its column"
    assert shown.startswith("/home/") and shown.endswith("报道-最后.pdf")
