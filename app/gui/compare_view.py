"""Compare: two or more articles side by side, their metadata aligned on top, query terms
and the companies they share highlighted, with synchronised scrolling (a toggle). A Close
button, Esc and Ctrl+W close it."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from archive.document import Article
from archive.library import Library

from .article_html import body_html, chip, company_chips, topic_chips
from .theme import LIGHT, Colors

MAX_COMPARE = 6
COLUMN_MIN_WIDTH = 340
SYNC_KEY = "compare/sync"


def shared_values(lists: list[list[str]]) -> set[str]:
    """Values that occur in at least two of the lists (all of them when there are two)."""
    counts = Counter(v for values in lists for v in set(values))
    return {v for v, n in counts.items() if n >= 2}


class CompareView(QWidget):
    """A window of article columns. Rows of the grid (headline, date and authors,
    companies, topics, text) line up across the columns."""

    facet_link = Signal(str, str)

    def __init__(self, library: Library, ids: list[int], terms: list[str],
                 settings: QSettings, colors: Colors = LIGHT, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.library = library
        self.settings = settings
        self.colors = colors
        self.terms = list(terms)
        ids = list(dict.fromkeys(ids))
        self.truncated = len(ids) > MAX_COMPARE
        found = library.get_many(ids[:MAX_COMPARE], with_text=True)
        self.articles: list[Article] = [found[i] for i in ids[:MAX_COMPARE] if i in found]
        self.shared_companies = shared_values([a.companies for a in self.articles])
        self.shared_topics = shared_values([a.topics for a in self.articles])
        self.browsers: list[QTextBrowser] = []
        self.header_labels: list[list[QLabel]] = []
        self._syncing = False
        self.setWindowTitle(self.tr("Compare %n article(s)", "", len(self.articles)))
        self.resize(min(1500, 120 + COLUMN_MIN_WIDTH * 1.4 * max(len(self.articles), 2)), 860)

        self.sync_box = QCheckBox(self.tr("Synchronised scrolling"))
        self.sync_box.setChecked(_bool(settings.value(SYNC_KEY, True)))
        self.sync_box.toggled.connect(lambda on: settings.setValue(SYNC_KEY, on))
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(self.sync_box)
        top.addSpacing(16)
        top.addWidget(self.legend, 1)
        if self.truncated:
            note = QLabel(self.tr("Showing the first %n articles of the selection.", "",
                                  MAX_COMPARE))
            note.setObjectName("mutedLabel")
            top.addWidget(note)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the comparison (Esc, Ctrl+W)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        top.addWidget(self.close_button)
        self.shortcuts = []
        keys_list = [QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")]
        keys_list += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
                      if k not in keys_list]  # e.g. Ctrl+F4 elsewhere; one shortcut a key
        for keys in keys_list:
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.close)
            self.shortcuts.append(shortcut)

        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.grid.setContentsMargins(10, 6, 10, 6)
        for col, article in enumerate(self.articles):
            self._add_column(col, article)
        self.grid.setRowStretch(5, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(grid_host)
        grid_host.setMinimumWidth(COLUMN_MIN_WIDTH * len(self.articles) + 40)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(top)
        lay.addWidget(self.scroll, 1)
        self.render()

    # ----- building ----------------------------------------------------------------------
    def _add_column(self, col: int, article: Article) -> None:
        labels = []
        for row in range(4):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.setOpenExternalLinks(False)
            label.linkActivated.connect(self._link)
            label.setMinimumWidth(COLUMN_MIN_WIDTH - 20)
            self.grid.addWidget(label, row, col)
            labels.append(label)
        self.header_labels.append(labels)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.grid.addWidget(line, 4, col)
        browser = QTextBrowser()
        browser.setOpenLinks(False)
        browser.document().setDocumentMargin(8)
        browser.verticalScrollBar().valueChanged.connect(
            lambda _v, b=browser: self._scrolled(b))
        self.grid.addWidget(browser, 5, col)
        self.browsers.append(browser)

    def render(self) -> None:
        """(Re)draw every column with the current colours."""
        c = self.colors
        for article, labels, browser in zip(self.articles, self.header_labels, self.browsers):
            title, meta, companies, topics = labels
            title.setText(f"<span style='font-size:15pt;font-weight:600'>"
                          f"{html.escape(article.title)}</span>")
            bits = [html.escape(article.date or self.tr("date unknown"))]
            if article.authors:
                bits.append(html.escape("、".join(article.authors)))
            if article.source_name:
                bits.append(html.escape(article.source_name))
            meta_html = " · ".join(bits)
            if article.edited:
                meta_html += "&nbsp; " + chip(self.tr("edited"), c.badge_bg, c.badge_fg)
            meta.setText(f"<span style='color:{c.muted}'>{meta_html}</span>")
            companies.setText(company_chips(article.companies, c, self.shared_companies, 16)
                              or f"<span style='color:{c.muted}'>—</span>")
            topics.setText(topic_chips(article.topics, c, self.shared_topics)
                           or f"<span style='color:{c.muted}'>—</span>")
            shared = sorted(self.shared_companies)
            extra = (lambda text, names=shared: self.library.mention_spans(text, names)) \
                if shared else None
            value = browser.verticalScrollBar().value()
            browser.setHtml("<html><body style='line-height:160%'>"
                            + body_html(article, self.terms, c, extra) + "</body></html>")
            browser.verticalScrollBar().setValue(value)
        parts = []
        if self.terms:
            parts.append(chip(self.tr("query terms"), c.mark_bg, c.mark_fg))
        if self.shared_companies:
            parts.append(chip(self.tr("shared companies (%n)", "", len(self.shared_companies)),
                              c.shared_bg, c.shared_fg))
        else:
            parts.append(f"<span style='color:{c.muted}'>"
                         f"{html.escape(self.tr('no companies in common'))}</span>")
        self.legend.setText("&nbsp;&nbsp;".join(parts))

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.render()

    # ----- behaviour ---------------------------------------------------------------------
    def _scrolled(self, source: QTextBrowser) -> None:
        if self._syncing or not self.sync_box.isChecked():
            return
        bar = source.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._syncing = True
        try:
            for other in self.browsers:
                if other is not source:
                    ob = other.verticalScrollBar()
                    ob.setValue(round(fraction * ob.maximum()))
        finally:
            self._syncing = False

    def _link(self, link: str) -> None:
        from urllib.parse import unquote

        facet, _, value = link.partition(":")
        if facet in ("company", "topic", "year") and value:
            self.facet_link.emit(facet, unquote(value))


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
