"""The main window: composition of the search bar, facet panel, chips, timeline, results
list and reader, side by side, with the actions that tie them together.

Every panel is its own widget module; this one wires their signals to the Library calls,
which run in the background (search, import, edit, more like this) through a TaskRunner.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.document import Article
from archive.library import SORTS, Library, QueryError, SearchResult

from .article_actions import citation_text, copy_original
from .bulk_edit_dialog import BulkEditDialog, BulkEdits
from .chips import ChipBar
from .compare_view import CompareView
from .edit_dialog import EditDialog
from .export_dialog import ExportDialog
from .facet_panel import FacetPanel
from .help_popover import HelpDialog
from .icons import icon
from .import_report import ImportReportDialog
from .importer import ImportController, ImportOutcome, ImportProgress
from .kwic_view import KwicView, scroll_reader_to
from .live_updates import LiveUpdates
from .organise_dialog import OrganiseDialog
from .page_view import PageView, PageViewLink
from .reader_view import ReaderPanel
from .results_model import ArticleIdRole, ResultsModel
from .results_table import TableMode
from .results_view import ResultsView
from .saved_panel import SavedSearchesUi
from .search_bar import SearchBar
from .search_controller import SearchController, SearchOutcome, SearchRequest
from .tasks import TaskRunner
from .theme import Theme
from .timeline import TimelineWidget
from .trash_view import TrashUi
from .trend_chart import TrendWindow
from .write_access import WriteGate

LIKE = "like"  # the chip of a "more like this" list
# The word segmenter loads this long after the first results are shown: loading it holds
# the interpreter (0.2-0.5 s), which made the first results 0.5 s later on a cold start.
WORDS_AFTER_MS = 1500


class DropOverlay(QLabel):
    """A hint over the window while files are dragged onto it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("dropOverlay")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect().adjusted(12, 12, -12, -12))
        self.raise_()
        self.show()


