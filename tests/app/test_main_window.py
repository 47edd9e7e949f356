"""The first window: type a query, see results, read the article beside them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, library):
    from app.gui.main_window import MainWindow

    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.wait()


def _wait_for_result(qtbot, win, query: str):
    win.search_box.setText(query)
    with qtbot.waitSignal(win.results_model.modelReset, timeout=10000):
        win.run_search()
    qtbot.waitUntil(lambda: win.result is not None and win.result.query == query, timeout=10000)


def test_empty_query_lists_the_whole_archive_newest_first(qtbot, window):
    _wait_for_result(qtbot, window, "")
    assert window.results_model.rowCount() == 5
    dates = [window.results_model.row_data(r)["date"] or "" for r in range(5)]
    assert dates == sorted(dates, reverse=True)
    assert "5" in window.count_label.text()


def test_typing_a_query_shows_hits_and_the_reader_highlights_them(qtbot, window):
    _wait_for_result(qtbot, window, "中德汽车大会")
    model = window.results_model
    assert 1 <= model.rowCount() < 5
    assert "中德汽车大会" in model.row_data(0)["snippet"]
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    html = window.reader.toHtml()
    assert "中德汽车大会" in window.reader.toPlainText()
    assert "#ffe066" in html


def test_query_error_is_shown_not_raised(qtbot, window):
    window.search_box.setText("(汽车")
    window.run_search()
    qtbot.waitUntil(lambda: "(" in window.count_label.text() or "parenthesis" in
                    window.count_label.text().lower(), timeout=5000)
