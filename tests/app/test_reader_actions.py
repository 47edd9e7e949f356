"""What the reader offers: matches to step through, more like this, the original file,
a citation on the clipboard."""

from __future__ import annotations

import pytest
from gui_helpers import search, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def _reading(qtbot, window):
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    return window.reader.article


def test_next_and_previous_match_step_through_the_highlights(qtbot, window):
    search(qtbot, window, "汽车")
    reader = window.reader
    _reading(qtbot, window)
    total = len(reader.matches)
    assert total > 3
    assert window.reader_panel.match_label.text() == f"{total} matches"
    window.next_match_action.trigger()
    assert reader.current_match == 0
    assert window.reader_panel.match_label.text() == f"1 / {total}"
    start, end = reader.matches[0]
    assert reader.toPlainText()[start:end] == "汽车"
    assert len(reader.extraSelections()) == 1  # the current match stands out
    window.next_match_action.trigger()
    assert reader.current_match == 1
    window.prev_match_action.trigger()
    window.prev_match_action.trigger()
    assert reader.current_match == total - 1  # wraps around
    assert window.reader_panel.match_label.text() == f"{total} / {total}"


def test_match_buttons_in_the_reader_header(qtbot, window):
    search(qtbot, window, "红旗")
    _reading(qtbot, window)
    qtbot.mouseClick(window.reader_panel.next_button, Qt.MouseButton.LeftButton)
    assert window.reader.current_match == 0


def test_no_query_no_match_counter(qtbot, window):
    _reading(qtbot, window)
    assert window.reader.matches == []
    assert window.reader_panel.match_label.text() == ""


def test_more_like_this_lists_similar_articles_with_a_removable_chip(qtbot, window):
    article = _reading(qtbot, window)
    window.similar_action.trigger()
    qtbot.waitUntil(lambda: window.similar_to is not None, timeout=10000)
    model = window.results_model
    assert window.similar_to.id == article.id
    assert 1 <= model.rowCount() <= 4
    assert article.id not in model.ids
    assert "similar article" in window.count_label.text()
    chip = window.chips.chip("like", str(article.id))
    assert chip is not None and chip.text().startswith("Like: ")
    assert not window.sort_box.isEnabled()
    # rows load lazily from the Library
    assert model.row_data(0)["title"]
    # removing the chip returns to the search
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.results_model.rowCount() == 5, timeout=10000)
    assert window.similar_to is None and window.chips.chip("like", str(article.id)) is None


def test_open_original_copies_the_file_under_its_name(qtbot, window, library, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url) or True))
    article = _reading(qtbot, window)
    window.original_action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    path = opened[0].toLocalFile()
    assert path.endswith(article.source_name)
    with open(path, "rb") as copy, open(library.original_path(article.id), "rb") as kept:
        assert copy.read() == kept.read()
    folder = window._originals_dir
    window.close()
    assert not folder.exists(), "the temporary copies go when the window closes"


def test_copy_citation(qtbot, window):
    article = _reading(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.results_view, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QApplication.clipboard().text()
    assert f"{article.title}[N]" in text
    assert article.authors[0] in text and article.date in text
    assert "Copied" in window.statusBar().currentMessage()


def test_citation_format():
    from app.gui import article_actions
    from archive.document import Article

    article = Article(id=1, title="为汽车产业高质量发展“蓄势赋能”。", text="", blocks=[],
                      authors=["柳青"], date="2023-10-17")
    assert article_actions.citation_text(article) == \
        "柳青. 为汽车产业高质量发展“蓄势赋能”[N]. 2023-10-17."


def test_article_actions_are_off_without_an_article(qtbot, window):
    search(qtbot, window, "zzzqqqxxx")
    for action in (window.similar_action, window.edit_action, window.original_action,
                   window.cite_action):
        assert not action.isEnabled()
