"""Facets, chips and the timeline: narrow the archive without typing."""

from __future__ import annotations

import pytest
from gui_helpers import facet_click, search, wait_idle
from PySide6.QtCore import QPoint, Qt, QUrl

pytestmark = pytest.mark.gui


def _years(win) -> set[str]:
    return {win.results_model.row_data(r)["date"][:4] for r in range(win.results_model.rowCount())}


def test_facets_show_each_value_with_its_count(window):
    company = window.facets.sections["company"]
    values = dict(company.model.values)
    assert values["中国一汽"] == 5
    assert values["一汽解放"] == 4
    counts = [c for _v, c in company.model.values]
    assert counts == sorted(counts, reverse=True), "most frequent companies first"
    topic = dict(window.facets.sections["topic"].model.values)
    assert topic["产业集群与政策"] == 5


def test_ticking_a_company_filters_and_shows_a_chip(qtbot, window):
    facet_click(qtbot, window, "company", "比亚迪")
    assert window.facets.selection()["company"] == ["比亚迪"]
    qtbot.waitUntil(lambda: window.searches.latest.companies == ("比亚迪",), timeout=5000)
    wait_idle(qtbot, window)
    model = window.results_model
    assert model.rowCount() == 3
    assert all("比亚迪" in model.row_data(r)["companies"] for r in range(3))
    assert window.count_label.text() == "3 articles"
    chip = window.chips.chip("company", "比亚迪")
    assert chip is not None and chip.isVisible()
    assert chip.text() == "Company: 比亚迪"
    # the facet's own counts ignore its selection, so a second company widens the list
    assert dict(window.facets.sections["company"].model.values)["一汽解放"] == 4
    facet_click(qtbot, window, "company", "恩福油封")
    qtbot.waitUntil(lambda: len(window.searches.latest.companies) == 2, timeout=5000)
    wait_idle(qtbot, window)
    assert model.rowCount() == 4  # 比亚迪 OR 恩福油封
    # different facets combine with AND
    facet_click(qtbot, window, "year", "2024")
    qtbot.waitUntil(lambda: window.searches.latest.years == ("2024",), timeout=5000)
    wait_idle(qtbot, window)
    assert _years(window) == {"2024"}
    assert len(window.chips.chips) == 3
    assert window.chips.clear_button.isVisible()


def test_removing_a_chip_unticks_the_facet(qtbot, window):
    facet_click(qtbot, window, "topic", "人才")
    qtbot.waitUntil(lambda: window.searches.latest.topics == ("人才",), timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.rowCount() == 1
    chip = window.chips.chip("topic", "人才")
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.searches.latest.topics == (), timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.rowCount() == 5
    assert window.facets.selection()["topic"] == []
    assert not window.chips.chips and not window.chips.isVisible()


def test_clear_buttons(qtbot, window):
    facet_click(qtbot, window, "year", "2024")
    facet_click(qtbot, window, "year", "2021")
    facet_click(qtbot, window, "company", "一汽解放")
    qtbot.waitUntil(lambda: len(window.searches.latest.years) == 2
                    and window.searches.latest.companies == ("一汽解放",), timeout=5000)
    wait_idle(qtbot, window)
    assert _years(window) <= {"2024", "2021"} and window.results_model.rowCount() >= 2
    year = window.facets.sections["year"]
    assert year.clear_button.isVisible()
    qtbot.mouseClick(year.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.searches.latest.years == (), timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.rowCount() == 4
    qtbot.mouseClick(window.chips.chip("company", "一汽解放").close_button,
                     Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    facet_click(qtbot, window, "topic", "民生")
    facet_click(qtbot, window, "year", "2023")
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.chips.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.facets.has_selection(), timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.rowCount() == 5


def test_the_company_filter_box_narrows_a_long_list(qtbot, window):
    section = window.facets.sections["company"]
    qtbot.keyClicks(section.filter_box, "")  # focus
    section.filter_box.setText("一汽")
    shown = [section.proxy.index(r, 0).data() for r in range(section.proxy.rowCount())]
    assert shown and all("一汽" in v for v in shown)
    assert "比亚迪" not in shown
    section.filter_box.clear()
    assert section.proxy.rowCount() == section.model.rowCount()


def test_a_selected_value_stays_listed_when_the_query_has_none(qtbot, window):
    facet_click(qtbot, window, "company", "万科")
    wait_idle(qtbot, window)
    search(qtbot, window, "芯片")
    values = dict(window.facets.sections["company"].model.values)
    assert "万科" in values  # so it can still be unticked


def test_space_toggles_the_current_facet_value(qtbot, window):
    section = window.facets.sections["topic"]
    section.view.setFocus()
    section.view.setCurrentIndex(section.proxy.index(0, 0))
    value = section.proxy.index(0, 0).data()
    qtbot.keyClick(section.view, Qt.Key.Key_Space)
    assert section.selected() == [value]


def test_a_company_link_in_the_reader_ticks_the_facet(qtbot, window):
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    window.reader.anchorClicked.emit(QUrl("company:%E6%AF%94%E4%BA%9A%E8%BF%AA"))
    assert window.facets.selection()["company"] == ["比亚迪"]
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.searches.latest.companies == ("比亚迪",), timeout=5000)


def test_clicking_a_company_chip_in_the_reader(qtbot, window):
    """Click the first company chip drawn in the reader's text."""
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    article = window.reader.article
    reader = window.reader
    doc = reader.document()
    # find the position of the first company link in the document
    target = None
    block = doc.begin()
    while block.isValid() and target is None:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref().startswith("company:"):
                target = frag.position() + 1
                break
            it += 1
        block = block.next()
    assert target is not None
    cursor = reader.textCursor()
    cursor.setPosition(target)
    point = reader.cursorRect(cursor).center() + QPoint(2, 0)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.facets.selection()["company"] == [article.companies[0]],
                    timeout=5000)


def test_timeline_click_filters_by_year(qtbot, window):
    timeline = window.timeline
    rect = timeline.bar_rect("2024")
    assert rect.isValid()
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.searches.latest.years == ("2024",), timeout=5000)
    wait_idle(qtbot, window)
    assert _years(window) == {"2024"}
    assert window.results_model.rowCount() == 2
    assert timeline.selected == {"2024"}
    assert window.facets.selection()["year"] == ["2024"]
    assert window.chips.chip("year", "2024") is not None
    # the chart keeps every year (its counts ignore the year selection)
    assert timeline.counts["2021"] == 1
    # Ctrl+click adds a year
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     timeline.bar_rect("2021").center())
    qtbot.waitUntil(lambda: set(window.searches.latest.years) == {"2021", "2024"},
                    timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.rowCount() == 3
    # clicking the only selected year again clears it
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=timeline.bar_rect("2021").center())
    qtbot.waitUntil(lambda: window.searches.latest.years == ("2021",), timeout=5000)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=timeline.bar_rect("2021").center())
    qtbot.waitUntil(lambda: window.searches.latest.years == (), timeout=5000)
    wait_idle(qtbot, window)
    assert window.results_model.rowCount() == 5


def test_timeline_shows_empty_years_and_paints(window):
    timeline = window.timeline
    assert timeline.years() == ["2021", "2022", "2023", "2024", "2025"]
    assert timeline.counts.get("2022", 0) == 0
    timeline.grab()  # paints without errors
    timeline.set_counts({"2020": 3, "unknown": 2})
    assert timeline.years() == ["2020", "unknown"]
    timeline.grab()
