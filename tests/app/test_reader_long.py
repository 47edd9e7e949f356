"""A book-length article opens without freezing the window; the fallback note is shown;
more like this keeps to the selection shown as chips."""

from __future__ import annotations

from gui_helpers import facet_click, search, wait_idle

from app.gui.reader_view import FIRST_PIECE, MAX_MARKS, PIECE, ReaderView
from archive.document import Article, Block

LINE = "他说的话，我们记下来的东西，都在这里。"


def _book(paragraphs: int = 8000) -> Article:
    blocks = [Block("paragraph", f"第{i}段。{LINE * 4}") for i in range(paragraphs)]
    return Article(id=1, title="一本书", text="\n".join(b.text for b in blocks), blocks=blocks)


def test_a_book_is_shown_a_piece_at_a_time_and_marked_as_it_arrives(qtbot):
    view = ReaderView()
    qtbot.addWidget(view)
    book = _book()
    assert len(book.text) > 500_000
    view.show_article(book, ["的"])
    # Only the first piece is laid out before show_article returns.
    assert view.document().characterCount() < FIRST_PIECE + PIECE
    assert view.loading and view.matches
    first = len(view.matches)
    view.next_match()  # usable at once
    assert view.current_match == 0
    qtbot.waitUntil(lambda: not view.loading, timeout=60000)
    # Capped (checked per piece): far fewer than the 64,000 的 of the book.
    assert first < len(view.matches) <= MAX_MARKS + FIRST_PIECE // 2
    assert view.document().characterCount() > len(book.text)  # the whole book is there
    assert view.current_match == 0  # stepping survived the appends


def test_a_new_article_stops_the_previous_one_loading(qtbot):
    view = ReaderView()
    qtbot.addWidget(view)
    view.show_article(_book(), ["的"])
    short = Article(id=2, title="短文", text="短文的正文。", blocks=[Block("paragraph", "短文的正文。")])
    view.show_article(short, ["正文"])
    qtbot.wait(50)
    assert not view.loading
    assert "他说的话" not in view.document().toPlainText()
    assert len(view.matches) == 1


def test_the_count_says_when_the_words_were_searched_instead(qtbot, window):
    search(qtbot, window, "汽车文化")
    assert window.result.fallback == "汽车 文化"
    assert "No exact match for 汽车文化; showing 汽车 文化" in window.count_label.text()


def test_more_like_this_keeps_to_the_ticked_year(qtbot, window):
    facet_click(qtbot, window, "year", "2024")
    qtbot.waitUntil(lambda: window.searches.latest.years == ("2024",), timeout=5000)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    article = window.reader.article
    window.similar_action.trigger()
    qtbot.waitUntil(lambda: window.similar_to is not None, timeout=10000)
    model = window.results_model
    assert model.rowCount() >= 1 and article.id not in model.ids
    assert all(model.row_data(r)["date"].startswith("2024") for r in range(model.rowCount()))
    assert window.chips.chip("year", "2024") is not None  # the chip shown is the one applied
