"""Delete, the Trash and undo of the last import, for the main window.

``TrashUi`` runs the Library's delete, restore, empty and undo in the background, asks
before each of them (with how many articles) and reports with ``changed(message)``, after
which the window searches again. ``TrashDialog`` lists the trashed articles with Restore
and Empty trash. Confirmations are window-modal and non-blocking (``open()``), so the
window keeps painting and tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive.document import Article
from archive.library import Library

from .tasks import TaskRunner
from .write_access import WriteGate

IdRole = Qt.ItemDataRole.UserRole + 1


def local_time(iso: str | None) -> str:
    """An ISO UTC stamp as local ``yyyy-MM-dd HH:mm``."""
    if not iso:
        return ""
    stamp = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    return stamp.toLocalTime().toString("yyyy-MM-dd HH:mm") if stamp.isValid() else iso


def confirm(parent: QWidget, title: str, text: str, info: str, accept_text: str,
            on_accept: Callable[[], None]) -> QMessageBox:
    """Ask before a change (window-modal, non-blocking); ``on_accept`` runs on yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmBox")
    box.setInformativeText(info)
    yes = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(yes)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.accept_button = yes  # for keyboard-less callers and tests
    box.buttonClicked.connect(lambda button: on_accept() if button is yes else None)
    box.open()
    return box


class TrashUi(QObject):
    """Delete, restore, empty and undo for a window; emits ``changed(message)`` after each
    change and ``failed(message)`` when the Library refuses one."""

    changed = Signal(str)
    failed = Signal(str)

    def __init__(self, library: Library, runner: TaskRunner, window: QWidget):
        super().__init__(window)
        self.library = library
        self.runner = runner
        self.window = window
        self.armed_undo = False  # Ctrl+Z right after an import undoes it without asking
        self.last_box: QMessageBox | None = None
        self.dialog: TrashDialog | None = None

    # ----- delete ---------------------------------------------------------------------------
    def ask_delete(self, ids: list[int]) -> QMessageBox | None:
        """Ask "Move N articles to the trash?" and move them on yes."""
        if not ids:
            return None
        ids = list(ids)
        self.last_box = confirm(
            self.window, self.tr("Move to trash"),
            self.tr("Move %n article(s) to the trash?", "", len(ids)),
            self.tr("They leave the search results. You can restore them from the Trash "
                    "until you empty it; their original files are kept until then."),
            self.tr("Move to trash"), lambda: self.delete(ids))
        return self.last_box

    def delete(self, ids: list[int]) -> None:
        library = self.library
        self.armed_undo = False
        self.runner.start(lambda _p, _c: library.delete(ids),
                          on_done=lambda moved: self.changed.emit(
                              self.tr("Moved %n article(s) to the trash.", "", len(moved))),
                          on_failed=self.failed.emit)

    # ----- undo of an import ----------------------------------------------------------------
    def arm_undo(self) -> None:
        """An import just finished: Ctrl+Z undoes it without asking."""
        self.armed_undo = True

    def undo_import(self) -> QMessageBox | None:
        """Undo the last import: at once right after it, else after a confirmation."""
        if self.armed_undo:
            self._undo()
            return None
        library = self.library
        self.runner.start(lambda _p, _c: library.last_import(),
                          on_done=self._ask_undo, on_failed=self.failed.emit)
        return None

    def _ask_undo(self, batch) -> None:
        if batch is None or not batch.live:
            self.failed.emit(self.tr("There is no import to undo."))
            return
        n = len(batch.live)
        self.last_box = confirm(
            self.window, self.tr("Undo last import"),
            self.tr("Move the %n article(s) added by the import of %1 to the trash?", "", n)
            .replace("%1", local_time(batch.started_at)),
            self.tr("You can restore them from the Trash until you empty it."),
            self.tr("Undo import"), self._undo)

    def _undo(self) -> None:
        library = self.library
        self.armed_undo = False
        self.runner.start(lambda _p, _c: library.undo_last_import(),
                          on_done=lambda batch: self.changed.emit(
                              self.tr("Undid the last import: %n article(s) moved to the "
                                      "trash.", "", len(batch.live))),
                          on_failed=self.failed.emit)

    # ----- the trash ------------------------------------------------------------------------
    def show_trash(self) -> TrashDialog:
        if self.dialog is None:
            self.dialog = TrashDialog(self.library, self.runner, self, self.window)
            self.dialog.destroyed.connect(lambda _o=None: setattr(self, "dialog", None))
        self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def restore(self, ids: list[int]) -> None:
        library = self.library
        self.armed_undo = False
        self.runner.start(lambda _p, _c: library.restore(ids),
                          on_done=lambda restored: self.changed.emit(
                              self.tr("Restored %n article(s).", "", len(restored))),
                          on_failed=self.failed.emit)

    def ask_empty(self, count: int) -> QMessageBox:
        """Ask before removing the trash for good."""
        self.last_box = confirm(
            self.window if self.dialog is None else self.dialog, self.tr("Empty trash"),
            self.tr("Remove the %n article(s) in the trash for good?", "", count),
            self.tr("This cannot be undone. Their original files are deleted too, unless "
                    "another article still uses them."),
            self.tr("Empty trash"), self.empty)
        return self.last_box

    def empty(self) -> None:
        library = self.library
        self.armed_undo = False
        self.runner.start(lambda _p, _c: library.empty_trash(),
                          on_done=lambda report: self.changed.emit(
                              self.tr("Removed %n article(s) for good.", "", report.articles)),
                          on_failed=self.failed.emit)


