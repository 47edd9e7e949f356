"""The main window: composition of the search bar, results list and reader, side by side."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QLabel, QLineEdit, QMainWindow, QProgressBar, QPushButton, QSplitter,
    QToolBar, QVBoxLayout, QWidget,
)

from archive.library import Library, QueryError, SearchResult

from .reader_view import ReaderView
from .results_model import ArticleIdRole, ResultsModel
from .results_view import ResultsView
from .tasks import TaskRunner

DEBOUNCE_MS = 250


class MainWindow(QMainWindow):
    """Search box on top; results on the left and the reader on the right."""

    def __init__(self, library: Library, runner: TaskRunner | None = None):
        super().__init__()
        self.library = library
        self.runner = runner or TaskRunner(parent=self)
        self._generation = 0
        self.result: SearchResult | None = None
        self.setWindowTitle(self.tr("News Archive"))
        self.resize(1280, 800)

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            self.tr('Search: words, "phrases", AND / OR / NOT, company:一汽, year:2021..2023'))
        self.search_box.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.results_model = ResultsModel(library, self)
        self.results_view = ResultsView()
        self.results_view.setModel(self.results_model)
        self.reader = ReaderView()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self._build_layout()
        self._build_actions()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.search_box.returnPressed.connect(self.run_search)
        self.results_view.selectionModel().currentChanged.connect(self._on_current)
        self._restore_layout()

    # ----- layout ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.count_label)
        lay.addWidget(self.results_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addWidget(self.search_box)
        outer.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _build_actions(self) -> None:
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        self.addToolBar(toolbar)
        self.import_action = QAction(self.tr("Import…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self._choose_import)
        toolbar.addAction(self.import_action)
        focus = QAction(self.tr("Find"), self)
        focus.setShortcut(QKeySequence.StandardKey.Find)
        focus.triggered.connect(lambda: (self.search_box.setFocus(), self.search_box.selectAll()))
        self.addAction(focus)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.import_action)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        sizes = settings.value("main/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        super().closeEvent(event)

    # ----- search ----------------------------------------------------------------------
    def run_search(self) -> None:
        """Search in the background; a newer query supersedes an older one."""
        self._debounce.stop()
        self._generation += 1
        gen = self._generation
        query = self.search_box.text()
        sort = "relevance" if query.strip() else "date"
        self.runner.start(
            lambda _p, _c: self.library.search(query, sort=sort, limit=50),
            on_done=lambda r: self._show_result(gen, r),
            on_failed=lambda m: self._show_error(gen, m),
        )

    def _show_result(self, gen: int, result: SearchResult) -> None:
        if gen != self._generation:
            return
        self.result = result
        self.results_model.set_result(result)
        text = self.tr("%n article(s)", "", result.total)
        if result.total == 0 and result.suggestion:
            text += "  " + self.tr("Did you mean: %1").replace("%1", result.suggestion)
        self.count_label.setText(text)
        if result.total:
            self.results_view.setCurrentIndex(self.results_model.index(0))
        else:
            self.reader.show_placeholder()

    def _show_error(self, gen: int, message: str) -> None:
        if gen != self._generation:
            return
        self.count_label.setText(self.tr("Query problem: %1").replace("%1", message))

    def _on_current(self, current, _previous) -> None:
        if not current.isValid():
            return
        article = self.library.get(current.data(ArticleIdRole))
        if article is not None:
            self.reader.show_article(article, self.results_model.highlights)

    # ----- import ----------------------------------------------------------------------
    def _choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import articles"))
        if files:
            self.start_import(files)

    def start_import(self, paths: list[str], samples: bool = False) -> None:
        """Ingest in the background with a progress bar and a cancel button."""
        from pathlib import Path

        def work(progress, cancel):
            if samples:
                return self.library.import_samples(progress, cancel)
            return self.library.ingest([Path(p) for p in paths], progress, cancel)

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.import_action.setEnabled(False)
        task = self.runner.start(work, on_done=self._import_done, on_failed=self._import_failed,
                                 on_progress=self._import_progress)
        self.cancel_button.clicked.connect(task.cancel.set)

    def _import_progress(self, done: int, total: int, current: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if current:
            self.statusBar().showMessage(self.tr("Reading %1").replace("%1", current))

    def _import_finished(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        try:
            self.cancel_button.clicked.disconnect()
        except (RuntimeError, TypeError):
            pass
        self.import_action.setEnabled(True)

    def _import_done(self, report) -> None:
        self._import_finished()
        message = self.tr("%1 added, %2 duplicate, %3 failed")
        message = (message.replace("%1", str(len(report.added)))
                   .replace("%2", str(len(report.duplicates)))
                   .replace("%3", str(len(report.failed))))
        self.statusBar().showMessage(message, 10000)
        self.run_search()

    def _import_failed(self, message: str) -> None:
        self._import_finished()
        self.statusBar().showMessage(self.tr("Import failed: %1").replace("%1", message), 10000)
