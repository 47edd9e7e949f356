"""Import from the menu or by dropping files: progress, cancel, and the report."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import wait_idle
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

pytestmark = pytest.mark.gui

NEW_ARTICLE = (
    "一汽解放新能源重卡在长春下线\n\n本报记者 王明\n\n"
    "2024年5月8日，一汽解放新能源重卡在长春下线。宁德时代为其提供电池。\n\n"
    "▲ 新车下线仪式现场\n"
)


@pytest.fixture
def inbox(tmp_path: Path, sample_dir: Path) -> Path:
    """A folder with one new article, one already in the archive, and two broken files."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (folder / "again.txt").write_bytes(min(sample_dir.glob("*.txt")).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    return folder


def _wait_report(qtbot, win):
    qtbot.waitUntil(lambda: win.report_dialog is not None and win.report_dialog.isVisible(),
                    timeout=30000)
    return win.report_dialog


def test_import_from_the_menu_shows_progress_and_a_report(qtbot, window, inbox, monkeypatch):
    files = [str(p) for p in sorted(inbox.iterdir())]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (files, "")))
    seen = []
    window.importer.progress.connect(lambda d, t, c: seen.append((d, t, c)))
    window.import_action.trigger()
    assert window.import_progress.isVisible()
    assert not window.import_action.isEnabled()
    report = _wait_report(qtbot, window)
    # progress named each file as it was read
    assert {Path(c).name for _d, _t, c in seen if c} == {p.name for p in inbox.iterdir()}
    assert not window.import_progress.isVisible()
    assert window.import_action.isEnabled()
    summary = report.summary.text()
    assert "1 added" in summary and "1 duplicate" in summary and "2 failed" in summary
    groups = report.groups
    assert groups["added"].child(0).text(0) == "一汽解放新能源重卡在长春下线"
    assert groups["duplicates"].child(0).text(0).endswith("again.txt")
    assert "already in the archive as #" in groups["duplicates"].child(0).text(1)
    failed = {Path(groups["failed"].child(i).text(0)).name: groups["failed"].child(i).text(1)
              for i in range(groups["failed"].childCount())}
    assert set(failed) == {"empty.txt", "broken.pdf"}
    assert all(reason for reason in failed.values()), "each failure says why"
    assert groups["versions"].isHidden()
    # copy the report as text
    report.copy()
    assert "empty.txt" in QApplication.clipboard().text()
    # the list shows the new article
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 6, timeout=10000)
    assert window.count_label.text() == "6 articles"


def test_cancel_stops_the_import_and_says_so(qtbot, window, inbox, library, monkeypatch):
    """The importer waits after the second file until the user has pressed Cancel."""
    for n in range(6):
        (inbox / f"more-{n}.txt").write_text(NEW_ARTICLE.replace("王明", f"记者{n}号") * (n + 2),
                                             encoding="utf-8")
    gate = threading.Event()
    real = library.ingest

    def ingest(paths, progress=None, cancel=None, **kw):
        def report(done, total, current):
            progress(done, total, current)
            if done == 1:
                gate.wait(20)
        return real(paths, report, cancel, **kw)

    monkeypatch.setattr(library, "ingest", ingest)
    window.start_import([str(inbox)])
    progress = window.import_progress
    qtbot.waitUntil(lambda: "Reading 2 of 10" in progress.label.text(), timeout=10000)
    assert progress.bar.maximum() == 10 and progress.bar.value() == 1
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert progress.label.text() == "Cancelling…"
    assert not progress.cancel_button.isEnabled()
    gate.set()
    report = _wait_report(qtbot, window)
    assert report.report.cancelled
    assert "cancelled" in report.summary.text()
    handled = (len(report.report.added) + len(report.report.duplicates)
               + len(report.report.failed))
    assert handled == 2, "the file being read is finished, nothing after it is read"


def test_dropping_files_on_the_window_imports_them(qtbot, window, inbox):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(inbox / "new.txt"))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    assert window.drop_overlay.isVisible()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert not window.drop_overlay.isVisible()
    report = _wait_report(qtbot, window)
    assert len(report.report.added) == 1


def test_dragging_text_is_refused(window):
    data = QMimeData()
    data.setText("hello")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_import_a_folder_from_the_menu(qtbot, window, inbox, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(inbox)))
    window.import_folder_action.trigger()
    report = _wait_report(qtbot, window)
    assert len(report.report.added) == 1 and len(report.report.failed) == 2


def test_a_second_import_waits_for_the_first(qtbot, window, inbox):
    assert window.start_import([str(inbox / "new.txt")])
    assert not window.start_import([str(inbox / "again.txt")])
    assert "already running" in window.statusBar().currentMessage()
    _wait_report(qtbot, window)


def test_samples_import_quietly_into_a_new_archive(qtbot, tmp_path, settings, english):
    from app.gui.launch import start_window
    from archive.library import Library

    lib = Library(tmp_path / "fresh")
    try:
        win = start_window(lib, import_samples=True, settings=settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: not win.importer.busy(), timeout=30000)
        qtbot.waitUntil(lambda: win.results_model.rowCount() == 5, timeout=10000)
        assert win.report_dialog is None  # no report for the first-run samples
        win.runner.wait()
        win.close()
    finally:
        lib.close()


def test_no_samples_leaves_a_new_archive_empty(qtbot, tmp_path, settings, english):
    from app.gui.launch import start_window
    from archive.library import Library

    lib = Library(tmp_path / "empty")
    try:
        win = start_window(lib, import_samples=False, settings=settings)
        qtbot.addWidget(win)
        qtbot.waitUntil(lambda: win.result is not None, timeout=10000)
        assert win.results_model.rowCount() == 0
        assert not win.importer.busy()
        win.runner.wait()
        win.close()
    finally:
        lib.close()


def test_import_report_dialog_alone(qtbot):
    from app.gui.import_report import ImportReportDialog
    from archive.ingest import IngestReport

    report = IngestReport(added=[7], versions=[{"path": "/x/a.txt", "id": 8, "version_of": 3}],
                          failed=[{"path": "/x/b.doc", "error": "unsupported format .doc"}])
    dialog = ImportReportDialog(report, {7: "标题"})
    qtbot.addWidget(dialog)
    assert dialog.groups["versions"].child(0).text(1) == "a version of article #3"
    assert dialog.groups["failed"].child(0).text(1) == "unsupported format .doc"
    assert dialog.groups["duplicates"].isHidden()
    assert "1 new version" in dialog.summary.text()