class MainWindow(QMainWindow):
    """Facets on the left, results in the middle, the reader on the right."""

    def __init__(self, library: Library, runner: TaskRunner | None = None,
                 settings: QSettings | None = None, theme: Theme | None = None):
        super().__init__()
        self.library = library
        self._words_prepared = False  # the word segmenter asked to load (_show_result)
        self.runner = runner or TaskRunner(parent=self)
        self.settings = settings if settings is not None else QSettings()
        self.theme = theme or Theme(parent=self)
        colors = self.theme.colors
        self.result: SearchResult | None = None
        self.similar_to: Article | None = None
        self.compare_windows: list[CompareView] = []
        self.dialogs: list[QWidget] = []  # open report, edit, help and export dialogs
        self._originals_dir: Path | None = None
        self._icon_actions: list[tuple[QAction, str]] = []
        self.setWindowTitle(self.tr("News Archive"))
        self.setWindowIcon(icon("app", "#1a5fb4", 64))
        self.resize(1360, 860)
        self.setAcceptDrops(True)

        self.search_bar = SearchBar(self.settings, colors)
        self.search_box = self.search_bar.edit
        self.facets = FacetPanel(colors)
        self.chips = ChipBar()
        self.timeline = TimelineWidget(colors)
        self.timeline.unknown_label = self.tr("?")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.sort_box = QComboBox()
        for label, sort in ((self.tr("Relevance"), "relevance"),
                            (self.tr("Newest first"), "date"),
                            (self.tr("Oldest first"), "date_asc"),
                            (self.tr("Title A–Z"), "title"), (self.tr("Title Z–A"), "title_desc"),
                            (self.tr("Latest added"), "added"),
                            (self.tr("First added"), "added_asc")):
            self.sort_box.addItem(label, sort)
        self.sort_box.setToolTip(self.tr("Sort the results"))
        self.sort_choice = "relevance"
        self.results_model = ResultsModel(library, self, runner=self.runner)
        self.results_view = ResultsView(colors)
        self.results_view.setModel(self.results_model)
        self.table_mode = TableMode(self.results_view, self.results_model, self)
        self.reader_panel = ReaderPanel(colors)
        self.reader = self.reader_panel.view
        self.searches = SearchController(library, self.runner, self)
        self.importer = ImportController(library, self.runner, self)
        self.import_progress = ImportProgress(self.importer)
        self.trash_ui = TrashUi(library, self.runner, self)
        self.saved_ui = SavedSearchesUi(self)
        self.archive_label = QLabel()
        self.archive_label.setObjectName("mutedLabel")
        self.drop_overlay: DropOverlay | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.last_opened_original: Path | None = None

        self.live = LiveUpdates(self)  # other programs' imports and edits show up
        self.bulk_edits = BulkEdits(library, self)
        self.bulk_edits.changed.connect(self._bulk_edited)
        self.bulk_edits.failed.connect(lambda m: self.statusBar().showMessage(m, 10000))
        self.write_gate = WriteGate(library)  # a reader's write actions are greyed, saying why
        self._build_actions()
        self._build_layout()
        self._connect()
        self._restore_layout()
        self.drop_overlay = DropOverlay(self.centralWidget())
        self.drop_overlay.setText(self.tr("Drop files or folders to import them"))
        self.write_gate.guard(self.import_action, self.import_folder_action, self.edit_action,
                              self.organise_action, self.delete_action, self.undo_import_action,
                              self.undo_key_action, self.save_search_action)
        self._update_actions()
        self._update_sort_box()

    # ----- actions -----------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, icon_name: str | None = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon_name:
            action.setIcon(icon(icon_name, self.theme.colors.muted))
            self._icon_actions.append((action, icon_name))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.import_action = self._action(self.tr("Import files…"), self.choose_import_files,
                                          QKeySequence.StandardKey.Open, "import",
                                          self.tr("Import files (also: drop them on the window)"))
        self.import_folder_action = self._action(self.tr("Import folder…"),
                                                 self.choose_import_folder, None, "folder",
                                                 self.tr("Import every article in a folder"))
        self.export_action = self._action(self.tr("Export…"), self.export_selection, "Ctrl+E",
                                          "export", self.tr("Export the selected articles"))
        self.compare_action = self._action(self.tr("Compare"), self.compare_selection, "Ctrl+D",
                                           "compare",
                                           self.tr("Compare the selected articles side by side"))
        self.similar_action = self._action(self.tr("More like this"), self.more_like_this,
                                           "Ctrl+M", "similar",
                                           self.tr("Articles most like the one you are reading"))
        self.edit_action = self._action(self.tr("Edit metadata…"), self.edit_metadata, "F2", "edit",
                                        self.tr("Correct the headline, date, companies and topics"))
        self.organise_action = self._action(
            self.tr("Organise…"), self.organise_selection, "Ctrl+T", None,
            self.tr("Tags and collections of the selected articles; the note of this one"))
        self.save_search_action = self._action(
            self.tr("Save search…"), lambda: self.saved_ui.save_current(), None, None,
            self.tr("Keep this query with its filters and sort in the sidebar"))
        self.undo_action = self.bulk_edits.stack.createUndoAction(self, self.tr("Undo"))
        self.redo_action = self.bulk_edits.stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.original_action = self._action(self.tr("Open original"), self.open_original,
                                            "Ctrl+Shift+O", "open",
                                            self.tr("Open the file the article was imported from"))
        self.cite_action = self._action(self.tr("Copy citation"), self.copy_citation,
                                        "Ctrl+Shift+C", "cite",
                                        self.tr("Copy a citation of the article to the clipboard"))
        self.delete_action = self._action(self.tr("Move to trash…"), self.delete_selection,
                                          QKeySequence.StandardKey.Delete, "trash",
                                          self.tr("Move the selected articles to the trash"))
        self.trash_action = self._action(self.tr("Trash…"), self.trash_ui.show_trash, None,
                                         None, self.tr("Deleted articles: restore them or "
                                                       "empty the trash"))
        self.undo_import_action = self._action(
            self.tr("Undo last import"), self.trash_ui.undo_import, None, "undo",
            self.tr("Move the articles the last import added to the trash"))
        # Ctrl+Z undoes what was done last: a correction of several articles or an import.
        self.undo_key_action = self._action(self.tr("Undo"), self.undo_last,
                                            QKeySequence.StandardKey.Undo)
        self.addAction(self.undo_key_action)
        self._last_undoable = ""
        self.next_match_action = self._action(self.tr("Next match"), self.reader.next_match,
                                              QKeySequence.StandardKey.FindNext, "next")
        self.prev_match_action = self._action(self.tr("Previous match"), self.reader.previous_match,
                                              QKeySequence.StandardKey.FindPrevious, "previous")
        self.find_action = self._action(self.tr("Search"), self.search_bar.focus,
                                        QKeySequence.StandardKey.Find)
        self.help_action = self._action(self.tr("Help"), self.show_help,
                                        QKeySequence.StandardKey.HelpContents, "help")
        self.syntax_action = self._action(self.tr("Query syntax"),
                                          lambda: self.search_bar.popover.show_below(
                                              self.search_box))
        self.quit_action = self._action(self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.clear_filters_action = self._action(self.tr("Clear filters"), self.clear_filters)
        self.sort_relevance_action = self._action(self.tr("Sort by relevance"),
                                                  lambda: self._set_sort("relevance"))
        self.sort_date_action = self._action(self.tr("Sort by date"),
                                             lambda: self._set_sort("date"))
        self.kwic_action = self._action(self.tr("Keyword in context…"), self.show_kwic,
                                        "Ctrl+K", None,
                                        self.tr("Every occurrence of the query in the results"))
        self.trend_action = self._action(self.tr("Term trends…"), self.show_trends,
                                         "Ctrl+Shift+T", None,
                                         self.tr("How often terms occur per year or month"))
        self.table_action = self._action(self.tr("Table view"), self._table_toggled, "Ctrl+Shift+L",
                                         "table", self.tr("Show the results as a sortable table"))
        self.table_action.setCheckable(True)
        self.page_action = self._action(self.tr("Page view"), lambda: None, "Ctrl+Shift+P", "page",
                                        self.tr("Show the scanned page beside text made by OCR"))

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.import_action, self.import_folder_action])
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action, self.undo_import_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.clear_filters_action,
                              self.save_search_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_action, self.delete_action, self.trash_action])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.sort_relevance_action, self.sort_date_action])
        view_menu.addSeparator()
        view_menu.addActions([self.kwic_action, self.trend_action])
        view_menu.addAction(self.table_action)
        view_menu.addAction(self.page_action)
        article_menu = bar.addMenu(self.tr("&Article"))
        article_menu.addActions([self.compare_action, self.similar_action, self.edit_action,
                                 self.organise_action, self.original_action, self.cite_action, self.delete_action])
        article_menu.addSeparator()
        article_menu.addActions([self.next_match_action, self.prev_match_action])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.help_action, self.syntax_action])

        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        import_button = QToolButton()
        import_button.setDefaultAction(self.import_action)
        import_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        import_menu = QMenu(import_button)
        import_menu.addActions([self.import_action, self.import_folder_action])
        import_button.setMenu(import_menu)
        import_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        import_button.setAutoRaise(True)
        toolbar.addWidget(import_button)
        toolbar.addAction(self.export_action)
        toolbar.addSeparator()
        toolbar.addAction(self.compare_action)
        toolbar.addAction(self.similar_action)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    # ----- layout ------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.reader_panel.set_match_actions(self.prev_match_action, self.next_match_action)
        for action in (self.edit_action, self.similar_action, self.original_action,
                       self.cite_action, self.delete_action, self.page_action):
            self.reader_panel.add_action_button(action)
        self.page_view = PageView(self.library, self.runner, self.theme.colors)
        self.page_link = PageViewLink(self.reader_panel, self.page_view, self.page_action,
                                      self.settings)
        self.results_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.results_view.addActions([self.compare_action, self.export_action, self.edit_action,
                                      self.organise_action, self.delete_action])

        head = QHBoxLayout()
        head.setContentsMargins(4, 0, 4, 0)
        head.addWidget(self.count_label, 1)
        head.addWidget(self.sort_box)
        table_button = QToolButton()
        table_button.setDefaultAction(self.table_action)
        table_button.setAutoRaise(True)
        head.addWidget(table_button)
        middle = QWidget()
        mid = QVBoxLayout(middle)
        mid.setContentsMargins(0, 0, 0, 0)
        mid.setSpacing(4)
        mid.addWidget(self.chips)
        mid.addWidget(self.timeline)
        mid.addLayout(head)
        mid.addWidget(self.results_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.setChildrenCollapsible(False)
        sidebar = QWidget()  # saved searches above the facets
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(4)
        side.addWidget(self.saved_ui.panel)
        side.addWidget(self.facets, 1)
        self.splitter.addWidget(sidebar)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.reader_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([220, 500, 640])

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 6, 8, 4)
        outer.setSpacing(6)
        outer.addWidget(self.search_bar)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().addWidget(self.archive_label)
        self.statusBar().addPermanentWidget(self.import_progress)

    def _connect(self) -> None:
        self.search_bar.search_requested.connect(lambda _t: self.run_search())
        self.search_box.move_down.connect(lambda: self.move_in_results(+1))
        self.search_box.move_up.connect(lambda: self.move_in_results(-1))
        self.results_view.leave_up.connect(self.search_bar.focus)
        self.results_view.open_requested.connect(self.open_selection)
        self.results_view.selectionModel().currentChanged.connect(self._on_current)
        self.results_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_actions())
        self.facets.selection_changed.connect(self._facets_changed)
        self.chips.removed.connect(self._chip_removed)
        self.chips.cleared.connect(self.clear_filters)
        self.timeline.year_clicked.connect(self._year_clicked)
        self.reader.facet_link.connect(self._facet_link)
        self.reader_panel.attach_versions(self.library, self.importer.busy)
        self.reader_panel.versions.split_done.connect(lambda _aid: self.run_search())
        self.sort_box.currentIndexChanged.connect(lambda _i: self._sort_changed())
        self.table_mode.sort_requested.connect(self._set_sort)
        self.searches.finished.connect(self._show_result)
        self.searches.failed.connect(self._show_error)
        self.importer.started.connect(self._update_actions)
        self.importer.finished.connect(self._import_done)
        self.importer.failed.connect(self._import_failed)
        self.theme.changed.connect(self._theme_changed)
        self.trash_ui.changed.connect(self._archive_changed)
        self.trash_ui.failed.connect(lambda m: self.statusBar().showMessage(m, 10000))

    def _restore_layout(self) -> None:
        s = self.settings
        geometry = s.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = s.value("main/state")
        if state is not None:
            self.restoreState(state)
        sizes = s.value("main/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)
        sort = s.value("main/sort", "relevance")
        self.sort_choice = sort if sort in SORTS else "relevance"
        self.sort_box.setCurrentIndex(max(0, self.sort_box.findData(self.sort_choice)))
        table = s.value("main/table", False)
        self.set_table_view(table in (True, "true", "1", 1))

    def save_layout(self) -> None:
        s = self.settings
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/state", self.saveState())
        s.setValue("main/splitter", self.splitter.saveState())
        s.setValue("main/sort", self.sort_choice)
        s.setValue("main/table", self.table_mode.on)
        s.sync()

    def closeEvent(self, event) -> None:
        self.save_layout()
        self.importer.cancel()
        self.live.stop()
        for window in list(self.compare_windows):
            window.close()
        if self._originals_dir is not None:
            shutil.rmtree(self._originals_dir, ignore_errors=True)
        super().closeEvent(event)

    # ----- search ------------------------------------------------------------------------
    def current_request(self) -> SearchRequest:
        sel = self.facets.selection()
        return SearchRequest(self.search_bar.text(), tuple(sel["year"]),
                             tuple(sel["company"]), tuple(sel["topic"]),
                             self.sort_choice, tuple(sel["tag"]), tuple(sel["collection"]),
                             tuple(sel.get("review", ())))

    def run_search(self) -> None:
        """Search in the background; a newer query supersedes an older one."""
        self.search_bar.debounce.stop()
        self.similar_to = None
        self._update_sort_box()
        self.searches.request(self.current_request())

    def _facets_changed(self) -> None:
        self._update_chips()
        self.timeline.set_selected(set(self.facets.selection()["year"]))
        self.run_search()

    def _show_result(self, outcome: SearchOutcome) -> None:
        result = outcome.result
        # A new query starts at its best hit; a new facet selection, an import or an edit
        # keeps the article being read when it is still in the list.
        same_query = self.result is not None and self.result.query == result.query
        keep = self.reader.article.id if self.reader.article is not None and same_query \
            else None
        self.result = result
        self.results_model.set_result(result, outcome.edited)
        self.facets.set_facets(result.facets, keep_order=same_query)
        self.timeline.set_counts(result.facets.get("year", {}),
                                 set(outcome.request.years))
        self._update_chips()
        self._set_count(result.total, result.suggestion, result.fallback)
        self._select_after_reset(keep)
        self.saved_ui.refresh()  # live counts
        if not self._words_prepared:  # once the first page is on screen, and idle
            self._words_prepared = True
            QTimer.singleShot(WORDS_AFTER_MS, self.library.prepare_word_search)

    def _select_after_reset(self, keep: int | None) -> None:
        model = self.results_model
        if not model.rowCount():
            if self.importer.busy() and self.importer.samples:
                self.reader.show_placeholder(self.tr("Importing sample articles…"))
                self.count_label.setText(self.tr("Importing sample articles…"))
            else:
                self.reader.show_placeholder(self.tr("No articles match."))
            self._update_actions()
            return
        row = model.row_of(keep) if keep is not None else -1
        index = model.index(max(row, 0))
        self.results_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.results_view.scrollTo(index)
        if row >= 0:  # the same article: show it again for the new highlights
            self._show_article(model.article_id(row))

    def _set_count(self, total: int, suggestion: str | None = None,
                   fallback: str | None = None) -> None:
        self.count_label.setProperty("error", False)
        self._restyle(self.count_label)
        text = self.tr("%n article(s)", "", total)
        if total == 0 and suggestion:
            text += "  " + self.tr("Did you mean: %1").replace("%1", suggestion)
        if fallback and self.result is not None:
            text += "  " + self.tr("No exact match for %1; showing %2").replace(
                "%1", self.result.query).replace("%2", fallback)
        self.count_label.setText(text)

    def _show_error(self, _request: SearchRequest, message: str) -> None:
        self.count_label.setProperty("error", True)
        self._restyle(self.count_label)
        self.count_label.setText(self.tr("Query problem: %1").replace("%1", message))

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def _sort_changed(self) -> None:
        if not self.sort_box.isEnabled():
            return  # showing what an empty query does, not a choice
        self.sort_choice = self.sort_box.currentData()
        self.settings.setValue("main/sort", self.sort_choice)
        self.run_search()

    def _set_sort(self, sort: str) -> None:
        self.sort_choice = sort
        self.settings.setValue("main/sort", sort)
        self._update_sort_box()
        self.run_search()

    def _update_sort_box(self) -> None:
        """The user's choice; without a query there is no relevance: newest first instead."""
        has_query = bool(self.search_bar.text().strip())
        self.sort_box.blockSignals(True)
        self.sort_box.setEnabled(self.similar_to is None)
        relevance = self.sort_box.model().item(self.sort_box.findData("relevance"))
        relevance.setEnabled(has_query)
        shown = "date" if self.sort_choice == "relevance" and not has_query else self.sort_choice
        self.sort_box.setCurrentIndex(self.sort_box.findData(shown))
        self.sort_box.blockSignals(False)
        self.sort_box.setToolTip(self.tr("Sort the results") if has_query else
                                 self.tr("Without a query the archive is listed newest first"))
        self.table_mode.show_sort(shown if self.similar_to is None else "relevance")

    def set_table_view(self, on: bool) -> None:
        """Show the results as a sortable table (True) or as cards; remembered."""
        self.table_action.setChecked(on)
        self.table_mode.set_on(on)
        self.settings.setValue("main/table", on)

    def _table_toggled(self) -> None:
        self.set_table_view(self.table_action.isChecked())

    # ----- filters: facets, chips, timeline ------------------------------------------------
    def _update_chips(self) -> None:
        chips = []
        if self.similar_to is not None:
            chips.append((LIKE, str(self.similar_to.id),
                          self.tr("Like: %1").replace("%1", _short(self.similar_to.title))))
        labels = {"year": self.tr("Year"), "company": self.tr("Company"),
                  "topic": self.tr("Topic"), "collection": self.tr("Collection"),
                  "tag": self.tr("Tag")}
        for facet, values in self.facets.selection().items():
            for value in values:
                label = self.tr("%1: %2").replace("%1", labels[facet]).replace(
                    "%2", self.facets.label(facet, value))
                chips.append((facet, value, label))
        self.chips.set_chips(chips)

    def _chip_removed(self, facet: str, value: str) -> None:
        if facet == LIKE:
            self.run_search()
            return
        self.facets.remove(facet, value)

    def clear_filters(self) -> None:
        self.similar_to = None
        if self.facets.has_selection():
            self.facets.clear_all()  # searches again
        else:
            self._update_chips()
            self.run_search()

    def _year_clicked(self, year: str, additive: bool) -> None:
        selected = set(self.facets.selection()["year"])
        if additive:
            selected ^= {year}
        else:
            selected = set() if selected == {year} else {year}
        self.facets.set_selection("year", selected)

    def _facet_link(self, facet: str, value: str) -> None:
        if facet == "year":
            self.facets.set_selection("year", {value})
        else:
            self.facets.add(facet, value)

    # ----- results and reader ----------------------------------------------------------------
    def move_in_results(self, step: int) -> None:
        """Up/Down from the search box: move the current result and focus the list."""
        model = self.results_model
        if not model.rowCount():
            return
        current = self.results_view.currentIndex().row()
        row = 0 if current < 0 else min(max(current + step, 0), model.rowCount() - 1)
        if step > 0 and current >= 0 and not self.results_view.hasFocus():
            row = current  # the first Down only moves the focus into the list
        self.results_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.results_view.selectionModel().setCurrentIndex(
            model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _on_current(self, current, _previous) -> None:
        if current.isValid():
            self._show_article(current.data(ArticleIdRole))
        self._update_actions()

    def _show_article(self, article_id: int) -> None:
        article = self.library.get(article_id)
        if article is not None:
            self.reader.show_article(article, self.results_model.highlights)
        self._update_actions()

    def selected_ids(self) -> list[int]:
        ids = self.results_view.selected_ids()
        if not ids and self.reader.article is not None:
            ids = [self.reader.article.id]
        return ids

    def open_selection(self) -> None:
        """Enter in the list: compare several selected articles, else read the current one."""
        if len(self.results_view.selected_ids()) > 1:
            self.compare_selection()
            return
        self.search_bar.remember(self.search_bar.text())
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.reader.matches:
            self.reader.next_match()

    def _update_actions(self) -> None:
        has_article = self.reader.article is not None
        selected = len(self.results_view.selected_ids())
        self.compare_action.setEnabled(selected >= 2)
        self.export_action.setEnabled(selected > 0 or has_article)
        for action in (self.similar_action, self.edit_action, self.original_action,
                       self.cite_action):
            action.setEnabled(has_article)
        self.edit_action.setEnabled(has_article or selected > 1)
        self.delete_action.setEnabled(selected > 0 or has_article)
        self.organise_action.setEnabled(selected > 0 or has_article)
        busy = self.importer.busy()
        self.undo_import_action.setEnabled(not busy)
        self.import_action.setEnabled(not busy)
        self.import_folder_action.setEnabled(not busy)
        self.write_gate.apply()

    # ----- compare -----------------------------------------------------------------------
    def compare_selection(self) -> CompareView | None:
        ids = self.results_view.selected_ids()
        if len(ids) < 2:
            self.statusBar().showMessage(
                self.tr("Select two or more articles (Ctrl+click, Shift+click) to compare."),
                6000)
            return None
        view = CompareView(self.library, ids, self.results_model.highlights, self.settings,
                           self.theme.colors, self)
        view.facet_link.connect(self._facet_link)
        view.destroyed.connect(lambda _o=None, v=view: self._forget_compare(v))
        self.compare_windows.append(view)
        view.show()
        return view

    def _forget_compare(self, view: CompareView) -> None:
        if view in self.compare_windows:
            self.compare_windows.remove(view)

    # ----- article actions ---------------------------------------------------------------
    def more_like_this(self) -> None:
        article = self.reader.article
        if article is None:
            return
        library = self.library
        sel = self.facets.selection()  # the chips stay shown: honour them
        self.count_label.setText(self.tr("Finding articles like this one…"))
        self.runner.start(lambda _p, _c: library.more_like_this(
                              article.id, 30, sel["year"], sel["company"], sel["topic"]),
                          on_done=lambda found: self._show_similar(article, found),
                          on_failed=lambda m: self._show_error(self.current_request(), m))

    def _show_similar(self, article: Article, found: list[Article]) -> None:
        self.similar_to = article
        self.result = None
        self.results_model.set_articles(found)
        self._update_chips()
        self._update_sort_box()
        self.count_label.setText(self.tr("%n similar article(s)", "", len(found)))
        self._select_after_reset(None)

    def edit_metadata(self) -> EditDialog | BulkEditDialog | None:
        """Edit the article being read, or all selected articles at once when several are."""
        ids = self.results_view.selected_ids()
        if len(ids) > 1:
            bulk = BulkEditDialog(self.library, ids, self.runner, self)
            bulk.saved.connect(self.bulk_edits.record)
            bulk.saved.connect(self._bulk_saved)
            self._keep_dialog(bulk)
            bulk.open()
            return bulk
        article = self.reader.article
        if article is None:
            return None
        dialog = EditDialog(self.library, article, self.runner, self.theme.colors, self)
        dialog.saved.connect(self._edited)
        self._keep_dialog(dialog)
        dialog.open()
        return dialog

    def _edited(self, article: Article) -> None:
        self.trash_ui.armed_undo = False
        self.results_model.refresh(article.id)
        if self.reader.article is not None and self.reader.article.id == article.id:
            self.reader.show_article(article, self.results_model.highlights)
        self.statusBar().showMessage(self.tr("Saved your corrections to “%1”.")
                                     .replace("%1", _short(article.title)), 6000)
        if self.similar_to is None:
            self.run_search()  # facet counts may have changed

    def undo_last(self):
        """Ctrl+Z: undo the last correction of several articles if that came last, else the
        last import (at once right after it, else after asking)."""
        if self._last_undoable == "bulk" and self.bulk_edits.stack.canUndo():
            self.bulk_edits.stack.undo()
            return None
        return self.trash_ui.undo_import()

    def _bulk_saved(self, *_args) -> None:
        self._last_undoable = "bulk"
        self.trash_ui.armed_undo = False

    def _bulk_edited(self, ids: list[int]) -> None:
        """After a bulk edit, its undo or redo: repaint those rows, the reader, the facets."""
        for aid in ids:
            self.results_model.refresh(aid)
        current = self.reader.article
        if current is not None and current.id in ids:
            article = self.library.get(current.id)
            if article is not None:
                self.reader.show_article(article, self.results_model.highlights)
        self.statusBar().showMessage(self.tr("Corrected %n article(s).", "", len(ids)), 6000)
        if self.similar_to is None:
            self.run_search()

    def delete_selection(self):
        """Delete key: ask "Move N articles to the trash?" for the selection."""
        return self.trash_ui.ask_delete(self.selected_ids())

    def _archive_changed(self, message: str) -> None:
        """After a delete, restore, empty or undo: the list, facets and counts follow."""
        self.statusBar().showMessage(message, 10000)
        self.run_search()
        self.refresh_archive_label()

    def open_original(self) -> None:
        article = self.reader.article
        if article is None:
            return
        if self._originals_dir is None:
            self._originals_dir = Path(tempfile.mkdtemp(prefix="news-archive-originals-"))
        library, folder = self.library, self._originals_dir
        self.runner.start(lambda _p, _c: copy_original(library, article, folder),
                          on_done=self._open_file, on_failed=self._original_failed)

    def _open_file(self, path: Path | None) -> None:
        if path is None:
            self._original_failed(self.tr("the original file is missing from the archive"))
            return
        self.last_opened_original = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.statusBar().showMessage(self.tr("No program to open %1").replace(
                "%1", str(path)), 8000)

    def _original_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Could not open the original: %1")
                                     .replace("%1", message), 8000)

    def copy_citation(self) -> None:
        article = self.reader.article
        if article is None:
            return
        text = citation_text(article)
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("Copied: %1").replace("%1", text), 6000)

    def export_selection(self):
        ids = self.selected_ids()
        if not ids:
            return None
        dialog = ExportDialog(self.library, ids, self, runner=self.runner)
        self._keep_dialog(dialog)
        dialog.open()
        return dialog

    def show_help(self) -> HelpDialog:
        dialog = HelpDialog(self.theme.colors, self)
        self._keep_dialog(dialog)
        dialog.show()
        return dialog

    def organise_selection(self) -> OrganiseDialog | None:
        """Tags and collections of the selected articles, the note of the one being read."""
        ids = self.selected_ids()
        if not ids:
            return None
        current = self.reader.article.id if self.reader.article is not None else None
        dialog = OrganiseDialog(self.library, ids, current if current in ids else ids[0], self)
        dialog.saved.connect(self._organised)
        self._keep_dialog(dialog)
        dialog.open()
        return dialog

    def _organised(self, ids: list[int]) -> None:
        for aid in ids:
            self.results_model.refresh(aid)
        article = self.reader.article
        if article is not None and article.id in ids:
            fresh = self.library.get(article.id)
            if fresh is not None:
                self.reader.show_article(fresh, self.results_model.highlights)
        self.statusBar().showMessage(self.tr("Organised %n article(s).", "", len(ids)), 6000)
        if self.similar_to is None:
            self.run_search()  # collection and tag counts changed

    def _keep_dialog(self, dialog: QWidget) -> None:
        self.dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self.dialogs.remove(d)
                                 if d in self.dialogs else None)

    # ----- keyword in context and term trends (app/gui/kwic_view.py, trend_chart.py) ------
    def show_kwic(self) -> KwicView | None:
        """The concordance of the current query and filters in a window of its own."""
        request = self.current_request()
        if not request.query.strip():
            self.statusBar().showMessage(self.tr("Type a query to see it in context."), 5000)
            return None
        try:
            stream = self.library.kwic(request.query, list(request.years),
                                       list(request.companies), list(request.topics))
        except QueryError as exc:
            self.statusBar().showMessage(str(exc), 10000)
            return None
        view = KwicView(stream, self.runner, self)
        view.open_hit.connect(lambda aid, row, terms=stream.terms: self._open_hit(aid, row, terms))
        self._keep_dialog(view)
        view.show()
        return view

    def _open_hit(self, article_id: int, row, terms: list[str]) -> None:
        article = self.library.get(article_id)
        if article is not None:
            self.reader.show_article(article, terms)
            scroll_reader_to(self.reader, row)
            self.raise_()
            self.activateWindow()
        self._update_actions()

    def show_trends(self) -> TrendWindow:
        """The term-trend chart of the query's words under the current filters."""
        request = self.current_request()
        filters = [*request.years, *request.companies, *request.topics]

        def compute(terms: list[str], by: str):
            return self.library.trend(terms, list(request.years), list(request.companies),
                                      list(request.topics), by)

        window = TrendWindow(compute, request.query.split(),
                             self.tr("Filters: %1").replace("%1", ", ".join(filters))
                             if filters else "", self)
        window.point_clicked.connect(self._trend_point)
        self._keep_dialog(window)
        window.show()
        return window

    def _trend_point(self, term: str, period: str) -> None:
        """Show the articles of one point of the chart: the term, in that year."""
        self.search_bar.set_text(term, search=False)
        self.facets.set_selection("year", {period[:4]}, emit=False)
        self._facets_changed()  # chips, timeline, and the search

    # ----- import ------------------------------------------------------------------------
    def choose_import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import articles"), "",
            self.tr("Articles (*.txt *.md *.html *.htm *.docx *.pdf *.epub *.eml *.zip);;"
                    "All files (*)"))
        if files:
            self.start_import(files)

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if folder:
            self.start_import([folder])

    def start_import(self, paths: list[str], samples: bool = False) -> bool:
        """Ingest in the background with a progress bar and a cancel button."""
        if self.write_gate.reason is not None:
            self.statusBar().showMessage(self.write_gate.reason, 10000)
            return False
        if not self.importer.start(paths, samples):
            self.statusBar().showMessage(self.tr("An import is already running."), 5000)
            return False
        self._update_actions()
        return True

    def _import_done(self, outcome: ImportOutcome) -> None:
        report = outcome.report
        self._update_actions()
        self.statusBar().showMessage(self.import_summary(report), 10000)
        self.run_search()
        self.refresh_archive_label()
        if not outcome.samples and (report.added or report.versions):
            self.trash_ui.arm_undo()  # Ctrl+Z now undoes this import at once
            self._last_undoable = "import"
        if not outcome.samples:
            dialog = ImportReportDialog(report, outcome.titles, self.theme.colors, self)
            self.report_dialog = dialog
            self._keep_dialog(dialog)
            dialog.open()

    def import_summary(self, report) -> str:
        """"3 added, no duplicates, 1 failed": each count in its plural form."""
        dups = len(report.duplicates)
        parts = [self.tr("%n added", "", len(report.added)),
                 self.tr("%n duplicate(s)", "", dups) if dups else self.tr("no duplicates")]
        if report.failed:
            parts.append(self.tr("%n failed", "", len(report.failed)))
        return ", ".join(parts)

    def _import_failed(self, message: str) -> None:
        self._update_actions()
        self.statusBar().showMessage(self.tr("Import failed: %1").replace("%1", message), 10000)

    def dragEnterEvent(self, event) -> None:
        if self.write_gate.writable and event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            if self.drop_overlay is not None:
                self.drop_overlay.cover()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        if self.drop_overlay is not None:
            self.drop_overlay.hide()
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        if self.drop_overlay is not None:
            self.drop_overlay.hide()
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def refresh_archive_label(self) -> None:
        library = self.library
        self.runner.start(lambda _p, _c: library.stats(),
                          on_done=lambda s: self.archive_label.setText(
                              self.tr("%n article(s) in the archive", "", s.get("articles", 0))))

    # ----- theme -------------------------------------------------------------------------
    def _theme_changed(self) -> None:
        colors = self.theme.colors
        for action, name in self._icon_actions:
            action.setIcon(icon(name, colors.muted))
        self.search_bar.set_colors(colors)
        self.facets.set_colors(colors)
        self.saved_ui.panel.set_colors(colors)
        self.timeline.set_colors(colors)
        self.results_view.set_colors(colors)
        self.reader_panel.set_colors(colors)
        self.page_view.set_colors(colors)
        for window in self.compare_windows:
            window.set_colors(colors)


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
