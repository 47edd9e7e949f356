"""The article reader beside the results list."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from archive.document import Article

from .article_html import article_html


class ReaderView(QTextBrowser):
    """Shows one article; emits ``facet_link(facet, value)`` when a chip is clicked."""

    facet_link = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.article: Article | None = None
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.article = None
        self.setHtml(f"<p style='color:#888'>{self.tr('Select an article to read it here.')}</p>")

    def show_article(self, article: Article, terms: list[str]) -> None:
        self.article = article
        self.setHtml(article_html(article, terms))

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        facet, _, value = text.partition(":")
        if facet in ("company", "topic") and value:
            self.facet_link.emit(facet, QUrl.fromPercentEncoding(value.encode()))

    def loadResource(self, rtype, name):  # noqa: N802 - never fetch anything remote
        return None
