"""The lazy results model and the newest-wins search controller, without a window."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


class CountingLibrary:
    """A Library wrapper that counts the row loads the model asks for."""

    def __init__(self, library):
        self.library = library
        self.loads: list[list[int]] = []

    def get_many(self, ids, with_text=False):
        self.loads.append(list(ids))
        return self.library.get_many(ids, with_text)

    def snippets(self, ids, highlights):
        return self.library.snippets(ids, highlights)

    def groups(self):
        return self.library.groups()


def test_rows_of_the_first_page_come_with_the_search(library):
    from app.gui.results_model import ResultsModel

    counting = CountingLibrary(library)
    model = ResultsModel(counting)
    result = library.search("汽车", limit=2)
    model.set_result(result)
    assert model.rowCount() == result.total == len(result.ids)
    assert model.is_loaded(0) and model.is_loaded(1)
    assert not model.is_loaded(2)
    assert model.row_data(0)["title"] == result.hits[0].title
    assert counting.loads == []  # no trip to the Library for the first page
    row = model.row_data(3)  # loads its chunk once
    assert row["title"] == library.get(result.ids[3]).title
    assert "<mark>汽车</mark>" in row["snippet"]
    assert len(counting.loads) == 1
    model.row_data(4)
    assert len(counting.loads) == 1  # the chunk already had it


def test_a_hundred_thousand_ids_cost_nothing_until_shown(library):
    from app.gui.results_model import ResultsModel
    from archive.library import SearchResult

    counting = CountingLibrary(library)
    model = ResultsModel(counting)
    ids = list(range(1, 100_001))
    model.set_result(SearchResult("", len(ids), [], {}, lambda: ids))
    assert model.rowCount() == 100_000
    assert counting.loads == []
    model.row_data(99_999)  # a row of an unknown id: a blank row, asked for once
    model.row_data(99_998)
    assert len(counting.loads) == 1 and len(counting.loads[0]) == 50


def test_refresh_after_an_edit_reloads_the_row(library, qtbot):
    from app.gui.results_model import ResultsModel
    from archive.library import Edit

    model = ResultsModel(library)
    model.set_result(library.search(""))
    aid = model.article_id(0)
    library.edit(aid, Edit(title="新标题"))
    assert model.row_data(0)["title"] != "新标题"  # cached
    with qtbot.waitSignal(model.dataChanged):
        model.refresh(aid)
    assert model.row_data(0)["title"] == "新标题"
    assert model.row_data(0)["edited"]


def test_search_controller_runs_one_at_a_time_and_keeps_the_newest(qtbot, library):
    from app.gui.search_controller import SearchController, SearchRequest
    from app.gui.tasks import TaskRunner

    runner = TaskRunner()
    controller = SearchController(library, runner)
    shown = []
    controller.finished.connect(lambda o: shown.append(o.request.query))
    for q in ("一", "一汽", "一汽解", "一汽解放"):
        controller.request(SearchRequest(q))
    assert controller.busy()
    qtbot.waitUntil(lambda: not controller.busy(), timeout=10000)
    runner.wait()
    assert shown == ["一汽解放"]


def test_an_empty_query_is_sorted_by_date():
    from app.gui.search_controller import SearchRequest

    assert SearchRequest("", sort="relevance").effective_sort == "date"
    assert SearchRequest("汽车", sort="relevance").effective_sort == "relevance"


def test_rows_load_in_the_background_with_a_runner(qtbot, library):
    from PySide6.QtCore import Qt

    from app.gui.results_model import LoadedRole, ResultsModel
    from app.gui.tasks import TaskRunner

    runner = TaskRunner()
    model = ResultsModel(library, runner=runner)
    result = library.search("", limit=1)
    model.set_result(result)
    index = model.index(3)
    with qtbot.waitSignal(model.dataChanged, timeout=10000):
        assert index.data(LoadedRole) is False  # asks for its chunk, answers at once
        assert index.data(Qt.ItemDataRole.DisplayRole) == ""
    assert index.data(LoadedRole) is True
    assert index.data() == library.get(result.ids[3]).title
    runner.wait()


def test_a_late_chunk_of_an_old_result_is_dropped(qtbot, library):
    from app.gui.results_model import LoadedRole, ResultsModel
    from app.gui.tasks import TaskRunner

    runner = TaskRunner()
    model = ResultsModel(library, runner=runner)
    model.set_result(library.search("", limit=1))
    model.index(2).data(LoadedRole)  # starts a fetch for the old list
    model.set_result(library.search("红旗", limit=1))
    runner.wait()
    qtbot.wait(50)  # let the finished fetch deliver (and be dropped)
    assert not model.is_loaded(min(2, model.rowCount() - 1)) or model.rowCount() <= 1
