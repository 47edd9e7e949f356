"""Keyword in context and term trends on a real archive: the sample corpus plus a few
generated articles with known dates and known terms."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from archive.kwic import kwic_text, sort_key
from archive.library import Library
from index.folding import fold

EXTRA = {  # file -> (dateline, body)
    "g1.txt": ("发布时间：2019年3月5日", "電池工廠在長春投產。新能源汽車電池產能大幅提升，電池企業擴大招聘。"),
    "g2.txt": ("发布时间：2019年11月20日", "氢能重卡在长春下线。电池与氢能并行发展。"),
    "g3.txt": ("发布时间：2020年6月1日", "长春举办汽车文化节，市民试驾新能源汽车。"),
}


@pytest.fixture(scope="module", params=["local", "postgres"])
def lib(tmp_path_factory, request) -> Library:
    """The same archive on both backends (keyword in context and trends are contract)."""
    root = tmp_path_factory.mktemp("kwic")
    src = root / "in"
    src.mkdir()
    for p in (Path(__file__).resolve().parents[2] / "resources" / "corpus").glob("*.txt"):
        (src / p.name).write_bytes(p.read_bytes())
    for name, (dateline, body) in EXTRA.items():
        title = body.split("。")[0]
        (src / name).write_text(f"{title}\n\n{dateline}\n\n{body}\n", encoding="utf-8")
    if request.param == "local":
        library = Library(root / "archive")
    else:
        from archive.opening import open_library

        library = open_library(request.getfixturevalue("pg_cluster").create_database(
            f"kwic_{id(root)}"))
    report = library.ingest([src])
    assert len(report.added) == 8, report.failed
    yield library
    library.close()


def _years(lib: Library) -> dict[int, str | None]:
    return {a.id: a.date for a in lib.get_many(lib.search("", limit=0).ids).values()}


def test_rows_are_aligned_on_each_occurrence(lib):
    stream = lib.kwic("电池", width=8)
    rows = stream.all()
    assert not stream.capped and stream.articles == len({r.id for r in rows})
    per_article = Counter(r.id for r in rows)
    for aid, n in per_article.items():
        text = fold(kwic_text(lib.get(aid)))
        assert text.count("电池") == n  # every occurrence, no more
    for r in rows:
        assert fold(r.hit) == "电池"
        assert len(r.left) <= 8 and len(r.right) <= 8
        text = kwic_text(lib.get(r.id))
        assert text[r.start:r.start + 2] == r.hit
        assert re.sub(r"\s+", " ", text[:r.start]).endswith(r.left)


def test_traditional_query_finds_simplified_text_and_the_reverse(lib):
    simplified = lib.kwic("汽車").all()  # traditional query
    assert any(r.hit == "汽车" for r in simplified)
    traditional = lib.kwic("电池").all()  # simplified query, g1 is written in traditional
    assert any(r.hit == "電池" for r in traditional)
    g1 = [r for r in traditional if r.hit == "電池"]
    assert len(g1) == 4 and len({r.id for r in g1}) == 1  # headline and three in the body


def test_sort_orders(lib):
    rows = lib.kwic("长春", width=10).all()
    assert len(rows) > 20
    by_right = sorted(rows, key=sort_key("right"))
    assert [fold(r.right) for r in by_right] == sorted(fold(r.right) for r in rows)
    by_left = sorted(rows, key=sort_key("left"))
    reversed_left = [fold(r.left)[::-1] for r in by_left]
    assert reversed_left == sorted(reversed_left)  # read leftwards from the hit
    by_date = sorted(rows, key=sort_key("date"))
    dates = [r.date for r in by_date if r.date]
    assert dates == sorted(dates) and dates[0].startswith("2019")
    assert [r.rank for r in sorted(by_left, key=sort_key("result"))] == list(range(len(rows)))


def test_first_screen_streams_and_cap_is_reported(lib):
    stream = lib.kwic("长春", width=10, cap=15)
    first = stream.more(min_rows=5, max_articles=1)
    assert stream.scanned == 1 and len(first) >= 1 and not stream.done or stream.capped
    rows = stream.all()
    assert len(rows) == 15 and stream.capped
    assert stream.to_dict()["capped"] is True and stream.to_dict()["total"] == 15
    assert lib.kwic("氢能").to_dict(lib.kwic("氢能").all())["capped"] is False


def test_filters_are_honoured(lib):
    rows = lib.kwic("长春", ["2019"]).all()
    assert rows and {r.date[:4] for r in rows} == {"2019"}
    everything = lib.kwic("长春").all()
    assert len(everything) > len(rows)


def test_trend_counts_equal_a_literal_count_per_year(lib):
    terms = ["电池", "长春", "氢能"]
    trend = lib.trend(terms)
    articles = lib.get_many(lib.search("", limit=0).ids, with_text=True)
    for term in terms:
        literal = Counter(str(a.year) for a in articles.values()
                          if term in fold(f"{a.title}\n{a.subtitle or ''}\n{a.text}") and a.year)
        assert {p: c for p, c in trend.counts[term].items() if c} == dict(literal)
    totals = Counter(str(a.year) for a in articles.values() if a.year)
    assert trend.totals == dict(totals)
    assert trend.totals["2019"] == 2 and trend.counts["氢能"]["2019"] == 1
    assert trend.share("氢能", "2019") == pytest.approx(0.5)
    data = trend.to_dict()
    assert data["series"]["电池"]["2019"] == {"articles": 2, "share": 1.0}
    assert set(data["series"]["氢能"]) == set(trend.totals)  # zero years are in the series


def test_trend_by_month_and_filters(lib):
    trend = lib.trend(["长春"], by="month")
    assert trend.counts["长春"]["2019-03"] == 1 and trend.counts["长春"]["2019-11"] == 1
    assert all(len(p) == 7 for p in trend.periods)
    only = lib.trend(["长春"], years=["2019", "2020"])
    assert set(only.periods) == {"2019", "2020"}
    assert only.share("长春", "2020") == 1.0
    with pytest.raises(ValueError):
        lib.trend(["长春"], by="week")


def test_a_long_article_is_read_in_parts_without_losing_or_repeating_a_row(tmp_path):
    # A book-length article with a thousand occurrences: the first screen must not cut
    # every one of its rows, and reading on must give each occurrence once, in order.
    from archive.kwic import PART_ROWS

    sentences = [f"第{n}章说到电池的产能，也说到别的事。" for n in range(1000)]
    book = tmp_path / "book.txt"
    book.write_text("电池产业长编\n\n" + "".join(sentences) + "\n", encoding="utf-8")
    library = Library(tmp_path / "archive")
    try:
        assert len(library.ingest([book]).added) == 1
        stream = library.kwic("电池", width=6)
        first = stream.more(min_rows=100)
        assert 100 <= len(first) <= PART_ROWS < 1000  # bounded, not the whole book
        assert not stream.done
        while not stream.done:
            stream.more(min_rows=100)
        whole = library.kwic("电池", width=6).all()
        assert [(r.id, r.start) for r in stream.rows] == [(r.id, r.start) for r in whole]
        assert len(whole) == fold(kwic_text(library.get(whole[0].id))).count("电池") == 1001
        assert [r.rank for r in stream.rows] == list(range(len(stream.rows)))
        assert all(a.start < b.start for a, b in zip(stream.rows, stream.rows[1:]))
    finally:
        library.close()
