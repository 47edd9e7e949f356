"""The results list: headline, date, authors, snippet with highlights, company chips."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

from .results_model import AuthorsRole, CompaniesRole, DateRole, SnippetRole

ROW_HEIGHT = 86


class HitDelegate(QStyledItemDelegate):
    """Paints one hit as a small rich-text card."""

    def _html(self, index: QModelIndex, selected: bool) -> str:
        title = html.escape(index.data(Qt.ItemDataRole.DisplayRole) or "")
        date = html.escape(index.data(DateRole) or "—")
        authors = html.escape("、".join(index.data(AuthorsRole) or []))
        snippet = (index.data(SnippetRole) or "").replace(
            "<mark>", "<span style='background-color:#ffe066;color:#000'>").replace(
            "</mark>", "</span>")
        companies = index.data(CompaniesRole) or []
        chips = " ".join(f"<span style='background-color:#e3ecfa;color:#1a4d8f'>&nbsp;{html.escape(c)}&nbsp;</span>"
                         for c in companies[:4])
        muted = "" if selected else "color:#777;"
        return (f"<div><b style='font-size:large'>{title}</b></div>"
                f"<div style='{muted}font-size:small'>{date}&nbsp;&nbsp;{authors}</div>"
                f"<div>{snippet}</div><div style='font-size:small'>{chips}</div>")

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(self._html(index, selected))
        doc.setTextWidth(option.rect.width() - 12)
        painter.save()
        painter.translate(option.rect.left() + 6, option.rect.top() + 4)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 12, option.rect.height() - 8))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt API)
        return QSize(200, ROW_HEIGHT)


class ResultsView(QListView):
    """A uniform-row list, so 100,000 hits scroll without measuring every row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(HitDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
