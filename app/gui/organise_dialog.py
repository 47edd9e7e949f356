"""The Organise dialog: tags and collections of the selected articles, the current one's note.

Tags and collections added apply to every selected article; those the articles have are
listed ticked, and unticking one removes it from all of them. The note belongs to the
article being read (plain text or Markdown; it is searchable once saved).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from archive.library import EditError, Library, Organise

_SEPARATORS = re.compile(r"[,，、;；\n]+")


def split_names(text: str) -> list[str]:
    """Names typed in one box, separated by commas (also Chinese ones) or semicolons."""
    return [n.strip() for n in _SEPARATORS.split(text) if n.strip()]


class OrganiseDialog(QDialog):
    """Add or remove tags and collections of ``ids``; edit the note of ``current``."""

    saved = Signal(list)  # the article ids changed

    def __init__(self, library: Library, ids: list[int], current: int | None, parent=None):
        super().__init__(parent)
        self.library = library
        self.ids = list(ids)
        self.current = current
        articles = library.get_many(self.ids)
        self.setWindowTitle(self.tr("Organise %n article(s)", "", len(self.ids)))
        self.resize(520, 560)

        self.add_tags = QLineEdit()
        self.add_tags.setPlaceholderText(self.tr("New tags, separated by commas"))
        self.add_tags.setCompleter(QCompleter(list(library.tags()), self))
        self.tag_list = self._have_list([a.tags for a in articles.values()])
        self.add_collections = QLineEdit()
        self.add_collections.setPlaceholderText(
            self.tr("Collections, separated by commas (Parent/Child nests)"))
        self.add_collections.setCompleter(QCompleter(list(library.collections()), self))
        self.collection_list = self._have_list([a.collections for a in articles.values()])

        article = articles.get(current) if current is not None else None
        self.original_note = article.note if article is not None else ""
        self.note = QPlainTextEdit(self.original_note)
        self.note.setPlaceholderText(self.tr("A note on this article (plain text or Markdown; "
                                             "searchable)"))
        self.note.setEnabled(article is not None)
        note_label = QLabel(self.tr("Note on “%1”").replace("%1", article.title[:40])
                            if article is not None else self.tr("Note"))
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setStyleSheet("color:#b00020")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Add tags:"), self.add_tags)
        form.addRow(self.tr("Tags (untick to remove):"), self.tag_list)
        form.addRow(self.tr("Add to collections:"), self.add_collections)
        form.addRow(self.tr("Collections (untick to remove):"), self.collection_list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note_label)
        lay.addWidget(self.note, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def _have_list(self, per_article: list[list[str]]) -> QListWidget:
        counts: dict[str, int] = {}
        for names in per_article:
            for n in names:
                counts[n] = counts.get(n, 0) + 1
        view = QListWidget()
        for name in sorted(counts):
            shown = name if len(self.ids) == 1 else f"{name}  ({counts[name]}/{len(self.ids)})"
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            view.addItem(item)
        view.setMaximumHeight(110)
        return view

    @staticmethod
    def _unticked(view: QListWidget) -> list[str]:
        return [view.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.count())
                if view.item(i).checkState() != Qt.CheckState.Checked]

    def change(self) -> Organise:
        """What the dialog would apply to every selected article (the note aside)."""
        return Organise(split_names(self.add_tags.text()), self._unticked(self.tag_list),
                        split_names(self.add_collections.text()),
                        self._unticked(self.collection_list))

    def save(self) -> None:
        """Apply the changes; a bad name keeps the dialog open with the reason under it."""
        change = self.change()
        note = self.note.toPlainText()
        try:
            if not change.empty:
                self.library.organise(self.ids, change)
            if self.current is not None and note.strip() != self.original_note.strip():
                self.library.set_note(self.current, note)
        except EditError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.saved.emit(self.ids)
        self.accept()
