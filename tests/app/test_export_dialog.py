"""The export dialog: choose a format and destination, export in the background, cancel."""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def dest(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def make_dialog(qtbot, library, dest):
    from app.gui.export_dialog import ExportDialog

    dialogs = []

    def make(ids=None):
        dialog = ExportDialog(library, ids or library._store.article_ids(), folder=dest)
        qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.runner.wait()


def _export(qtbot, dialog) -> list[Path]:
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        qtbot.mouseClick(dialog.export_button, _left())
    return blocker.args[0]


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_defaults_suggest_a_pdf_in_the_chosen_folder(make_dialog, dest):
    dialog = make_dialog()
    assert dialog.format.name == "pdf"
    assert Path(dialog.destination.text()).parent == dest
    assert dialog.destination.text().endswith(".pdf")
    assert "5" in dialog.summary.text()
    assert dialog.toc_box.isEnabled() and dialog.toc_box.isChecked()
    assert not dialog.full_text_box.isEnabled()
    assert dialog.bundle_box.isHidden()


def test_one_article_is_named_after_its_headline(make_dialog, library):
    article = library.get(library._store.article_ids()[0])
    dialog = make_dialog([article.id])
    assert Path(dialog.destination.text()).name == f"{article.title}.pdf"
    assert not dialog.toc_box.isEnabled()


def test_changing_the_format_changes_extension_and_options(make_dialog):
    dialog = make_dialog()
    dialog.set_format("csv")
    assert dialog.destination.text().endswith(".csv")
    assert dialog.full_text_box.isEnabled() and not dialog.toc_box.isEnabled()
    dialog.set_format("zip")
    assert dialog.destination.text().endswith(".zip")
    assert not dialog.bundle_box.isHidden()
    dialog.set_format("docx")
    dialog.split_box.setChecked(True)
    assert not Path(dialog.destination.text()).suffix  # a folder for one file per article


def test_export_csv_with_full_text(qtbot, make_dialog, dest):
    dialog = make_dialog()
    dialog.set_format("csv")
    dialog.full_text_box.setChecked(True)
    dialog.destination.setText(str(dest / "result.csv"))
    written = _export(qtbot, dialog)
    assert written == [(dest / "result.csv").resolve()]
    rows = list(csv.DictReader(io.StringIO(written[0].read_text(encoding="utf-8-sig"))))
    assert len(rows) == 5 and all(r["text"] for r in rows)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_export_zip_bundle_with_chosen_document_format(qtbot, make_dialog, dest):
    dialog = make_dialog()
    dialog.set_format("zip")
    dialog.bundle_box.setCurrentIndex(dialog.bundle_box.findData("html"))
    written = _export(qtbot, dialog)
    with zipfile.ZipFile(written[0]) as zf:
        docs = [n for n in zf.namelist() if n.startswith("articles/")]
    assert len(docs) == 5 and all(n.endswith(".html") for n in docs)


def test_export_pdf_shows_progress(qtbot, make_dialog):
    dialog = make_dialog()
    values = []
    dialog.progress.valueChanged.connect(values.append)
    written = _export(qtbot, dialog)
    assert written[0].read_bytes().startswith(b"%PDF")
    assert values and values[-1] == dialog.progress.maximum() == 5


def test_a_bad_destination_is_shown_and_the_dialog_stays(qtbot, make_dialog, dest):
    dialog = make_dialog()
    dialog.destination.setText(str(dest / "no" / "such" / "folder" / "x.pdf"))
    qtbot.mouseClick(dialog.export_button, _left())
    qtbot.waitUntil(lambda: dialog.task is None and "does not exist" in dialog.status.text(),
                    timeout=30000)
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert dialog.format_box.isEnabled()


def test_cancel_stops_the_background_export(qtbot, make_dialog, library, dest, monkeypatch):
    from archive.exporters import ExportCancelled

    started = threading.Event()

    def slow_export(ids, fmt, out, options, progress, cancel):
        progress(1, len(ids), "first")
        started.set()
        if cancel.wait(20):
            raise ExportCancelled()
        return [out]

    monkeypatch.setattr(library, "export", slow_export)
    dialog = make_dialog()
    qtbot.mouseClick(dialog.export_button, _left())
    qtbot.waitUntil(started.is_set, timeout=10000)
    assert not dialog.export_button.isEnabled() and dialog.progress.isVisible()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert "cancelled" in dialog.status.text().lower()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert list(dest.iterdir()) == []


def test_closing_while_running_cancels_then_closes(qtbot, make_dialog, library, monkeypatch):
    from archive.exporters import ExportCancelled

    def slow_export(ids, fmt, out, options, progress, cancel):
        if cancel.wait(20):
            raise ExportCancelled()
        return [out]

    monkeypatch.setattr(library, "export", slow_export)
    dialog = make_dialog()
    qtbot.mouseClick(dialog.export_button, _left())
    qtbot.waitUntil(lambda: dialog.task is not None, timeout=5000)
    dialog.reject()  # Esc or the Cancel button
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert dialog.result() == dialog.DialogCode.Rejected


def test_enter_while_exporting_does_not_cancel(qtbot, make_dialog, library, dest, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from archive.exporters import ExportCancelled

    started, release = threading.Event(), threading.Event()

    def slow_export(ids, fmt, out, options, progress, cancel):
        started.set()
        while not release.wait(0.05):
            if cancel.is_set():
                raise ExportCancelled()
        out.write_text("done", encoding="utf-8")
        return [out]

    monkeypatch.setattr(library, "export", slow_export)
    dialog = make_dialog()
    dialog.activateWindow()
    dialog.export_button.setFocus()
    qtbot.keyClick(dialog.export_button, Qt.Key.Key_Return)  # Enter starts it
    qtbot.waitUntil(started.is_set, timeout=10000)
    for _ in range(3):  # a user pressing Enter again and again while it runs
        target = QApplication.focusWidget() or dialog
        qtbot.keyClick(target, Qt.Key.Key_Return)
        qtbot.keyClick(dialog, Qt.Key.Key_Enter)
    qtbot.wait(100)
    assert dialog.task is not None and not dialog.task.cancel.is_set()
    assert "cancel" not in dialog.status.text().lower()
    release.set()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert dialog.written and dialog.written[0].read_text(encoding="utf-8") == "done"


def test_finished_export_confirms_and_shows_the_folder(qtbot, make_dialog, dest, english):
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    class Opened(QObject):
        def __init__(self):
            super().__init__()
            self.urls: list[QUrl] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.urls.append(url)

    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        dialog = make_dialog()
        dialog.set_format("csv")
        written = _export(qtbot, dialog)
        assert dialog.isVisible(), "the dialog stays to confirm"
        assert "Exported 1 file to" in dialog.status.text()
        assert str(written[0]) in dialog.status.text()
        assert dialog.show_folder_button.isVisible()
        assert not dialog.export_button.isVisible()
        assert dialog.cancel_button.text() == "Close"
        qtbot.mouseClick(dialog.show_folder_button, _left())
        assert [Path(u.toLocalFile()) for u in opened.urls] == [dest]
        dialog.reject()  # Close
        assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    finally:
        QDesktopServices.unsetUrlHandler("file")
