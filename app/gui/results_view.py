"""The results list: headline, date, authors, snippet with highlights, company chips.

Rows have one height so that 100,000 hits scroll without measuring every row; each row is
painted from the model's roles (the snippet through a small rich-text document). A row
whose data is still loading in the background is drawn as grey placeholder bars.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QTableView,
)

from .results_model import (
    AuthorsRole,
    CompaniesRole,
    DateRole,
    EditedRole,
    LoadedRole,
    SnippetRole,
    VersionsRole,
)
from .theme import LIGHT, Colors

PAD = 10
SNIPPET_LINES = 2


class HitDelegate(QStyledItemDelegate):
    """Paints one hit as a card: title, date and authors, a two-line snippet, chips."""

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.colors = colors
        self.edited_text = self.tr("edited")

    # fonts and metrics follow the view's font
    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.12 if base.pointSizeF() > 0 else 11)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.88 if base.pointSizeF() > 0 else 8)
        return title, base, small

    def row_height(self, base: QFont) -> int:
        title, body, small = self._fonts(base)
        return (PAD + QFontMetrics(title).height() + 3 + QFontMetrics(small).height() + 4
                + QFontMetrics(body).lineSpacing() * SNIPPET_LINES + 6
                + QFontMetrics(small).height() + 6 + PAD - 2)

    def sizeHint(self, option, index) -> QSize:
        return QSize(240, self.row_height(option.font))

    def snippet_html(self, index: QModelIndex) -> str:
        c = self.colors
        return (index.data(SnippetRole) or "").replace(
            "<mark>", f"<span style='background-color:{c.mark_bg};color:{c.mark_fg}'>").replace(
            "</mark>", "</span>")

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        widget = option.widget
        option.text = ""
        style = widget.style() if widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        pal = option.palette
        text_color = pal.color(QPalette.ColorRole.HighlightedText if selected
                               else QPalette.ColorRole.Text)
        muted = QColor(self.colors.muted) if not selected else text_color
        title_font, body_font, small_font = self._fonts(option.font)
        r = option.rect.adjusted(PAD + 2, PAD, -PAD, -PAD // 2)
        if not index.data(LoadedRole):
            self._placeholder(painter, r, title_font, small_font, body_font)
            return
        painter.save()
        painter.setClipRect(option.rect)

        # title, with an "edited" badge at the right
        edited = bool(index.data(EditedRole))
        title_fm = QFontMetrics(title_font)
        small_fm = QFontMetrics(small_font)
        badge_w = small_fm.horizontalAdvance(self.edited_text) + 12 if edited else 0
        painter.setFont(title_font)
        painter.setPen(text_color)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        title_rect = QRect(r.left(), r.top(), r.width() - badge_w - (6 if edited else 0),
                           title_fm.height())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title_fm.elidedText(title, Qt.TextElideMode.ElideRight,
                                             title_rect.width()))
        if edited:
            top = r.top() + (title_fm.height() - small_fm.height()) // 2
            badge = QRect(r.right() - badge_w, top, badge_w, small_fm.height())
            self._pill(painter, badge, self.edited_text, small_font, self.colors.badge_bg,
                       self.colors.badge_fg)
        y = r.top() + title_fm.height() + 3

        # date · authors
        painter.setFont(small_font)
        painter.setPen(muted)
        date = index.data(DateRole) or self.tr("date unknown")
        authors = "、".join(index.data(AuthorsRole) or [])
        meta = f"{date}   {authors}" if authors else date
        versions = index.data(VersionsRole) or 1
        if versions > 1:  # the same text from other files, shown once
            meta = self.tr("%n version(s)", "", versions) + "   " + meta
        meta_rect = QRect(r.left(), y, r.width(), small_fm.height())
        painter.drawText(meta_rect, Qt.AlignmentFlag.AlignLeft,
                         small_fm.elidedText(meta, Qt.TextElideMode.ElideRight, r.width()))
        y += small_fm.height() + 4

        # snippet: rich text, clipped to two lines
        body_fm = QFontMetrics(body_font)
        snippet_h = body_fm.lineSpacing() * SNIPPET_LINES
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(body_font)
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(opt)
        doc.setHtml(self.snippet_html(index))
        doc.setTextWidth(r.width())
        painter.save()
        painter.translate(r.left(), y)
        painter.setClipRect(QRectF(0, 0, r.width(), snippet_h + 1))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, text_color)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        y += snippet_h + 6

        # company chips, as many as fit, then "+N"
        companies = index.data(CompaniesRole) or []
        x = r.left()
        chip_h = small_fm.height() + 2
        for n, name in enumerate(companies):
            w = small_fm.horizontalAdvance(name) + 12
            rest = len(companies) - n
            more = f"+{rest}"
            reserve = small_fm.horizontalAdvance(more) + 8 if rest > 1 else 0
            if x + w + reserve > r.right():
                painter.setFont(small_font)
                painter.setPen(muted)
                painter.drawText(QRect(x, y, r.right() - x, chip_h),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, more)
                break
            self._pill(painter, QRect(x, y, w, chip_h), name, small_font, self.colors.chip_bg,
                       self.colors.chip_fg)
            x += w + 5
        painter.restore()

    def _placeholder(self, painter: QPainter, r: QRect, title: QFont, small: QFont,
                     body: QFont) -> None:
        """Grey bars where the row's text will be, while it loads in the background."""
        color = QColor(self.colors.muted)
        color.setAlpha(45)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        y = r.top()
        for font, width in ((title, 0.6), (small, 0.3), (body, 0.95), (body, 0.8)):
            h = QFontMetrics(font).height()
            painter.drawRoundedRect(QRectF(r.left(), y + h * 0.2, r.width() * width, h * 0.6),
                                    3, 3)
            y += h + 4
        painter.restore()

    @staticmethod
    def _pill(painter: QPainter, rect: QRect, text: str, font: QFont, bg: str, fg: str) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(QRectF(rect), rect.height() / 2.4, rect.height() / 2.4)
        painter.setFont(font)
        painter.setPen(QColor(fg))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class ResultsView(QTableView):
    """One column of fixed-height rows: 100,000 hits lay out and scroll without the view
    asking the model about every row (a QListView walks all rows after each reset).

    Emits ``open_requested`` on Enter or a double click, ``leave_up`` on Up at the top row
    (so the search box can take the focus back)."""

    open_requested = Signal()
    leave_up = Signal()

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.delegate = HitDelegate(colors, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._update_row_height()
        self.doubleClicked.connect(lambda _i: self.open_requested.emit())

    def refresh_row_height(self) -> None:
        """Give rows the card height again (after the table mode's shorter rows)."""
        self._update_row_height()

    def _update_row_height(self) -> None:
        height = self.delegate.row_height(self.font())
        self.verticalHeader().setMinimumSectionSize(1)
        self.verticalHeader().setDefaultSectionSize(height)
        self.verticalScrollBar().setSingleStep(max(8, height // 4))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.itemDelegate() is self.delegate:
            self._update_row_height()

    def set_colors(self, colors: Colors) -> None:
        self.delegate.colors = colors
        self.viewport().update()

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in result order."""
        model = self.model()
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [model.article_id(r) for r in rows]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.open_requested.emit()
            return
        if key == Qt.Key.Key_Up and not event.modifiers() and self.currentIndex().row() <= 0:
            self.leave_up.emit()
            return
        super().keyPressEvent(event)
