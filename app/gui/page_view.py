"""The page view beside the reader for articles made by OCR: the page image with the
search's hits boxed, tied to the text both ways.

Clicking a line of text (or stepping to a match) shows and flashes that line on the page;
clicking a line on the page (or Enter on it) moves the reader's text cursor there. Only each
line's box is known, so where a hit sits within a line is estimated from its characters'
positions in the line. Pages and their images load on the app's task pool, never on the UI
thread. Born-digital articles have no pages: the view hides and its action is disabled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from archive.document import Article
from archive.library import term_spans
from archive.ocr.layout import OcrPage
from archive.ocr.page_hits import HitBox, hit_boxes, line_for_offset

from . import reader_positions
from .icons import icon
from .page_canvas import PageCanvas
from .theme import LIGHT, Colors

ZOOM_STEP = 1.25
IMAGE_CACHE = 3  # page images kept decoded (an A4 page at 300 dpi is 9-35 MB)
SETTING_SHOWN = "reader/page_view"
SETTING_SPLIT = "reader/page_splitter"


def _decode(data: bytes) -> QImage:
    """The page image from its PNG bytes (run on a worker thread: QImage, not QPixmap)."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError(QCoreApplication.translate("PageView", "the page image could not be read"))
    return image


class PageView(QWidget):
    """The page view: page navigation, zoom, a review badge, and the page canvas in a
    scroll area. ``show_article`` loads the article's pages in the background."""

    availability_changed = Signal(bool)  # the article shown has OCR pages (or not)
    line_activated = Signal(str, int, int)  # field, start, end of a line chosen on the page

    def __init__(self, library, runner, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.setObjectName("pageView")
        self.library = library
        self.runner = runner
        self.colors = colors
        self.article_id: int | None = None
        self._article: Article | None = None
        self.pages: list[OcrPage] = []
        self.page_index = -1
        self.terms: list[str] = []
        self.hits: list[HitBox] = []
        self.loading = False
        self.fit = True
        self._generation = 0
        self._images: dict[int, QImage] = {}  # page number -> decoded image, a few kept
        self._pending_line: tuple[int, bool] | None = None  # line to show once the page is up
        self.canvas = PageCanvas(colors, runner)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.viewport().installEventFilter(self)
        self.prev_button = self._button("previous", self.tr("Previous page"), "Alt+PgUp",
                                        lambda: self.go_to_page(self.page_index - 1))
        self.next_button = self._button("next", self.tr("Next page"), "Alt+PgDown",
                                        lambda: self.go_to_page(self.page_index + 1))
        self.page_label = QLabel()
        self.page_label.setObjectName("mutedLabel")
        self.zoom_out_button = self._button("zoom-out", self.tr("Zoom out"), "Ctrl+Alt+-",
                                            self.zoom_out)
        self.zoom_in_button = self._button("zoom-in", self.tr("Zoom in"), "Ctrl+Alt+=",
                                           self.zoom_in)
        self.fit_button = self._button("fit-width", self.tr("Fit width"), "Ctrl+Alt+0",
                                       self.fit_width)
        self.fit_button.defaultAction().setCheckable(True)
        self.badge = QLabel()
        self.badge.setObjectName("reviewBadge")
        self.badge.hide()
        self.confidence_label = QLabel()
        self.confidence_label.setObjectName("mutedLabel")
        head = QHBoxLayout()
        head.setContentsMargins(6, 2, 6, 2)
        head.setSpacing(2)
        for w in (self.prev_button, self.page_label, self.next_button):
            head.addWidget(w)
        head.addSpacing(8)
        head.addWidget(self.badge)
        head.addWidget(self.confidence_label)
        head.addStretch(1)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            head.addWidget(w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(head)
        lay.addWidget(self.scroll, 1)
        self.canvas.line_clicked.connect(self._line_clicked)
        self.canvas.line_stepped.connect(lambda i: self._scroll_to_line(i))
        self.setToolTip(self.tr("The page this text was recognised from. Search hits are "
                                "boxed; within a line, a hit's place is estimated from its "
                                "characters' positions in the line."))
        self._update_controls()

    def _button(self, icon_name: str, tip: str, shortcut: str, slot) -> QToolButton:
        action = QAction(icon(icon_name, self.colors.muted), tip, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        action.setProperty("icon_name", icon_name)
        self.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setAccessibleName(tip)
        return button

    # ----- articles and pages ------------------------------------------------------------
    @property
    def current_line(self) -> tuple[int, int] | None:
        """``(page_no, line index)`` of the line shown as current on the page, if any."""
        page = self.page
        if page is None or self.canvas.page is not page or self.canvas.current < 0:
            return None
        return page.page_no, self.canvas.current

    @property
    def page(self) -> OcrPage | None:
        return self.pages[self.page_index] if 0 <= self.page_index < len(self.pages) else None

    def show_article(self, article: Article | None, terms: list[str]) -> None:
        """Show ``article``'s pages (loaded in the background) with ``terms``' hits boxed."""
        same = self._article is not None and article is not None and \
            article.id == self._article.id and article.title == self._article.title and \
            article.text == self._article.text
        if same and not self.loading:  # a new search, a theme change: the same pages
            self._article = article
            self.set_terms(terms)
            return
        self._generation += 1
        self._article = article
        self.article_id = article.id if article is not None else None
        self.terms = list(terms)
        self.pages, self.page_index, self.hits = [], -1, []
        self._images.clear()
        self._pending_line = None
        self.canvas.set_page(None, None, self.tr("Loading the page…") if article else "")
        if article is None:
            self.loading = False
            self._update_controls()
            self.availability_changed.emit(False)
            return
        self.loading = True
        self._update_controls()
        library, aid, gen = self.library, article.id, self._generation
        self.runner.start(lambda _p, _c: library.ocr_pages(aid),
                          on_done=lambda pages: self._pages_loaded(gen, pages),
                          on_failed=lambda msg: self._pages_failed(gen, msg))

    def _pages_loaded(self, generation: int, pages: list[OcrPage]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.pages = list(pages)
        self._compute_hits()
        self.availability_changed.emit(bool(self.pages))
        if self.pages:
            first_hit = self.hits[0].page_no if self.hits else self.pages[0].page_no
            self.go_to_page(self._index_of(first_hit))
        else:
            self.canvas.set_page(None, None, "")
            self._update_controls()

    def _pages_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.pages = []
        self.canvas.set_page(None, None, message)
        self._update_controls()
        self.availability_changed.emit(False)

    def _index_of(self, page_no: int) -> int:
        for i, page in enumerate(self.pages):
            if page.page_no == page_no:
                return i
        return 0

    def go_to_page(self, index: int, line: int = -1, flash: bool = False) -> None:
        """Show page ``index`` (0-based in the article's pages), then ``line`` on it."""
        if not self.pages:
            return
        index = min(max(index, 0), len(self.pages) - 1)
        if index == self.page_index and self.canvas.image is not None:
            if line >= 0:
                self._show_line(line, flash)
            return
        self.page_index = index
        page = self.pages[index]
        self._pending_line = (line, flash) if line >= 0 else None
        self._update_controls()
        image = self._images.get(page.page_no)
        if image is not None:
            self._page_ready(page, image)
            return
        self.canvas.set_page(None, None, self.tr("Loading the page…"))
        library, aid, gen, page_no = self.library, self.article_id, self._generation, page.page_no
        self.runner.start(lambda _p, _c: _decode(library.page_image(aid, page_no)),
                          on_done=lambda img: self._image_loaded(gen, page_no, img),
                          on_failed=lambda msg: self._image_failed(gen, page_no, msg))

    def _image_loaded(self, generation: int, page_no: int, image: QImage) -> None:
        if generation != self._generation:
            return
        self._images[page_no] = image
        while len(self._images) > IMAGE_CACHE:
            self._images.pop(next(iter(self._images)))
        page = self.page
        if page is not None and page.page_no == page_no:
            self._page_ready(page, image)

    def _image_failed(self, generation: int, page_no: int, message: str) -> None:
        page = self.page
        if generation == self._generation and page is not None and page.page_no == page_no:
            self.canvas.set_page(None, None, self.tr("The page image could not be shown: %1")
                                 .replace("%1", message))

    def _page_ready(self, page: OcrPage, image: QImage) -> None:
        self.canvas.set_page(page, image)
        if self.fit:
            self._fit()
        self.canvas.set_hits([h for h in self.hits if h.page_no == page.page_no])
        self._update_controls()
        pending, self._pending_line = self._pending_line, None
        if pending is not None:
            self._show_line(*pending)

    # ----- hits --------------------------------------------------------------------------
    def set_terms(self, terms: list[str]) -> None:
        """Box ``terms``' hits; turn to the first page with hits if this one has none."""
        self.terms = list(terms)
        self._compute_hits()
        page = self.page
        here = [h for h in self.hits if page and h.page_no == page.page_no]
        if self.hits and not here:
            self.go_to_page(self._index_of(self.hits[0].page_no))
            return
        self.canvas.set_hits(here)
        self._update_controls()

    def _compute_hits(self) -> None:
        article = self._article
        if article is None or not self.pages or not self.terms:
            self.hits = []
            return
        spans = {"title": term_spans(article.title, self.terms),
                 "body": term_spans(article.text, self.terms)}
        self.hits = hit_boxes(self.pages, spans)

    # ----- lines -------------------------------------------------------------------------
    def show_offset(self, field: str, offset: int, flash: bool = True) -> bool:
        """Show (and flash) the line holding character ``offset`` of ``field``; False when
        no line holds it."""
        found = line_for_offset(self.pages, field, offset)
        if found is None:
            return False
        page_no, line = found
        self.go_to_page(self._index_of(page_no), line, flash)
        return True

    def _show_line(self, line: int, flash: bool) -> None:
        self.canvas.set_current(line, flash)
        self._scroll_to_line(line)

    def _scroll_to_line(self, line: int) -> None:
        rect = self.canvas.line_rect(line)
        if rect.isValid():
            self.scroll.ensureVisible(rect.center().x(), rect.center().y(),
                                      rect.width() // 2 + 16, rect.height() // 2 + 48)

    def _line_clicked(self, index: int) -> None:
        page = self.page
        if page is None:
            return
        line = page.lines[index]
        self.canvas.set_current(index, flash=True)
        if line.start >= 0:
            self.line_activated.emit(line.field, line.start, line.end)

    # ----- zoom --------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.fit = False
        self.canvas.set_scale(self.canvas.scale * ZOOM_STEP)
        self._update_controls()

    def zoom_out(self) -> None:
        self.fit = False
        self.canvas.set_scale(self.canvas.scale / ZOOM_STEP)
        self._update_controls()

    def fit_width(self) -> None:
        self.fit = True
        self._fit()
        self._update_controls()

    def _fit(self) -> None:
        page = self.page
        if page is None or page.width <= 0:
            return
        viewport = self.scroll.viewport()
        width = viewport.width()
        bar = self.scroll.verticalScrollBar()
        if not bar.isVisible() and page.height * width / page.width > viewport.height():
            width -= bar.sizeHint().width()  # the bar appears once the page is taller
        self.canvas.set_scale(max(1, width - 2) / page.width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize and self.fit:
            QTimer.singleShot(0, self._fit)
        return super().eventFilter(watched, event)

    # ----- controls ----------------------------------------------------------------------
    def _update_controls(self) -> None:
        page = self.page
        count = len(self.pages)
        self.prev_button.setEnabled(page is not None and self.page_index > 0)
        self.next_button.setEnabled(page is not None and self.page_index < count - 1)
        for b in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            b.setEnabled(page is not None)
        self.fit_button.defaultAction().setChecked(self.fit and page is not None)
        if page is None:
            self.page_label.setText("")
            self.badge.hide()
            self.confidence_label.setText("")
            return
        numbers = [p.page_no for p in self.pages]
        if numbers == list(range(1, count + 1)):
            label = self.tr("Page %1 of %2").replace("%2", str(count))
        else:  # a PDF with only some pages read by OCR
            label = self.tr("Page %1 (%2 of %3 read by OCR)").replace(
                "%2", str(self.page_index + 1)).replace("%3", str(count))
        self.page_label.setText(label.replace("%1", str(page.page_no)))
        percent = str(round(page.confidence * 100))
        if page.needs_review:
            self.badge.setText(self.tr("Needs review · %1 %").replace("%1", percent))
            self.badge.setToolTip(self.tr("The text of this page was recognised with low "
                                          "confidence; check it against the image."))
            self.badge.show()
            self.confidence_label.setText("")
        else:
            self.badge.hide()
            self.confidence_label.setText(self.tr("confidence %1 %").replace("%1", percent))
        hits = sum(1 for h in self.hits if h.page_no == page.page_no)
        self.canvas.setAccessibleDescription(self.tr("%n hit(s) boxed on this page", "", hits))

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self.canvas.set_colors(colors)
        for action in self.actions():
            name = action.property("icon_name")
            if name:
                action.setIcon(icon(name, colors.muted))


class PageViewLink(QObject):
    """Puts a ``PageView`` beside a ``ReaderPanel``'s text and ties the two together: the
    toggle ``action`` (remembered in ``settings``), the article shown, clicks both ways."""

    def __init__(self, panel, page_view: PageView, action: QAction, settings: QSettings):
        super().__init__(panel)
        self.panel, self.view, self.action, self.settings = panel, page_view, action, settings
        self.reader = panel.view
        self.available = False
        panel.body.addWidget(page_view)
        panel.body.setStretchFactor(0, 1)
        panel.body.setStretchFactor(1, 1)
        state = settings.value(SETTING_SPLIT)
        if state is not None:
            panel.body.restoreState(state)
        panel.body.splitterMoved.connect(
            lambda *_: settings.setValue(SETTING_SPLIT, panel.body.saveState()))
        action.setCheckable(True)
        action.setChecked(settings.value(SETTING_SHOWN, True) in (True, "true", "1", 1))
        action.setEnabled(False)
        action.toggled.connect(self._toggled)
        page_view.hide()
        self.reader.article_changed.connect(
            lambda article: page_view.show_article(article, self.reader.terms))
        self.reader.matches_changed.connect(self._match_changed)
        page_view.availability_changed.connect(self._available)
        page_view.line_activated.connect(self._select_in_text)
        self.reader.viewport().installEventFilter(self)
        page_view.canvas.installEventFilter(self)
        # the reader's Tab walks its links, so the page is reached by a key of its own
        self.focus_action = QAction(self.tr("Go to the page view"), panel)
        self.focus_action.setShortcut(QKeySequence("Ctrl+Alt+P"))
        self.focus_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_action.triggered.connect(self.focus_page)
        panel.addAction(self.focus_action)

    @property
    def shown(self) -> bool:
        return self.available and self.action.isChecked()

    def _available(self, available: bool) -> None:
        self.available = available
        self.action.setEnabled(available)
        self.view.setVisible(self.shown)

    def _toggled(self, on: bool) -> None:
        self.settings.setValue(SETTING_SHOWN, on)
        self.view.setVisible(self.shown)
        if self.shown:
            self.view.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _segments(self):
        article = self.reader.article
        if article is None:
            return []
        return reader_positions.segments(article, self.reader.document())

    def show_text_position(self, position: int) -> bool:
        """Show on the page the line of the reader's document ``position``."""
        if not self.shown:
            return False
        for field, offset in reader_positions.place_of(self._segments(), position):
            if self.view.show_offset(field, offset):
                return True
        return False

    def _match_changed(self, current: int, _total: int) -> None:
        if current >= 0 and current < len(self.reader.matches):
            self.show_text_position(self.reader.matches[current][0])

    def focus_page(self) -> None:
        """Move the keyboard focus to the page (Esc there goes back to the text)."""
        if self.shown:
            self.view.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.canvas:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            return False
        if event.type() == QEvent.Type.MouseButtonRelease and \
                event.button() == Qt.MouseButton.LeftButton and \
                not self.reader.textCursor().hasSelection():
            pos = self.reader.cursorForPosition(event.position().toPoint()).position()
            self.show_text_position(pos)
        return False

    def _select_in_text(self, field: str, start: int, end: int) -> None:
        """Move the reader's text cursor to the stored characters ``[start, end)``."""
        found = reader_positions.position_of(self._segments(), field, start, end)
        if found is None:
            return
        a, b = found
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(b)
        cursor.setPosition(a, QTextCursor.MoveMode.KeepAnchor)
        self.reader.setTextCursor(cursor)
        self.reader.ensureCursorVisible()
