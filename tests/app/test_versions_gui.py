"""Versions in the app: results say "N versions", the reader lists them and can split one;
the import report lists warnings."""

from __future__ import annotations

import opencc
import pytest
from gui_helpers import search

pytestmark = pytest.mark.gui


@pytest.fixture
def grouped(library, tmp_path):
    """The sample archive plus a traditional-script copy of article 001 (its version)."""
    sample = next(p for p in (tmp_path / "samples").glob("001_*.txt"))
    copy = tmp_path / "traditional.txt"
    copy.write_text(opencc.OpenCC("s2t").convert(sample.read_text(encoding="utf-8")),
                    encoding="utf-8")
    report = library.ingest([copy])
    assert len(report.versions) == 1
    return report.versions[0]


def test_results_mark_a_group_and_the_reader_lists_and_splits_it(qtbot, grouped, make_window):
    win = make_window()
    win.show()
    qtbot.waitExposed(win)
    search(qtbot, win, "")
    assert win.result.total == 5  # six articles, five groups
    model = win.results_model
    from app.gui.results_model import VersionsRole

    marks = {model.article_id(r): model.index(r).data(VersionsRole) for r in range(5)}
    grouped_id = next(a for a, n in marks.items() if n == 2)
    assert grouped_id in (grouped["id"], grouped["version_of"])
    assert sorted(marks.values()) == [1, 1, 1, 1, 2]

    row = model.row_of(grouped_id)
    win.results_view.setCurrentIndex(model.index(row))
    qtbot.waitUntil(lambda: win.reader.article is not None
                    and win.reader.article.id == grouped_id, timeout=5000)
    bar = win.reader_panel.versions
    assert bar.isVisible() and "2 versions" in bar.label.text()
    assert "traditional.txt" in bar.label.text()

    other = grouped["id"] if grouped_id != grouped["id"] else grouped["version_of"]
    bar._link(f"version:{other}")  # as a click on the link does
    assert win.reader.article.id == other

    bar.split_button.click()
    qtbot.waitUntil(lambda: win.result is not None and win.result.total == 6, timeout=10000)
    assert not bar.isVisible()
    assert all(model.index(r).data(VersionsRole) == 1 for r in range(6))


def test_import_report_lists_warnings(qtbot):
    from app.gui.import_report import ImportReportDialog
    from archive.ingest import IngestReport

    report = IngestReport(added=[7], warnings=[
        {"path": "/x/page.docx", "warning": "named .docx but its content is a web page (HTML)"}])
    dialog = ImportReportDialog(report, {7: "标题"})
    qtbot.addWidget(dialog)
    assert dialog.groups["warnings"].child(0).text(0) == "/x/page.docx"
    assert "web page" in dialog.groups["warnings"].child(0).text(1)
    assert "1 warning" in dialog.summary.text()
    assert "page.docx" in dialog.text()
