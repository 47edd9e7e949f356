"""The article reader beside the results list: the article, its facet links, and a bar to
step through the query's matches in it.

A long article (a book as one PDF) is shown a piece at a time: the first
``FIRST_PIECE`` characters of its body at once, the rest appended from the event loop, each piece's
marks collected as it arrives, so opening it never freezes the window.
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive.document import Article
from archive.facets import NAMES as FACET_NAMES

from .article_html import SpanFinder, body_blocks, head_html
from .theme import LIGHT, Colors
from .versions_bar import VersionsBar

FIRST_PIECE = 20_000  # characters of body shown at once
PIECE = 5_000  # characters appended per turn of the event loop (about 40 ms with marks)
MAX_MARKS = 2_000  # the rest of a long article is shown unmarked once this many are marked


class ReaderView(QTextBrowser):
    """Shows one article; emits ``facet_link(facet, value)`` when a company, topic or date
    is clicked and ``matches_changed(current, total)`` as the reader steps through matches."""

    facet_link = Signal(str, str)
    matches_changed = Signal(int, int)
    article_changed = Signal(object)  # the Article shown, or None

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.colors = colors
        self.article: Article | None = None
        self.terms: list[str] = []
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        self._extra: SpanFinder | None = None
        self._rest = None  # the body blocks still to show (an iterator), None when done
        self._marking: list[str] = []
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.timeout.connect(self._append_piece)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(14)
        self.show_placeholder()

    @property
    def loading(self) -> bool:
        """True while the rest of a long article is still being appended."""
        return self._rest is not None

    def show_placeholder(self, text: str | None = None) -> None:
        self._stop_loading()
        self.article = None
        self.matches, self.current_match = [], -1
        message = text or self.tr("Select an article to read it here.")
        self.setHtml(f"<p align='center' style='color:{self.colors.muted};margin-top:80px'>"
                     f"{message}</p>")
        self.matches_changed.emit(-1, 0)
        self.article_changed.emit(None)

    def show_article(self, article: Article, terms: list[str],
                     extra: SpanFinder | None = None) -> None:
        self._stop_loading()
        self.article, self.terms, self._extra = article, list(terms), extra
        self._marking = list(self.terms)  # emptied when MAX_MARKS is reached
        blocks = body_blocks(article, self._marking, self.colors, extra)
        first = self._take(blocks, FIRST_PIECE)
        self.setHtml(head_html(article, self.terms, self.colors, extra) + "".join(first)
                     + "</body></html>")
        self.matches, self.current_match = [], -1
        self.setExtraSelections([])
        self._collect_marks(self.document().begin())
        if first:  # more may follow: append it from the event loop
            self._rest = blocks
            self._loader.start(0)
        self.matches_changed.emit(-1, len(self.matches))
        self.article_changed.emit(article)

    @staticmethod
    def _take(blocks, limit: int = PIECE) -> list[str]:
        """Block HTML from ``blocks`` until about ``limit`` characters of text."""
        out, size = [], 0
        for length, html in blocks:
            out.append(html)
            size += length
            if size >= limit:
                break
        return out

    def _stop_loading(self) -> None:
        self._loader.stop()
        self._rest = None

    def _append_piece(self) -> None:
        """Append the next piece of a long article and collect its marks."""
        if self._rest is None:
            return
        piece = self._take(self._rest)
        if not piece:
            self._rest = None
            self.matches_changed.emit(self.current_match, len(self.matches))
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        start = cursor.block()
        cursor.insertHtml("".join(piece))
        self._collect_marks(start)
        if len(self.matches) >= MAX_MARKS:
            self._marking.clear()  # blocks made from now on are not marked
        self.matches_changed.emit(self.current_match, len(self.matches))
        self._loader.start(0)

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        if self.article is not None:
            scroll = self.verticalScrollBar().value()
            self.show_article(self.article, self.terms, self._extra)
            self.verticalScrollBar().setValue(scroll)
        else:
            self.show_placeholder()

    # ----- matches -----------------------------------------------------------------------
    def _collect_marks(self, block) -> None:
        """Add the marked query terms from ``block`` on to ``matches``, read back from the
        document's formatting, so that only what is highlighted counts (not, say, a
        company chip that contains the term)."""
        mark = QColor(self.colors.mark_bg)
        spans = self.matches
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                brush = frag.charFormat().background()
                if brush.style() != Qt.BrushStyle.NoBrush and brush.color() == mark:
                    start, end = frag.position(), frag.position() + frag.length()
                    if spans and spans[-1][1] == start:
                        spans[-1] = (spans[-1][0], end)
                    else:
                        spans.append((start, end))
                it += 1
            block = block.next()

    def next_match(self) -> None:
        if self.matches:
            self._go((self.current_match + 1) % len(self.matches))

    def previous_match(self) -> None:
        if self.matches:
            self._go((self.current_match - 1) % len(self.matches))

    def _go(self, n: int) -> None:
        self.current_match = n
        start, end = self.matches[n]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self.colors.current_bg))
        fmt.setForeground(QColor(self.colors.current_fg))
        sel.format = fmt
        self.setExtraSelections([sel])
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 3)
        self.matches_changed.emit(n, len(self.matches))

    # ----- links -------------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        facet, _, value = text.partition(":")
        if facet in FACET_NAMES and value:
            self.facet_link.emit(facet, unquote(value))

    def loadResource(self, rtype, name):
        return None


class ReaderPanel(QWidget):
    """The reader with a header: previous / next match and the article's actions."""

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.view = ReaderView(colors)
        self.header = QWidget()
        self.header.setObjectName("readerHeader")
        self.prev_button = QToolButton()
        self.next_button = QToolButton()
        self.match_label = QLabel()
        self.match_label.setObjectName("mutedLabel")
        self.match_label.setMinimumWidth(64)
        self._actions_layout = QHBoxLayout()
        self._actions_layout.setSpacing(2)
        head = QHBoxLayout(self.header)
        head.setContentsMargins(6, 2, 6, 2)
        head.setSpacing(2)
        head.addWidget(self.prev_button)
        head.addWidget(self.next_button)
        head.addWidget(self.match_label)
        head.addStretch(1)
        head.addLayout(self._actions_layout)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addWidget(self.view, 1)
        self.versions: VersionsBar | None = None
        self.view.matches_changed.connect(self._matches_changed)
        self._matches_changed(-1, 0)

    def attach_versions(self, library, busy=None) -> VersionsBar:
        """Show the article's versions (and "Split from group") under the header."""
        bar = VersionsBar(library, busy)
        self.layout().insertWidget(1, bar)
        self.view.article_changed.connect(bar.show_for)
        bar.open_version.connect(self._open_version)
        self.versions = bar
        return bar

    def _open_version(self, article_id: int) -> None:
        article = self.versions.library.get(article_id) if self.versions else None
        if article is not None:
            self.view.show_article(article, self.view.terms)

    def set_match_actions(self, previous: QAction, next_: QAction) -> None:
        self.prev_button.setDefaultAction(previous)
        self.next_button.setDefaultAction(next_)
        for b in (self.prev_button, self.next_button):
            b.setAutoRaise(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def add_action_button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self._actions_layout.addWidget(button)
        return button

    def set_colors(self, colors: Colors) -> None:
        self.view.set_colors(colors)

    def _matches_changed(self, current: int, total: int) -> None:
        if total == 0:
            self.match_label.setText(self.tr("no matches") if self.view.terms
                                     and self.view.article is not None else "")
        elif current < 0:
            self.match_label.setText(self.tr("%n match(es)", "", total))
        else:
            self.match_label.setText(f"{current + 1} / {total}")