class TrashDialog(QDialog):
    """The articles in the trash, most recently deleted first, with Restore and Empty."""

    def __init__(self, library: Library, runner: TaskRunner, ui: TrashUi,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.ui = ui
        self.articles: list[Article] = []
        self.setWindowTitle(self.tr("Trash"))
        self.resize(760, 460)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Headline"), self.tr("Date"), self.tr("Deleted"),
                                   self.tr("File")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(1, 90)
        self.tree.setColumnWidth(2, 130)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setToolTip(self.tr("Bring the selected articles back"))
        self.empty_button = QPushButton(self.tr("Empty trash…"))
        self.empty_button.setToolTip(self.tr("Remove every article in the trash for good"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.ask_empty)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.buttons)
        self.loading = False
        self.gate = WriteGate(library)  # a reader sees the trash but cannot change it
        self.gate.guard(self.restore_button, self.empty_button)
        self._update_buttons()
        ui.changed.connect(self.reload)  # after a restore, an empty, or a delete elsewhere
        ui.failed.connect(self.reload)

    def reload(self, *_args) -> None:
        """List the trash again (in the background)."""
        self.loading = True
        self._update_buttons()
        library = self.library
        self.runner.start(lambda _p, _c: library.trashed(), on_done=self._fill,
                          on_failed=self._failed)

    def _fill(self, articles: list[Article]) -> None:
        self.loading = False
        self.articles = articles
        self.tree.clear()
        for a in articles:
            title = a.title + ("  " + self.tr("(a version of #%1)").replace(
                "%1", str(a.duplicate_of)) if a.duplicate_of else "")
            item = QTreeWidgetItem([title, a.date or self.tr("unknown"),
                                    local_time(a.deleted_at), a.source_name or ""])
            item.setData(0, IdRole, a.id)
            item.setToolTip(0, title)
            self.tree.addTopLevelItem(item)
        self.summary.setText(self.tr("%n article(s) in the trash. Restore brings them back "
                                     "as they were; emptying the trash removes them for good.",
                                     "", len(articles)) if articles
                             else self.tr("The trash is empty."))
        self._update_buttons()

    def _failed(self, message: str) -> None:
        self.loading = False
        self.summary.setText(self.tr("Could not read the trash: %1").replace("%1", message))
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        return [item.data(0, IdRole) for item in self.tree.selectedItems()]

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self.loading and bool(self.tree.selectedItems()))
        self.empty_button.setEnabled(not self.loading and bool(self.articles))
        self.gate.apply()

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids and self.gate.writable:
            self.loading = True
            self._update_buttons()
            self.ui.restore(ids)

    def ask_empty(self) -> QMessageBox | None:
        if not self.articles:
            return None
        return self.ui.ask_empty(len(self.articles))
