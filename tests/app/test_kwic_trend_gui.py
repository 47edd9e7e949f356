"""Keyword in context and term trends in the app: open from the View menu, sort, open an
article at a hit, click a point, export."""

from __future__ import annotations

import csv

import pytest
from gui_helpers import search
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from archive.kwic import kwic_text
from index.folding import fold

pytestmark = pytest.mark.gui


@pytest.fixture
def kwic(qtbot, window):
    search(qtbot, window, "长春")
    view = window.show_kwic()
    qtbot.waitExposed(view)
    return view


def _texts(view, column: int) -> list[str]:
    m = view.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def test_concordance_lists_each_hit_aligned(kwic):
    m = kwic.model
    assert m.rowCount() >= 100 or kwic.stream.done
    assert set(_texts(kwic, 1)) == {"长春"}
    assert m.data(m.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert "occurrences" in kwic.status.text()


def test_sorting_by_left_and_right_context_and_date(qtbot, kwic):
    header = kwic.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(0) + 5, 5))
    qtbot.waitUntil(lambda: not kwic.model.loading, timeout=10000)
    lefts = [fold(t)[::-1] for t in _texts(kwic, 0)]
    assert lefts == sorted(lefts) and len(lefts) == len(kwic.stream.rows)
    kwic.sort_by(2)
    rights = [fold(t) for t in _texts(kwic, 2)]
    assert rights == sorted(rights)
    kwic.sort_by(3, Qt.SortOrder.DescendingOrder)
    dates = [d for d in _texts(kwic, 3) if d]
    assert dates == sorted(dates, reverse=True)


def test_double_click_opens_the_article_at_that_hit(qtbot, window, kwic):
    kwic.sort_by(2)  # some row well inside an article
    qtbot.waitUntil(lambda: not kwic.model.loading, timeout=10000)
    rows = kwic.model.rows
    pick = max(range(len(rows)), key=lambda i: rows[i].start)  # far down its article
    row = rows[pick]
    index = kwic.model.index(pick, 1)
    kwic.table.scrollTo(index)
    qtbot.wait(50)
    rect = kwic.table.visualRect(index)
    assert kwic.table.indexAt(rect.center()) == index
    with qtbot.waitSignal(kwic.open_hit, timeout=3000):
        qtbot.mouseClick(kwic.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(kwic.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = window.reader
    assert reader.article is not None and reader.article.id == row.id
    s, e = reader.matches[reader.current_match]
    doc = reader.document().toPlainText()
    assert doc[s:e] == row.hit
    before = "".join(doc[max(0, s - 40):s].split())
    assert before.endswith("".join(row.left.split())[-6:])
    assert reader.verticalScrollBar().value() > 0  # scrolled down to it
    assert kwic_text(reader.article)[row.start:row.start + len(row.hit)] == row.hit


def test_csv_export_writes_every_row_as_shown(tmp_path, kwic):
    kwic.sort_by(0)
    out = tmp_path / "kwic.csv"
    n = kwic.export_csv(out)
    with open(out, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert n == len(rows) == len(kwic.stream.rows) and kwic.stream.done
    assert [r["left"] for r in rows] == _texts(kwic, 0)
    assert "Exported" in kwic.status.text()


def test_trend_chart_draws_and_a_click_filters(qtbot, window):
    search(qtbot, window, "芯片 汽车")
    chart_window = window.show_trends()
    qtbot.waitExposed(chart_window)
    chart = chart_window.chart
    assert chart.trend.terms == ["芯片", "汽车"]
    image = chart.grab().toImage()  # paints it
    assert len(chart.points) == 2 * len(chart.trend.periods)
    colored = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert "#1f77b4" in colored or any(c.startswith("#1f7") for c in colored)
    point = next(p[0] for p in chart.points if p[1] == "汽车" and p[2] == "2024")
    with qtbot.waitSignal(chart.point_clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert clicked.args == ["汽车", "2024"]
    qtbot.waitUntil(lambda: not window.searches.busy() and window.result is not None
                    and window.result.query == "汽车", timeout=10000)
    assert window.facets.selection()["year"] == ["2024"]
    assert window.result.total == 2


def test_trend_share_month_and_exports(qtbot, tmp_path, window):
    window.search_bar.set_text("汽车", search=False)
    chart_window = window.show_trends()
    chart_window.measure.setCurrentIndex(1)
    assert chart_window.chart.share
    chart_window.period.setCurrentIndex(1)
    assert all(len(p) == 7 for p in chart_window.chart.trend.periods)
    assert "no month, not plotted: 汽车 1" in chart_window.status.text()  # dated to a year only
    png, svg, table = tmp_path / "t.png", tmp_path / "t.svg", tmp_path / "t.csv"
    assert chart_window.export(png, "png") and not QImage(str(png)).isNull()
    assert chart_window.export(svg, "svg") and "<svg" in svg.read_text()
    assert chart_window.export(table, "csv")
    with open(table, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["term", "period", "articles", "total", "share"]
    assert {r[1] for r in rows[1:]} == set(chart_window.chart.trend.periods)


def test_rows_stream_on_scroll_and_the_cap_is_said(qtbot, window):
    from app.gui.kwic_view import KwicView

    stream = window.library.kwic("汽车")
    view = KwicView(stream, window.runner)
    qtbot.addWidget(view)
    first = view.model.rowCount()
    assert first > 0 and stream.scanned < stream.articles and not stream.done
    assert "scroll for more" in view.status.text()
    while view.model.canFetchMore(view.model.index(-1, -1)):
        view.model.fetchMore(view.model.index(-1, -1))
    assert view.model.rowCount() > first and stream.done and not stream.capped
    assert window.library.kwic("汽车").all() == view.model.rows  # same rows, same order
    capped = KwicView(window.library.kwic("汽车", cap=50), window.runner)
    qtbot.addWidget(capped)
    assert capped.model.rowCount() == 50 and "stopped at 50" in capped.status.text()
