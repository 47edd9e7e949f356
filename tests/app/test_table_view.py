"""The results as a sortable table: columns, header clicks sort in the Library, remembered."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.app.gui_helpers import search, wait_idle

pytestmark = __import__("pytest").mark.gui


def _click_header(qtbot, window, column: str) -> None:
    from app.gui.results_table import COLUMNS

    header = window.results_view.horizontalHeader()
    section = COLUMNS.index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(x, header.height() // 2))
    qtbot.waitUntil(lambda: not window.searches.busy(), timeout=10000)
    qtbot.waitUntil(lambda: window.result is not None
                    and window.searches.latest.sort == window.sort_choice, timeout=10000)


def _column(window, col: int) -> list[str]:
    model = window.results_model
    for r in range(model.rowCount()):
        model.row_data(r)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_table_shows_columns_and_header_clicks_sort_both_ways(qtbot, window, library):
    from archive.library import Organise

    wait_idle(qtbot, window)
    filed = window.result.ids[1]
    library.organise([filed], Organise(add_collections=["长春/汽车", "精选"]))
    window.run_search()
    wait_idle(qtbot, window)
    window.show()
    window.table_action.trigger()
    view, model = window.results_view, window.results_model
    assert window.table_action.isChecked()
    assert model.columnCount() == 7
    assert view.horizontalHeader().isVisible()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(7)]
    assert headers == ["Headline", "Date", "Authors", "Companies", "Source", "Date added",
                       "Collections"]
    sources = _column(window, 4)
    assert all(s.endswith("(txt)") or "(" in s for s in sources), sources
    assert all(len(a) == 16 for a in _column(window, 5)), "date added to the minute"
    shelves = dict(zip(model.ids, _column(window, 6), strict=True))
    assert sorted(shelves.pop(filed).split(", ")) == sorted(["长春/汽车", "精选"])
    assert set(shelves.values()) == {""}

    _click_header(qtbot, window, "title")
    assert window.sort_choice == "title"
    titles = _column(window, 0)
    assert titles == sorted(titles, key=str.casefold)
    _click_header(qtbot, window, "title")
    assert window.sort_choice == "title_desc"
    assert _column(window, 0) == titles[::-1]
    _click_header(qtbot, window, "date")
    assert window.sort_choice == "date"
    _click_header(qtbot, window, "date")
    assert window.sort_choice == "date_asc"
    dates = [d for d in _column(window, 1) if d]
    assert dates == sorted(dates)
    assert window.sort_box.currentData() == "date_asc"
    header = view.horizontalHeader()
    assert header.sortIndicatorSection() == 1
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    # a column without an order: the sort stays
    _click_header(qtbot, window, "authors")
    assert window.sort_choice == "date_asc" and header.sortIndicatorSection() == 1


def test_table_choice_and_sort_are_remembered_and_the_list_comes_back(qtbot, window,
                                                                     make_window, settings):
    wait_idle(qtbot, window)
    window.set_table_view(True)
    window.sort_box.setCurrentIndex(window.sort_box.findData("added_asc"))
    wait_idle(qtbot, window)
    ids = list(window.results_model.ids)
    assert ids == sorted(ids)
    window.save_layout()
    again = make_window(cfg=settings)
    wait_idle(qtbot, again)
    assert again.table_action.isChecked() and again.results_model.columnCount() == 7
    assert again.sort_choice == "added_asc"
    again.set_table_view(False)
    assert again.results_model.columnCount() == 1
    assert not again.results_view.horizontalHeader().isVisible()


def test_table_keeps_selection_and_reader(qtbot, window):
    search(qtbot, window, "汽车")
    window.results_view.setCurrentIndex(window.results_model.index(1, 0))
    reading = window.reader.article.id
    window.set_table_view(True)
    assert window.results_view.currentIndex().row() == 1
    assert window.reader.article.id == reading
    assert window.selected_ids() == [reading]
