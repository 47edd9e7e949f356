"""The reader's versions strip: the other files holding the same text, and "Split from group".

Shown under the reader's header only when the article has other versions (the same text
read from another format, encoding or script). Each version is a link that opens it in
the reader; "Split from group" takes the article being read out of its group, after which
search shows it on its own (``split_done`` asks the window to search again).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from archive.document import Article
from archive.library import EditError, Library

from .write_access import WriteGate


class VersionsBar(QWidget):
    """Links to an article's versions and a button to split it from its group."""

    open_version = Signal(int)
    split_done = Signal(int)

    def __init__(self, library: Library, busy: Callable[[], bool] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("versionsBar")
        self.library = library
        self.busy = busy or (lambda: False)
        self.article_id: int | None = None
        self.group: list[Article] = []
        self.label = QLabel()
        self.label.setObjectName("mutedLabel")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.linkActivated.connect(self._link)
        self.split_button = QPushButton(self.tr("Split from group"))
        self.split_button.setToolTip(self.tr(
            "This article is not the same text as the others: show it on its own"))
        self.split_button.clicked.connect(self.split)
        self.gate = WriteGate(library)
        self.gate.guard(self.split_button)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 2, 8, 2)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.split_button)
        self.setVisible(False)

    def show_for(self, article: Article | None) -> None:
        """Show the versions of ``article`` (hidden when it has none)."""
        self.article_id = article.id if article is not None else None
        self.group = self.library.versions(article.id) if article is not None else []
        if len(self.group) < 2:
            self.setVisible(False)
            return
        links = []
        for a in self.group:
            name = html.escape(f"{a.source_name or '#' + str(a.id)} ({a.source_format or '?'})")
            if a.id == self.article_id:
                links.append(f"<b>{name}</b>")
            else:
                links.append(f"<a href='version:{a.id}'>{name}</a>")
        head = self.tr("%n version(s):", "", len(self.group))
        self.label.setText(f"{html.escape(head)} " + " · ".join(links))
        self.split_button.setEnabled(not self.busy())
        self.gate.apply()
        self.setVisible(True)

    def _link(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "version" and value.isdigit():
            self.open_version.emit(int(value))

    def split(self) -> None:
        """Take the article being read out of its group."""
        if self.article_id is None or self.busy() or not self.gate.writable:
            return
        aid = self.article_id
        try:
            self.library.split(aid)
        except EditError as exc:
            self.label.setText(html.escape(str(exc)))
            self.split_button.setEnabled(False)
            return
        self.show_for(self.library.get(aid))
        self.split_done.emit(aid)
