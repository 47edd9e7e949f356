"""Facet semantics: counts sum, OR within a facet, AND across, drill-sideways counts."""

from __future__ import annotations

from index.engine import Filters


def test_year_counts_sum_to_total_and_unknown_is_a_value(engine):
    page = engine.search("")
    assert page.facets["year"] == {"2024": 1, "2023": 2, "2021": 1, "unknown": 1}
    assert sum(page.facets["year"].values()) == page.total == 5


def test_company_counts_are_per_article(engine):
    page = engine.search("")
    assert page.facets["company"] == {"中国一汽": 3, "一汽弗迪": 2, "奥迪一汽": 2, "一汽-大众": 1}


def test_values_within_a_facet_combine_with_or(engine):
    page = engine.search("", Filters(year=["2021", "2024"]), limit=10)
    assert set(page.all_ids.tolist()) == {2, 4}


def test_facets_combine_with_and(engine):
    page = engine.search("", Filters(year=["2023", "2024"], company=["奥迪一汽"]), limit=10)
    assert set(page.all_ids.tolist()) == {3, 4}
    page = engine.search("", Filters(year=["2023"], topic=["新能源汽车"]), limit=10)
    assert set(page.all_ids.tolist()) == {3}


def test_drill_sideways_counts_ignore_their_own_selection(engine):
    page = engine.search("", Filters(year=["2023"]))
    # The year facet still offers every year (to widen the selection) ...
    assert page.facets["year"] == {"2024": 1, "2023": 2, "2021": 1, "unknown": 1}
    # ... while the other facets count only the selected years.
    assert page.facets["company"] == {"中国一汽": 2, "一汽-大众": 1, "奥迪一汽": 1}
    page = engine.search("", Filters(year=["2023"], company=["奥迪一汽"]))
    assert page.facets["year"] == {"2024": 1, "2023": 1}
    assert page.facets["company"] == {"中国一汽": 2, "一汽-大众": 1, "奥迪一汽": 1}
    assert page.facets["topic"] == {"新能源汽车": 1}


def test_facets_follow_the_query(engine, texts):
    page = engine.search("中德汽车大会")
    assert sum(page.facets["year"].values()) == page.total
    assert page.total == sum("中德汽车大会" in t for t in texts.values())
