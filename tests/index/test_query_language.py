"""The query language: words, phrases, AND/OR/NOT, -word, parentheses, fields, ranges, prefix."""

from __future__ import annotations

import pytest

from index.query import QueryError


def ids(engine, query: str, **kw) -> set[int]:
    return set(engine.search(query, limit=100, **kw).all_ids.tolist())


def containing(texts, *words: str) -> set[int]:
    return {aid for aid, t in texts.items() if all(w in t for w in words)}


def test_words_are_anded(engine, texts):
    assert ids(engine, "中德汽车大会 红旗") == containing(texts, "中德汽车大会", "红旗")


def test_or_and_not(engine, texts):
    assert ids(engine, "槃 OR 中德汽车大会") == containing(texts, "槃") | containing(texts, "中德汽车大会")
    assert ids(engine, "汽车 NOT 中德汽车大会") == containing(texts, "汽车") - containing(texts, "中德汽车大会")
    assert ids(engine, "汽车 -中德汽车大会") == ids(engine, "汽车 NOT 中德汽车大会")
    assert ids(engine, "-中德汽车大会") == set(texts) - containing(texts, "中德汽车大会")


def test_parentheses_group(engine, texts):
    expected = (containing(texts, "槃") | containing(texts, "NBD")) & containing(texts, "红旗")
    assert ids(engine, "(槃 OR NBD) AND 红旗") == expected


def test_phrase_with_space_needs_that_break(engine, texts):
    # "本报记者 柳青" occurs with a space; the phrase finds exactly those articles.
    assert ids(engine, '"本报记者 柳青"') == containing(texts, "本报记者 柳青")


def test_title_field(engine, texts):
    assert ids(engine, "title:蓄势赋能") == {1}
    assert 1 in ids(engine, "赋能") and ids(engine, "title:赋能") == {1}


def test_fields_company_topic_author(engine):
    assert ids(engine, "company:奥迪一汽") == {3, 4}
    assert ids(engine, "topic:新能源汽车") == {3, 4, 5}
    assert ids(engine, "author:孟凡明") == {3, 4}
    assert ids(engine, 'company:"一汽-大众"') == {1}


def test_year_values_and_ranges(engine):
    assert ids(engine, "year:2023") == {1, 3}
    assert ids(engine, "year:2021..2023") == {1, 2, 3}
    assert ids(engine, "year:2024..") == {4}
    assert ids(engine, "year:unknown") == {5}


def test_prefix_star(engine, texts):
    assert ids(engine, "汽开*") == containing(texts, "汽开")
    assert ids(engine, "NB*") == containing(texts, "NB")


@pytest.mark.parametrize("query", [
    "(汽车", "汽车)", "AND 汽车", "汽车 OR", "NOT", "colour:red", "year:twenty", "year:2024..2021",
    '"', "title:", "“”",
])
def test_malformed_queries_raise_a_clear_error(engine, query):
    with pytest.raises(QueryError) as err:
        engine.search(query)
    message = str(err.value)
    assert message and "Traceback" not in message and len(message) < 200


def test_sort_by_date_and_paging(engine):
    by_date = engine.search("汽车", sort="date", limit=100).all_ids.tolist()
    assert by_date[:4] == [4, 3, 1, 2] and by_date[-1] == 5  # unknown date last
    page1 = engine.search("汽车", sort="date", offset=0, limit=2)
    page2 = engine.search("汽车", sort="date", offset=2, limit=2)
    assert [h.id for h in page1.hits] + [h.id for h in page2.hits] == by_date[:4]
    assert page1.total == page2.total == len(by_date)


def test_empty_query_lists_everything_newest_first(engine):
    page = engine.search("", limit=100)
    assert page.total == 5 and page.all_ids.tolist()[:4] == [4, 3, 1, 2]
