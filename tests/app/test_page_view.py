"""The page view beside the reader, on a real OCR import: a page image drawn here with known
Chinese lines is imported through the Library (RapidOCR reads it), then searched and read."""

from __future__ import annotations

import shutil

import pytest
from gui_helpers import search
from page_images import HEADLINE, LINES, ROOT, render_page, render_scan
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

pytestmark = pytest.mark.slow  # OCR of the page takes several seconds

PHRASES = ["重卡", "宁德时代", "工厂负责人"]


def overlap(a, b) -> float:
    """The share of box ``b`` that box ``a`` covers."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (b[2] - b[0]) * (b[3] - b[1])
    return max(0, w) * max(0, h) / area if area else 0.0


@pytest.fixture(scope="module")
def ocr_archive(tmp_path_factory):
    """An archive of the five sample articles and a scan of two pages (the second hard to
    read), imported once."""
    from archive.library import Library

    base = tmp_path_factory.mktemp("ocr-page-view")
    drop = base / "drop"
    shutil.copytree(ROOT / "resources" / "corpus", drop)
    scan = base / "scan.tiff"
    drawn = render_scan(scan, PHRASES)
    lib = Library(base / "archive")
    try:
        report = lib.ingest([drop, scan])
        assert len(report.added) == 6
    finally:
        lib.close()
    return base / "archive", drawn


@pytest.fixture
def library(ocr_archive, tmp_path):
    """A private copy of that archive."""
    from archive.library import Library

    target = tmp_path / "archive"
    shutil.copytree(ocr_archive[0], target)
    lib = Library(target)
    yield lib
    lib.close()


@pytest.fixture
def drawn(ocr_archive):
    return ocr_archive[1]


def scan_id(lib) -> int:
    [aid] = [a for a in lib.search("").ids if lib.ocr_pages(a)]
    return aid


def open_article(qtbot, win, article_id: int) -> None:
    """Select the article in the results (as a click does) and wait for its page, if any."""
    from app.gui.results_model import ArticleIdRole

    model = win.results_model
    rows = [r for r in range(model.rowCount())
            if model.index(r).data(ArticleIdRole) == article_id]
    assert rows, "the article is not in the results"
    shown = win.reader.article
    win.results_view.setCurrentIndex(model.index(rows[0]))
    view = win.page_view
    if shown is None or shown.id != article_id:
        # the pages load on the task pool: the window is back at once, still loading
        assert view.loading and view.canvas.image is None
    qtbot.waitUntil(lambda: win.reader.article is not None
                    and win.reader.article.id == article_id and not view.loading, timeout=10000)
    if view.pages:
        qtbot.waitUntil(lambda: view.canvas.image is not None, timeout=10000)


def test_search_hits_are_boxed_where_the_phrase_was_drawn(qtbot, window, library, drawn):
    search(qtbot, window, "重卡")
    open_article(qtbot, window, scan_id(library))
    view = window.page_view
    assert view.isVisible() and window.page_action.isEnabled()
    assert view.page_label.text() == "Page 1 of 2"
    assert not view.badge.isVisible() and "%" in view.confidence_label.text()
    boxes = [h.box for h in view.hits if h.page_no == 1]
    # one box per drawn 重卡 (headline and two body lines), each over where it was drawn
    assert len(boxes) == len(drawn["重卡"]) == 3
    for where in drawn["重卡"]:
        assert max(overlap(box, where) for box in boxes) > 0.7
        assert max(overlap(where, box) for box in boxes) > 0.7
    # and nothing over a phrase that was not searched
    for other in drawn["宁德时代"] + drawn["工厂负责人"]:
        assert all(overlap(box, other) < 0.1 for box in boxes)
    # the boxes are painted on the page as it is shown
    window.page_view.canvas.repaint()
    picture = view.canvas.grab().toImage()
    edge = QColor(window.theme.colors.current_bg)
    assert view.canvas.hits and all(h.page_no == 1 for h in view.canvas.hits)
    for hit in view.canvas.hits:
        rect = view.canvas.to_widget(hit.box)
        assert picture.pixelColor(rect.center().x(), rect.top()) == edge


def test_text_and_page_point_at_each_other(qtbot, window, library, drawn):
    search(qtbot, window, "重卡")
    open_article(qtbot, window, scan_id(library))
    view, reader = window.page_view, window.reader
    page = view.page

    def line_over(where) -> int:
        return max(range(len(page.lines)), key=lambda i: overlap(page.lines[i].box, where))

    # clicking 宁德时代 in the text shows (and flashes) its line on the page
    found = reader.document().find("宁德时代")
    assert not found.isNull()
    found.clearSelection()
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, reader.cursorRect(found).center())
    target = line_over(drawn["宁德时代"][0])
    assert view.current_line == (1, target)
    assert view.canvas.flashing
    shown = view.canvas.line_rect(target)
    assert overlap(page.lines[target].box, drawn["宁德时代"][0]) > 0.9
    assert view.scroll.viewport().rect().intersects(
        shown.translated(view.canvas.pos()))

    # clicking the 工厂负责人 line on the page moves the text cursor to that line
    factory = line_over(drawn["工厂负责人"][0])
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.canvas.line_rect(factory).center())
    assert reader.textCursor().selectedText() == LINES[2]
    assert view.current_line == (1, factory)

    # by keyboard: Ctrl+Alt+P goes to the page, Up to the line above, Enter shows it in the
    # text, Esc goes back to the text
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert view.canvas.hasFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Up)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Return)
    assert reader.textCursor().selectedText() == LINES[1]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Escape)
    assert reader.hasFocus()

    # the headline line on the page goes to the headline in the text
    headline = line_over(drawn["重卡"][0])
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.canvas.line_rect(headline).center())
    assert reader.textCursor().selectedText() == HEADLINE

    # stepping to the next match in the text shows its line on the page
    window.next_match_action.trigger()
    window.next_match_action.trigger()
    assert view.current_line == (1, line_over(drawn["重卡"][1]))


def test_born_digital_article_has_no_page_view(qtbot, window, library):
    view = window.page_view
    scan = scan_id(library)
    born_digital = next(a for a in library.search("").ids if a != scan)
    open_article(qtbot, window, born_digital)
    assert view.pages == [] and not view.isVisible()
    assert not window.page_action.isEnabled()
    open_article(qtbot, window, scan)
    assert view.isVisible()
    open_article(qtbot, window, born_digital)
    assert not view.isVisible()


def test_page_view_toggle_is_remembered(qtbot, make_window, library, settings):
    win = make_window()
    win.show()
    qtbot.waitExposed(win)
    win.run_search()
    qtbot.waitUntil(lambda: win.result is not None and not win.searches.busy(), timeout=10000)
    open_article(qtbot, win, scan_id(library))
    assert win.page_action.isChecked() and win.page_view.isVisible()
    qtbot.keyClick(win.results_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert not win.page_view.isVisible() and not win.page_action.isChecked()
    win.close()
    again = make_window()
    again.show()
    qtbot.waitExposed(again)
    again.run_search()
    qtbot.waitUntil(lambda: again.result is not None and not again.searches.busy(),
                    timeout=10000)
    open_article(qtbot, again, scan_id(library))
    assert not again.page_action.isChecked() and not again.page_view.isVisible()
    assert again.page_action.isEnabled()
    again.page_action.trigger()
    assert again.page_view.isVisible()


def test_zoom_and_fit_width(qtbot, window, library):
    open_article(qtbot, window, scan_id(library))
    view = window.page_view
    fitted = view.canvas.width()
    assert 0 < fitted <= view.scroll.viewport().width()
    view.zoom_in_button.click()
    assert view.canvas.width() > fitted and not view.fit
    view.zoom_out_button.click()
    view.zoom_out_button.click()
    assert view.canvas.width() < fitted
    view.fit_button.click()
    assert view.canvas.width() == fitted and view.fit
    # a box stays on its line at any zoom
    line = view.page.lines[1]
    rect = view.canvas.line_rect(1)
    assert view.canvas._line_at(QPoint(rect.center())) == 1
    assert rect.width() == pytest.approx((line.box[2] - line.box[0]) * view.canvas.scale, abs=2)


def test_pages_and_the_needs_review_badge(qtbot, window, library):
    open_article(qtbot, window, scan_id(library))
    view = window.page_view
    assert [p.needs_review for p in view.pages] == [False, True]
    assert not view.prev_button.isEnabled() and view.next_button.isEnabled()
    first_height = view.canvas.height()
    view.next_button.click()
    qtbot.waitUntil(lambda: view.canvas.page is view.pages[1] and view.canvas.image is not None,
                    timeout=10000)
    assert view.page_label.text() == "Page 2 of 2"
    percent = round(view.pages[1].confidence * 100)
    assert view.badge.isVisible() and view.badge.text() == f"Needs review · {percent} %"
    assert view.canvas.height() != first_height  # the second page's own size
    assert view.prev_button.isEnabled() and not view.next_button.isEnabled()
    # back by keyboard (Alt+PgUp in the page view)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.canvas.page is view.pages[0], timeout=10000)
    assert not view.badge.isVisible()


def test_a_new_search_turns_to_a_page_with_hits(qtbot, window, library):
    open_article(qtbot, window, scan_id(library))
    view = window.page_view
    view.next_button.click()
    qtbot.waitUntil(lambda: view.canvas.page is view.pages[1] and view.canvas.image is not None,
                    timeout=10000)
    search(qtbot, window, "宁德时代")  # drawn on the first page only
    open_article(qtbot, window, scan_id(library))
    qtbot.waitUntil(lambda: view.canvas.page is view.pages[0] and view.canvas.image is not None,
                    timeout=10000)
    assert {h.page_no for h in view.hits} == {1} and len(view.canvas.hits) == 1


@pytest.fixture
def pdf_scan(tmp_path):
    """An archive holding a PDF that is only a picture of a page, and where its phrase was
    drawn (closed after the windows using it are gone)."""
    from PIL import Image

    from archive.library import Library

    png = tmp_path / "page.png"
    drawn = render_page(png, ["宁德时代"])
    pdf = tmp_path / "scan.pdf"
    Image.open(png).convert("RGB").save(pdf, "PDF", resolution=150)
    lib = Library(tmp_path / "pdf-archive")
    report = lib.ingest([pdf])
    assert len(report.added) == 1, report.failed
    yield lib, report.added[0], drawn["宁德时代"][0], Image.open(png).width
    lib.close()


def test_an_image_only_pdf_page_is_shown_with_its_hits(pdf_scan, qtbot, make_window):
    """The page view renders the PDF page; the hit is boxed where the phrase is on it."""
    lib, article_id, where, drawn_width = pdf_scan
    win = make_window(lib=lib)
    win.show()
    qtbot.waitExposed(win)
    search(qtbot, win, "宁德时代")
    open_article(qtbot, win, article_id)
    view = win.page_view
    assert view.isVisible() and len(view.pages) == 1
    page = view.pages[0]
    assert view.canvas.image.width() == page.width
    scale = page.width / drawn_width  # the PDF page is rendered at its own resolution
    where = tuple(round(v * scale) for v in where)
    [hit] = view.hits
    assert overlap(hit.box, where) > 0.6 and overlap(where, hit.box) > 0.6
