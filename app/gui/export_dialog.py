"""The export dialog: format, destination and options for the selected articles, with a
progress bar and cancel while the export runs in the background, and a confirmation with
"Show in folder" when it is done. Enter never cancels a running export."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.exporters import ExportOptions, Format, formats
from archive.exporters.naming import safe_filename, safe_stem
from archive.library import Library

from .tasks import Task, TaskRunner


class ExportDialog(QDialog):
    """Export ``ids`` of ``library``; emits ``exported`` with the written files."""

    exported = Signal(list)

    def __init__(self, library: Library, ids: list[int], parent: QWidget | None = None,
                 runner: TaskRunner | None = None, folder: Path | None = None):
        super().__init__(parent)
        self.library = library
        self.ids = list(dict.fromkeys(ids))
        self.runner = runner or TaskRunner(parent=self)
        self.task: Task | None = None
        self.written: list[Path] = []
        self._cancelled = False
        self._close_when_done = False
        self._folder = folder or self._default_folder()
        self._formats: list[Format] = formats()
        self.setWindowTitle(self.tr("Export articles"))
        self.setMinimumWidth(520)

        count = len(self.ids)
        self.summary = QLabel(self.tr("Export %n article(s)", "", count))
        self.format_box = QComboBox()
        for fmt in self._formats:
            self.format_box.addItem(self.tr(fmt.label), fmt.name)
        self.destination = QLineEdit()
        self.destination.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.toc_box = QCheckBox(self.tr("Table of contents"))
        self.toc_box.setChecked(True)
        self.citation_box = QCheckBox(self.tr("Citation under each article (GB/T 7714)"))
        self.citation_box.setChecked(True)
        self.split_box = QCheckBox(self.tr("One file per article (into a folder)"))
        self.full_text_box = QCheckBox(self.tr("Include the full text"))
        self.bundle_box = QComboBox()
        for fmt in self._formats:
            if fmt.document:
                self.bundle_box.addItem(self.tr(fmt.label), fmt.name)
        self.bundle_box.setCurrentIndex(max(0, self.bundle_box.findData("md")))
        self.bundle_label = QLabel(self.tr("Files in the bundle:"))
        self.progress = QProgressBar()
        self.progress.setRange(0, max(count, 1))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Cancel is never the button Enter presses (not even with the focus on it once
        # Export is disabled while the export runs): cancelling takes a click or Esc.
        self.cancel_button.setAutoDefault(False)
        self.show_folder_button = self.buttons.addButton(self.tr("Show in folder"),
                                                         QDialogButtonBox.ButtonRole.ActionRole)
        self.show_folder_button.setAutoDefault(False)
        self.show_folder_button.hide()
        self.export_button.setDefault(True)
        self._build_layout()

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.split_box.toggled.connect(lambda _on: self._format_changed())
        self.browse_button.clicked.connect(self.choose_destination)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self.show_folder_button.clicked.connect(self.show_folder)
        self.destination.textChanged.connect(lambda _t: self._update_enabled())
        self.destination.setText(str(self._folder / self.suggested_name()))
        self._format_changed()

    # ----- layout ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        dest = QHBoxLayout()
        dest.addWidget(self.destination, 1)
        dest.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_box)
        form.addRow(self.tr("Save to:"), dest)
        options = QGroupBox(self.tr("Options"))
        opts = QFormLayout(options)
        opts.addRow(self.toc_box)
        opts.addRow(self.citation_box)
        opts.addRow(self.split_box)
        opts.addRow(self.full_text_box)
        opts.addRow(self.bundle_label, self.bundle_box)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(form)
        lay.addWidget(options)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addStretch(1)
        lay.addWidget(self.buttons)

    # ----- choices ---------------------------------------------------------------------
    @property
    def format(self) -> Format:
        name = self.format_box.currentData()
        return next(f for f in self._formats if f.name == name)

    def set_format(self, name: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(name))

    def options(self) -> ExportOptions:
        return ExportOptions(
            full_text=self.full_text_box.isChecked(),
            toc=self.toc_box.isChecked(),
            bundle_format=self.bundle_box.currentData() or "md",
            split=self.split_box.isChecked() and self.format.document,
            citation=self.citation_box.isChecked(),
        )

    def suggested_name(self) -> str:
        """A file (or, for one file per article, folder) name for this export."""
        fmt = self.format
        stamp = date.today().isoformat()
        if self.split_box.isChecked() and fmt.document:
            return safe_stem(self.tr("articles %1").replace("%1", stamp))
        if len(self.ids) == 1:
            article = self.library.get(self.ids[0])
            if article is not None:
                return safe_filename(article.title, fmt.extension, f"article-{article.id}")
        return safe_filename(self.tr("articles %1").replace("%1", stamp), fmt.extension)

    @staticmethod
    def _default_folder() -> Path:
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(docs) if docs and Path(docs).is_dir() else Path.home()

    def _format_changed(self) -> None:
        fmt = self.format
        many = len(self.ids) > 1
        self.toc_box.setEnabled(fmt.document and many and not self.split_box.isChecked())
        self.citation_box.setEnabled(fmt.document or fmt.name == "zip")
        self.split_box.setEnabled(fmt.document)
        self.full_text_box.setEnabled(fmt.name in ("csv", "json", "zip"))
        self.bundle_box.setVisible(fmt.name == "zip")
        self.bundle_label.setVisible(fmt.name == "zip")
        self._retarget(fmt)
        self._update_enabled()

    def _retarget(self, fmt: Format) -> None:
        """Keep the destination's folder and name, with the new format's extension (or
        without one for a folder)."""
        text = self.destination.text().strip()
        if not text:
            return
        path = Path(text)
        folder_mode = self.split_box.isChecked() and fmt.document
        known = {f".{f.extension}" for f in self._formats}
        stem = path.stem if path.suffix.lower() in known else path.name
        name = stem if folder_mode else f"{stem}.{fmt.extension}"
        if name != path.name:
            self.destination.setText(str(path.with_name(name)))

    def choose_destination(self) -> None:
        fmt = self.format
        current = self.destination.text().strip() or str(self._folder / self.suggested_name())
        if self.split_box.isChecked() and fmt.document:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export into folder"),
                                                      str(Path(current).parent))
        else:
            filters = f"{self.tr(fmt.label)} (*.{fmt.extension})"
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), current, filters)
        if chosen:
            self.destination.setText(chosen)

    def _update_enabled(self) -> None:
        running = self.task is not None
        self.export_button.setEnabled(not running and bool(self.destination.text().strip())
                                      and bool(self.ids))

    def _set_inputs_enabled(self, on: bool) -> None:
        for w in (self.format_box, self.destination, self.browse_button, self.toc_box,
                  self.citation_box, self.split_box, self.full_text_box, self.bundle_box):
            w.setEnabled(on)
        if on:
            self._format_changed()

    # ----- running ---------------------------------------------------------------------
    def start(self) -> None:
        """Run the export in the background."""
        if self.task is not None:
            return
        text = self.destination.text().strip()
        if not text:
            self._show_error(self.tr("Choose where to save the export."))
            return
        fmt, out, options, ids = self.format.name, Path(text).expanduser(), self.options(), self.ids
        self._cancelled = False
        self.written = []
        self._set_inputs_enabled(False)
        self.progress.setRange(0, max(len(ids), 1))
        self.progress.setValue(0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Exporting…"))
        library = self.library
        self.task = self.runner.start(
            lambda progress, cancel: library.export(ids, fmt, out, options, progress, cancel),
            on_done=self._done, on_failed=self._failed, on_progress=self._progress)
        self._update_enabled()

    def cancel(self) -> None:
        """Ask a running export to stop; it removes what it had written."""
        if self.task is not None:
            self._cancelled = True
            self.task.cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int, current: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if current:
            self.status.setText(self.tr("Exporting %1").replace("%1", current))

    def _done(self, written: list[Path]) -> None:
        self.task = None
        self.written = list(written)
        self.progress.setValue(self.progress.maximum())
        where = str(written[0]) if len(written) == 1 else str(self.folder())
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Exported %n file(s) to %1", "", len(written))
                            .replace("%1", where))
        self.exported.emit(self.written)
        if self._close_when_done:
            super().reject()
            return
        # Stay open to say so: "Show in folder", or Close (now what Enter does).
        self.export_button.hide()
        self.show_folder_button.setVisible(bool(written))
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setResult(QDialog.DialogCode.Accepted)

    def folder(self) -> Path | None:
        """The folder the last export wrote into (the common one of several files)."""
        if not self.written:
            return None
        parents = {p.parent for p in self.written}
        return parents.pop() if len(parents) == 1 else Path(_common(self.written))

    def show_folder(self) -> None:
        """Open the export's folder in the desktop's file manager."""
        folder = self.folder()
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.task is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # running: Enter does nothing (Esc or Cancel stop it)
            return
        super().keyPressEvent(event)

    def reject(self) -> None:  # Esc, the Cancel/Close button, the window's close button
        if self.task is not None:
            self._close_when_done = True
            self.cancel()
            return
        if self.written:
            self.done(QDialog.DialogCode.Accepted)  # closing the confirmation
            return
        super().reject()

    def _failed(self, message: str) -> None:
        self.task = None
        self.progress.hide()
        self._set_inputs_enabled(True)
        if self._close_when_done:
            super().reject()
            return
        if self._cancelled:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Export cancelled; nothing was written."))
        else:
            self._show_error(message)
        self._update_enabled()

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(message)


    def closeEvent(self, event) -> None:
        if self.task is not None:
            self._close_when_done = True
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)


def _common(paths: list[Path]) -> str:
    return os.path.commonpath([str(p.parent) for p in paths])
