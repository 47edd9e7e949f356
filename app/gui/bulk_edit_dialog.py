"""Correct many articles in one step: set or clear the date, add or remove a company or topic.

``BulkEditDialog`` turns the choices into one ``archive.library.Edit`` and runs
``Library.edit_many`` in the background; ``BulkEdits`` keeps a ``QUndoStack`` of the bulk
edits done, so Edit → Undo (Ctrl+Z) puts every article of the last one back, and Redo
applies it again. Corrections are manual, as with the single-article dialog.

Nothing someone else saved is overwritten: the dialog saves only if the articles are still
the versions it read when it opened (else it names the article and offers Reload), and an
undo or redo is refused (and taken off the stack) if someone changed an article since.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from archive.library import Edit, EditConflict, Library, Undo

from .tasks import TaskRunner


class _BulkCommand(QUndoCommand):
    """One bulk edit on the undo stack; created after the edit is stored."""

    def __init__(self, edits: BulkEdits, ids: list[int], edit: Edit, undo: Undo, text: str):
        super().__init__(text)
        self.edits, self.ids, self.edit, self.undo_record = edits, ids, edit, undo
        self._first = True
        self._undone: dict[int, int] = {}  # row versions right after the undo

    def redo(self) -> None:
        if self._first:  # pushed after the edit ran: nothing to do the first time
            self._first = False
            return
        try:
            self.undo_record = self.edits.library.redo_edit(self.ids, self.edit, self._undone)
        except EditConflict as exc:  # someone changed an article since: keep their change
            self._refused(str(exc))
            return
        self.edits.changed.emit(self.ids)

    def undo(self) -> None:
        try:
            self._undone = self.edits.library.undo_edit(self.undo_record)
        except EditConflict as exc:
            self._refused(str(exc))
            return
        self.edits.changed.emit(self.ids)

    def _refused(self, message: str) -> None:
        """Nothing was changed; the stack drops this command (it can no longer be applied
        without overwriting someone else's work)."""
        self.setObsolete(True)
        self.edits.failed.emit(message)


class BulkEdits(QObject):
    """The undo stack of bulk corrections; ``changed(ids)`` after every do, undo, redo;
    ``failed(message)`` when an undo or redo was refused (someone else changed an article)."""

    changed = Signal(list)
    failed = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.stack = QUndoStack(self)

    def record(self, ids: list[int], edit: Edit, undo: Undo) -> None:
        text = self.tr("edit of %n article(s)", "", len(ids))
        self.stack.push(_BulkCommand(self, ids, edit, undo, text))
        self.changed.emit(ids)


class BulkEditDialog(QDialog):
    """Edit ``ids`` together; emits ``saved(ids, edit, undo)`` once the Library stored it."""

    saved = Signal(list, object, object)

    def __init__(self, library: Library, ids: list[int], runner: TaskRunner,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.library, self.ids, self.runner = library, list(ids), runner
        self.busy = False
        self.versions = library.row_versions(self.ids)  # what a save expects to find
        self.setWindowTitle(self.tr("Edit %n article(s)", "", len(self.ids)))
        self.setMinimumWidth(460)

        self.keep_date = QRadioButton(self.tr("Leave as it is"))
        self.set_date = QRadioButton(self.tr("Set to"))
        self.clear_date = QRadioButton(self.tr("Unknown (clear it)"))
        self.keep_date.setChecked(True)
        self.date_group = QButtonGroup(self)
        for button in (self.keep_date, self.set_date, self.clear_date):
            self.date_group.addButton(button)
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(self.tr("2023, 2023-10 or 2023-10-17"))
        self.date_edit.textEdited.connect(lambda _t: self.set_date.setChecked(True))

        names = sorted(library.company_names())
        self.add_company = self._name_box(names)
        self.remove_company = self._name_box(names)
        self.add_topic = QComboBox()
        self.remove_topic = QComboBox()
        for box in (self.add_topic, self.remove_topic):
            box.addItem("")
            box.addItems(library.topic_names())

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        note = QLabel(self.tr("The same correction is applied to every selected article in one "
                              "step; Edit → Undo takes it back."))
        note.setObjectName("mutedLabel")
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Take the articles as they are now saved (with "
                                              "the other person's changes), then save again"))
        self.reload_button.clicked.connect(self.reload)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.hide()

        date_row = QHBoxLayout()
        for w in (self.keep_date, self.set_date, self.date_edit, self.clear_date):
            date_row.addWidget(w)
        form = QFormLayout()
        form.addRow(self.tr("Date:"), date_row)
        form.addRow(self.tr("Add company:"), self.add_company)
        form.addRow(self.tr("Remove company:"), self.remove_company)
        form.addRow(self.tr("Add topic:"), self.add_topic)
        form.addRow(self.tr("Remove topic:"), self.remove_topic)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error_label)
        lay.addWidget(note)
        lay.addWidget(self.buttons)

    def _name_box(self, names: list[str]) -> QLineEdit:
        box = QLineEdit()
        box.setPlaceholderText(self.tr("Any of its names…"))
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        box.setCompleter(completer)
        return box

    def edit(self) -> Edit:
        """The correction chosen, as one Edit."""
        date = None
        if self.set_date.isChecked():
            date = self.date_edit.text().strip()
            if not date:
                date = " "  # "set to" nothing: rejected by validation with a clear message
        elif self.clear_date.isChecked():
            date = ""

        def one(text: str) -> list[str]:
            return [text.strip()] if text.strip() else []

        return Edit(date=date, add_companies=one(self.add_company.text()),
                    remove_companies=one(self.remove_company.text()),
                    add_topics=one(self.add_topic.currentText()),
                    remove_topics=one(self.remove_topic.currentText()))

    def save(self) -> None:
        if self.busy:
            return
        edit = self.edit()
        if edit.date == " ":
            self._failed(self.tr("Type a date like 2023, 2023-10 or 2023-10-17, or choose "
                                 "“Unknown”."))
            return
        if edit == Edit():
            self.accept()
            return
        self.busy = True
        self.save_button.setEnabled(False)
        self.error_label.hide()
        library, ids, seen = self.library, list(self.ids), dict(self.versions)

        def work(_p, _c) -> Undo | EditConflict:
            try:
                return library.edit_many(ids, edit, seen)
            except EditConflict as exc:  # not a failure: the dialog offers a reload
                return exc

        self.runner.start(work, on_done=lambda undo: self._saved(edit, undo),
                          on_failed=self._failed)

    def _saved(self, edit: Edit, undo: Undo | EditConflict) -> None:
        if isinstance(undo, EditConflict):
            self._failed(str(undo))  # saving again needs the versions as they are now
            self.reload_button.show()
            self.save_button.setEnabled(False)
            return
        self.busy = False
        self.saved.emit(list(self.ids), edit, undo)
        self.accept()

    def reload(self) -> None:
        """Take the articles' current versions (and drop those no longer in the archive);
        the correction chosen stays, to be saved again."""
        self.versions = self.library.row_versions(self.ids)
        live = set(self.library.get_many(self.ids))
        self.ids = [i for i in self.ids if i in live]
        self.error_label.hide()
        self.reload_button.hide()
        self.save_button.setEnabled(bool(self.ids))

    def _failed(self, message: str) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.error_label.setText(message)
        self.error_label.show()

    def reject(self) -> None:
        if not self.busy:
            super().reject()
