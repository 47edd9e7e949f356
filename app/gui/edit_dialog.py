"""Correct an article's metadata: headline, date, companies and topics.

The dialog turns what the user changed into one ``archive.library.Edit`` and hands it to
``Library.edit`` in the background; an ``EditError`` (a bad date, an empty headline) is
shown inline and the dialog stays open. Corrections are kept as manual: they survive
re-import and reindex, and the article is marked "edited". If someone else changed the
article since the dialog opened (another desktop on a shared archive), nothing is saved:
the dialog says so, naming the article, and offers to reload the current version.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive.document import Article
from archive.editing import EditError, parse_date
from archive.library import Edit, EditConflict, Library

from .date_evidence import date_evidence
from .tasks import TaskRunner
from .theme import LIGHT, Colors

DATE_SOURCES = {"dateline", "explicit", "event", "inferred", "manual", "hint"}


class EditDialog(QDialog):
    """Edit ``article``; emits ``saved(Article)`` after the Library has stored the edit."""

    saved = Signal(object)

    def __init__(self, library: Library, article: Article, runner: TaskRunner,
                 colors: Colors = LIGHT, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.article = article
        self.runner = runner
        self.colors = colors
        self.busy = False
        self.setWindowTitle(self.tr("Edit metadata"))
        self.setMinimumWidth(560)

        self.title_edit = QLineEdit(article.title)
        self.date_edit = QLineEdit(article.date or "")
        self.date_edit.setPlaceholderText(self.tr("2023, 2023-10 or 2023-10-17; empty if unknown"))
        source = article.date_source or ""
        self.date_note = QLabel(self._date_note(source))
        self.date_note.setObjectName("mutedLabel")
        self.date_note.setWordWrap(True)

        self.company_list = QListWidget()
        self.company_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for name in article.companies:
            self.company_list.addItem(name)
        self.company_list.setMaximumHeight(150)
        self.company_input = QLineEdit()
        self.company_input.setPlaceholderText(self.tr("Add a company (any of its names)…"))
        completer = QCompleter(sorted(set(library.company_names()) | set(article.companies)),
                               self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.company_input.setCompleter(completer)
        self.add_company_button = QPushButton(self.tr("Add"))
        self.remove_company_button = QPushButton(self.tr("Remove selected"))
        self.add_company_button.clicked.connect(self.add_company)
        self.company_input.returnPressed.connect(self.add_company)
        self.remove_company_button.clicked.connect(self.remove_selected_companies)

        self.topic_list = QListWidget()
        names = library.topic_names()
        for extra in article.topics:
            if extra not in names:
                names.append(extra)
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in article.topics
                               else Qt.CheckState.Unchecked)
            self.topic_list.addItem(item)
        self.topic_list.setMaximumHeight(170)

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color:{colors.error};")
        self.error_label.hide()
        self.date_error = QLabel()  # right under the date field, where the mistake is
        self.date_error.setObjectName("dateError")
        self.date_error.setWordWrap(True)
        self.date_error.setStyleSheet(f"color:{colors.error};")
        self.date_error.hide()
        note = QLabel(self.tr("Your corrections are kept when the article is imported again "
                              "or the index is rebuilt."))
        note.setObjectName("mutedLabel")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Show the article as it is now saved (your "
                                              "changes here are discarded)"))
        self.reload_button.clicked.connect(self.reload)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.reload_button.hide()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        company_row = QHBoxLayout()
        company_row.addWidget(self.company_input, 1)
        company_row.addWidget(self.add_company_button)
        company_row.addWidget(self.remove_company_button)
        # teach the gazetteer another name of the selected company
        self.alias_input = QLineEdit()
        self.alias_input.setPlaceholderText(self.tr("Another name of the selected company…"))
        self.alias_button = QPushButton(self.tr("Add alias"))
        self.alias_button.clicked.connect(self.add_alias)
        self.alias_input.returnPressed.connect(self.add_alias)
        self.alias_note = QLabel()
        self.alias_note.setObjectName("mutedLabel")
        self.alias_note.setWordWrap(True)
        self.alias_note.hide()
        alias_row = QHBoxLayout()
        alias_row.addWidget(self.alias_input, 1)
        alias_row.addWidget(self.alias_button)
        companies = QVBoxLayout()
        companies.addWidget(self.company_list)
        companies.addLayout(company_row)
        companies.addLayout(alias_row)
        companies.addWidget(self.alias_note)
        date_col = QVBoxLayout()
        date_col.addWidget(self.date_edit)
        date_col.addWidget(self.date_error)
        date_col.addWidget(self.date_note)
        form = QFormLayout()
        form.addRow(self.tr("Headline:"), self.title_edit)
        form.addRow(self.tr("Date:"), date_col)
        form.addRow(self.tr("Companies:"), companies)
        form.addRow(self.tr("Topics:"), self.topic_list)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error_label)
        lay.addWidget(note)
        lay.addWidget(self.buttons)

    def _date_note(self, source: str) -> str:
        """Where the date came from and the words it was read from."""
        return date_evidence(source)

    # ----- companies -------------------------------------------------------------------
    def companies(self) -> list[str]:
        return [self.company_list.item(i).text() for i in range(self.company_list.count())]

    def add_company(self) -> None:
        name = self.company_input.text().strip()
        if not name:
            return
        name = self.library.canonical_company(name) or name
        if name not in self.companies():
            self.company_list.addItem(name)
        self.company_input.clear()

    def remove_selected_companies(self) -> None:
        for item in self.company_list.selectedItems():
            self.company_list.takeItem(self.company_list.row(item))

    def add_alias(self) -> None:
        """Record the alias for the selected company (Library.add_company_alias); a reindex
        applies it to articles already in the archive, new imports use it at once."""
        alias = self.alias_input.text().strip()
        selected = self.company_list.selectedItems() or (
            [self.company_list.currentItem()] if self.company_list.currentItem() else [])
        if not alias:
            return
        if not selected:
            self._failed(self.tr("Select the company the alias belongs to."))
            return
        canonical = selected[0].text()
        library = self.library
        self.alias_button.setEnabled(False)

        def done(_result) -> None:
            self.alias_button.setEnabled(True)
            self.alias_input.clear()
            self.error_label.hide()
            self.alias_note.setText(self.tr("“%1” is now also a name of %2; new imports use "
                                            "it, a reindex applies it to the archive.")
                                    .replace("%1", alias).replace("%2", canonical))
            self.alias_note.show()

        def failed(message: str) -> None:
            self.alias_button.setEnabled(True)
            self._failed(message)

        self.runner.start(lambda _p, _c: library.add_company_alias(canonical, alias),
                          on_done=done, on_failed=failed)

    def topics(self) -> list[str]:
        return [self.topic_list.item(i).text() for i in range(self.topic_list.count())
                if self.topic_list.item(i).checkState() == Qt.CheckState.Checked]

    # ----- saving ----------------------------------------------------------------------
    def edit(self) -> Edit:
        """What the user changed, as one Edit (empty when nothing changed)."""
        a = self.article
        title = self.title_edit.text()
        date = self.date_edit.text().strip()
        companies, topics = self.companies(), self.topics()
        return Edit(
            title=title if title.strip() != a.title else None,
            date=date if date != (a.date or "") else None,
            add_companies=[c for c in companies if c not in a.companies],
            remove_companies=[c for c in a.companies if c not in companies],
            add_topics=[t for t in topics if t not in a.topics],
            remove_topics=[t for t in a.topics if t not in topics],
        )

    def save(self) -> None:
        if self.busy:
            return
        edit = self.edit()
        if edit == Edit():
            self.accept()
            return
        self.error_label.hide()
        self.date_error.hide()
        if edit.date:
            try:
                parse_date(edit.date)  # the Library's own check, shown at the field
            except EditError as exc:
                self.date_error.setText(str(exc))
                self.date_error.show()
                self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                self.date_edit.selectAll()
                return
        self.busy = True
        self.save_button.setEnabled(False)
        library, aid, seen = self.library, self.article.id, self.article.row_version

        def work(_p, _c):
            try:
                return library.edit(aid, edit, seen)
            except EditConflict as exc:  # not a failure: the dialog offers a reload
                return exc

        self.runner.start(work, on_done=self._saved, on_failed=self._failed)

    def _saved(self, article: Article | EditConflict) -> None:
        if isinstance(article, EditConflict):
            self._conflict(article)
            return
        self.busy = False
        self.article = article
        self.saved.emit(article)
        self.accept()

    def _failed(self, message: str) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.error_label.setText(message)
        self.error_label.show()

    def _conflict(self, conflict: EditConflict) -> None:
        """Someone else saved first: say so and offer the current version."""
        self._failed(str(conflict))
        self.reload_button.setVisible(conflict.current is not None)
        self.save_button.setEnabled(conflict.current is not None)

    def reload(self) -> None:
        """Show the article as it is saved now; the user makes their changes again."""
        library, aid = self.library, self.article.id
        self.reload_button.setEnabled(False)

        def done(article: Article | None) -> None:
            self.reload_button.setEnabled(True)
            if article is None:
                self._failed(self.tr("The article is no longer in the archive."))
                self.reload_button.hide()
                self.save_button.setEnabled(False)
                return
            self.show_article(article)

        self.runner.start(lambda _p, _c: library.get(aid), on_done=done,
                          on_failed=self._failed)

    def show_article(self, article: Article) -> None:
        """Fill the fields from ``article`` (what a save is compared with from now on)."""
        self.article = article
        self.title_edit.setText(article.title)
        self.date_edit.setText(article.date or "")
        self.date_note.setText(self._date_note(article.date_source or ""))
        self.company_list.clear()
        for name in article.companies:
            self.company_list.addItem(name)
        known = {self.topic_list.item(i).text() for i in range(self.topic_list.count())}
        for extra in article.topics:
            if extra not in known:
                item = QListWidgetItem(extra)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.topic_list.addItem(item)
        for i in range(self.topic_list.count()):
            item = self.topic_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in article.topics
                               else Qt.CheckState.Unchecked)
        self.error_label.hide()
        self.date_error.hide()
        self.reload_button.hide()
        self.save_button.setEnabled(True)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
