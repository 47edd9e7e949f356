"""Characters of the stored title and body found in the reader's document, and back, on the
sample articles as the reader shows them."""

from __future__ import annotations

from app.gui import reader_positions
from app.gui.reader_view import ReaderView
from archive.document import Article, Block


def test_every_shown_piece_maps_both_ways(qtbot, library):
    reader = ReaderView()
    qtbot.addWidget(reader)
    for aid in library.search("").ids:
        article = library.get(aid)
        reader.show_article(article, [])
        segs = reader_positions.segments(article, reader.document())
        # every piece of stored text is found in the document (a block whose text the
        # stored body does not hold, as one sample has, has no place to map to)
        shown = [(p, places) for p, places in reader_positions.shown_pieces(article) if places]
        assert len(segs) == len(shown) > 3
        for piece, places in shown:
            field, offset = places[0]
            stored = article.title if field == "title" else article.text
            assert stored[offset:offset + len(piece)] == piece
            start, end = reader_positions.position_of(segs, field, offset, offset + len(piece))
            cursor = reader.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
            assert cursor.selectedText() == " ".join(piece.split())
            middle = offset + len(piece) // 2
            a, _ = reader_positions.position_of(segs, field, middle, middle + 1)
            assert (field, middle) in reader_positions.place_of(segs, a)


def test_folded_white_space_and_text_that_is_not_stored(qtbot):
    body = "标题\n第一段  有两个空格。\n第二段。"
    article = Article(id=1, title="标题", text=body,
                      blocks=[Block("title", "标题"), Block("paragraph", "第一段  有两个空格。"),
                              Block("paragraph", "第二段。")], companies=["一汽解放"])
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_article(article, [])
    segs = reader_positions.segments(article, reader.document())
    # the title is stored twice: as the title and as the body's first line
    assert reader_positions.place_of(segs, segs[0].doc_start) == [("title", 0), ("body", 0)]
    # after the folded spaces, offsets still point at the same character
    at = body.index("有")
    start, end = reader_positions.position_of(segs, "body", at, at + 4)
    cursor = reader.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "有两个空"
    assert reader_positions.place_of(segs, start) == [("body", at)]
    # a company chip is not stored text
    chip = reader.document().find("一汽解放")
    assert reader_positions.place_of(segs, chip.selectionStart()) == []
    assert reader_positions.position_of(segs, "body", 10_000, 10_001) is None
