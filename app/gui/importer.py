"""Import in the background: the controller that runs ``Library.ingest`` with progress and
cancel, and the status-bar widget that shows it (file being read, bar, Cancel)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from archive.library import Library

from .tasks import Task, TaskRunner

MAX_TITLES = 2000


@dataclass
class ImportOutcome:
    """An ingest report with the titles of the added articles (for the report dialog)."""

    report: Any
    titles: dict[int, str] = field(default_factory=dict)
    samples: bool = False


class ImportController(QObject):
    """Runs one import at a time. Signals: ``started``, ``progress(done, total, path)``,
    ``ocr_progress(pages_done, pages, path)`` (OCR of an image or a scanned PDF),
    ``finished(ImportOutcome)``, ``failed(message)``."""

    started = Signal()
    progress = Signal(int, int, str)
    ocr_progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Library, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.task: Task | None = None
        self.samples = False  # the running import is the first start's sample articles

    def busy(self) -> bool:
        return self.task is not None

    def start(self, paths: list[str | Path], samples: bool = False) -> bool:
        """Start importing ``paths`` (files, folders, ZIPs); False if one is already running."""
        if self.task is not None:
            return False
        library = self.library
        targets = [Path(p) for p in paths]
        self.samples = samples
        pages = self.ocr_progress.emit  # queued to the GUI thread

        def work(progress, cancel) -> ImportOutcome:
            if samples:
                report = library.import_samples(progress, cancel)
            else:
                report = library.ingest(targets, progress, cancel, ocr_progress=pages)
            found = library.get_many(report.added[:MAX_TITLES])
            return ImportOutcome(report, {i: a.title for i, a in found.items()}, samples)

        self.task = self.runner.start(work, on_done=self._done, on_failed=self._failed,
                                      on_progress=self.progress.emit)
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel.set()

    def cancelling(self) -> bool:
        return self.task is not None and self.task.cancel.is_set()

    def _done(self, outcome: ImportOutcome) -> None:
        self.task = None
        self.finished.emit(outcome)

    def _failed(self, message: str) -> None:
        self.task = None
        self.failed.emit(message)


class ImportProgress(QWidget):
    """"Reading 3 of 120: file.txt", a progress bar and Cancel, shown while importing."""

    def __init__(self, controller: ImportController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.label = QLabel()
        self.label.setMinimumWidth(260)
        self.label.setMaximumWidth(460)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(200)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        controller.started.connect(self._started)
        controller.progress.connect(self._progress)
        controller.ocr_progress.connect(self._ocr_progress)
        controller.finished.connect(lambda _o: self.hide())
        controller.failed.connect(lambda _m: self.hide())
        self.hide()

    def _started(self) -> None:
        self.bar.setRange(0, 0)
        self.label.setText(self.tr("Preparing the import…"))
        self.cancel_button.setEnabled(True)
        self.show()

    def _progress(self, done: int, total: int, current: str) -> None:
        if self.controller.cancelling():
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if current:
            name = Path(current).name or current
            text = self.tr("Reading %1 of %2: %3").replace("%1", str(min(done + 1, total))) \
                .replace("%2", str(total)).replace("%3", name)
            fm = QFontMetrics(self.label.font())
            self.label.setText(fm.elidedText(text, Qt.TextElideMode.ElideMiddle,
                                             self.label.maximumWidth()))
            self.label.setToolTip(current)

    def _ocr_progress(self, done: int, total: int, current: str) -> None:
        """OCR reads a file page by page (seconds each): the bar follows its pages."""
        if self.controller.cancelling() or done >= total:
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        name = Path(current).name or current
        text = self.tr("Recognising text (OCR), page %1 of %2: %3") \
            .replace("%1", str(done + 1)).replace("%2", str(total)).replace("%3", name)
        fm = QFontMetrics(self.label.font())
        self.label.setText(fm.elidedText(text, Qt.TextElideMode.ElideMiddle,
                                         self.label.maximumWidth()))
        self.label.setToolTip(current)

    def _cancel(self) -> None:
        self.controller.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))
