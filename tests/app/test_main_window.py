"""The main window: browse without typing, search as you type, read beside the results."""

from __future__ import annotations

import pytest
from gui_helpers import click_row, search, type_text, wait_idle
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def test_empty_query_lists_the_whole_archive_newest_first(window):
    model = window.results_model
    assert model.rowCount() == 5
    dates = [model.row_data(r)["date"] or "" for r in range(5)]
    assert dates == sorted(dates, reverse=True)
    assert window.count_label.text() == "5 articles"
    # the facets count over everything; the timeline charts the years
    years = dict(window.facets.sections["year"].model.values)
    assert years == {"2025": 1, "2024": 2, "2023": 1, "2021": 1}
    assert window.timeline.counts == years
    assert window.timeline.years() == ["2021", "2022", "2023", "2024", "2025"]
    # without a query there is no relevance: the list is newest first, other orders apply
    assert window.sort_box.isEnabled()
    assert window.sort_box.currentText() == "Newest first"
    relevance = window.sort_box.model().item(window.sort_box.findData("relevance"))
    assert not relevance.isEnabled()


def test_typing_searches_after_a_pause_and_the_reader_highlights(qtbot, window):
    type_text(qtbot, window.search_box, "中德汽车大会")
    # no search per keystroke: the debounce timer is running, the old result still shown
    assert window.search_bar.debounce.isActive()
    qtbot.waitUntil(lambda: window.result.query == "中德汽车大会", timeout=10000)
    model = window.results_model
    assert 1 <= model.rowCount() < 5
    assert window.count_label.text() == f"{model.rowCount()} article" + (
        "s" if model.rowCount() > 1 else "")
    assert "<mark>中德汽车大会</mark>" in model.row_data(0)["snippet"]
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    assert window.reader.article.id == model.article_id(0)
    assert "中德汽车大会" in window.reader.toPlainText()
    assert window.theme.colors.mark_bg in window.reader.toHtml()
    assert window.reader.matches, "the matches are counted for next/previous"
    assert "match" in window.reader_panel.match_label.text()


def test_enter_searches_at_once_and_is_remembered(qtbot, window):
    window.search_box.setFocus()
    type_text(qtbot, window.search_box, "红旗")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert not window.search_bar.debounce.isActive()
    wait_idle(qtbot, window)
    assert window.result.query == "红旗"
    assert window.search_bar.recent()[0] == "红旗"
    menu = [a.text() for a in window.search_bar.recent_menu.actions()]
    assert "红旗" in menu
    # choosing a recent search runs it again
    search(qtbot, window, "")
    next(a for a in window.search_bar.recent_menu.actions() if a.text() == "红旗").trigger()
    wait_idle(qtbot, window)
    assert window.search_box.text() == "红旗" and window.result.query == "红旗"


def test_query_error_is_shown_not_raised(qtbot, window):
    window.search_box.setText("(汽车")
    window.run_search()
    qtbot.waitUntil(lambda: "Query problem" in window.count_label.text(), timeout=5000)
    assert window.count_label.property("error") is True
    search(qtbot, window, "汽车")
    assert "Query problem" not in window.count_label.text()


def test_no_match_says_so_in_the_reader(qtbot, window):
    search(qtbot, window, "zzzqqqxxx")
    assert window.results_model.rowCount() == 0
    assert window.count_label.text().startswith("0 articles")
    assert window.reader.article is None
    assert "No articles match" in window.reader.toPlainText()


def test_a_newer_query_supersedes_an_older_one(qtbot, window):
    shown = []
    window.searches.finished.connect(lambda o: shown.append(o.request.query))
    for text in ("汽", "汽车", "汽车产业", "红旗"):
        window.search_box.setText(text)
        window.run_search()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: shown and shown[-1] == "红旗", timeout=10000)
    assert window.result.query == "红旗"
    assert shown == ["红旗"], "older results are dropped, not flashed on screen"


def test_sort_by_date_with_a_query(qtbot, window):
    search(qtbot, window, "汽车")
    assert window.sort_box.isEnabled()
    assert window.sort_box.currentText() == "Relevance"
    window.sort_box.setCurrentIndex(window.sort_box.findData("date"))
    qtbot.waitUntil(lambda: not window.searches.busy() and
                    window.searches.latest.sort == "date", timeout=10000)
    wait_idle(qtbot, window)
    model = window.results_model
    dates = [model.row_data(r)["date"] or "" for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert window.settings.value("main/sort") == "date"
    # the View menu's "Sort by relevance" switches back
    window.sort_relevance_action.trigger()
    wait_idle(qtbot, window)
    assert window.searches.latest.sort == "relevance"
    assert window.sort_box.currentText() == "Relevance"


def test_clicking_a_result_shows_it_in_the_reader(qtbot, window):
    click_row(qtbot, window.results_view, 3)
    article_id = window.results_model.article_id(3)
    qtbot.waitUntil(lambda: window.reader.article is not None
                    and window.reader.article.id == article_id, timeout=5000)
    article = window.library.get(article_id)
    text = window.reader.toPlainText()
    assert article.title in text
    for company in article.companies[:3]:
        assert company in text.replace("\u2060", "")


def test_results_rows_show_headline_date_authors_and_companies(window):
    from app.gui.results_model import AuthorsRole, CompaniesRole, DateRole

    index = window.results_model.index(0)
    article = window.library.get(window.results_model.article_id(0))
    assert index.data() == article.title
    assert index.data(DateRole) == article.date
    assert index.data(AuthorsRole) == article.authors
    assert index.data(CompaniesRole) == article.companies
    # the delegate paints without errors and rows have one fixed height
    view = window.results_view
    from PySide6.QtWidgets import QHeaderView

    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    assert view.rowHeight(0) == view.rowHeight(4) > 60
    view.viewport().grab()


def test_layout_is_remembered(qtbot, make_window, settings):
    first = make_window()
    first.resize(760, 640)  # within the offscreen screen, which geometry is clamped to
    first.show()
    qtbot.waitExposed(first)
    first.splitter.setSizes([250, 200, 290])
    sizes = first.splitter.sizes()
    first.close()
    assert settings.value("main/splitter") is not None
    second = make_window()
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (760, 640)
    assert second.splitter.sizes() == sizes


def test_the_word_segmenter_loads_once_the_first_results_are_shown(qtbot, make_window,
                                                                    monkeypatch):
    """Loading the segmenter holds the interpreter (0.2-0.5 s): it is asked for after the
    first page is on screen, not while the page is made, and then it is there for the
    first query that falls back to its words."""
    from app.gui import main_window
    from index import analysis

    monkeypatch.setattr(main_window, "WORDS_AFTER_MS", 300)
    analysis._segmenter.cache_clear()
    win = make_window()
    win.show()
    win.run_search()
    qtbot.waitUntil(lambda: win.result is not None, timeout=10000)
    assert analysis._segmenter.cache_info().currsize == 0
    qtbot.waitUntil(lambda: analysis._segmenter.cache_info().currsize == 1, timeout=10000)
