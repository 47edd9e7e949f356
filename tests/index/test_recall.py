"""Nothing in the text is unfindable: every substring, searched as a phrase, finds its article.

CJK is found from any character; letters and digits match as whole words, so a drawn
substring is widened to the whole Latin words at its edges.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sample_index import sample_texts

from index.folding import fold

TEXTS = sample_texts()


@pytest.fixture(scope="module", params=["local", "postgres"])
def engine(request, tmp_path_factory, texts):
    """The local engine, and the server's search over the same documents: recall is the
    contract of both."""
    from sample_index import documents

    from tests.backends import engine_for

    yield from engine_for(request, tmp_path_factory.mktemp("ix"), documents(texts), "recall")
SEARCHABLE = re.compile(r"[^\W_]")


def _latin(ch: str) -> bool:
    return ch.isalnum() and not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def whole_words(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened so it neither starts nor ends inside a Latin word."""
    while start > 0 and _latin(text[start - 1]) and _latin(text[start]):
        start -= 1
    while end < len(text) and _latin(text[end - 1]) and _latin(text[end]):
        end += 1
    return text[start:end]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(aid=st.sampled_from(sorted(TEXTS)), data=st.data())
def test_any_substring_finds_its_article(engine, aid, data):
    text = TEXTS[aid]
    length = data.draw(st.integers(2, 6))
    start = data.draw(st.integers(0, len(text) - length))
    sub = whole_words(text, start, start + length)
    assume(SEARCHABLE.search(sub))  # a string of punctuation alone has nothing to search
    page = engine.search('"' + sub.replace('"', " ") + '"', limit=10)
    assert aid in page.all_ids.tolist(), sub


def test_words_a_segmenter_splits_differently_are_found(engine, texts):
    # 中德汽车大会 segments differently inside "2023中德汽车大会"; 汽开 and 网联 are parts of words.
    for query in ("中德汽车大会", "汽开", "网联", "汽开区", "智能网联"):
        hits = set(engine.search(query, limit=10).all_ids.tolist())
        expected = {aid for aid, t in texts.items() if query in t}
        assert hits == expected, query


def test_a_multi_word_query_word_matches_as_a_phrase_not_scattered(engine, texts):
    # Both 汽车 and 文化 occur in the corpus; only articles with 汽车文化 itself match it.
    # Found nowhere as typed, the query falls back to its words, and says so.
    assert not any("汽车文化" in t for t in texts.values())
    assert engine.search('"汽车文化"', limit=10).total == 0
    page = engine.search("汽车文化", limit=10)
    assert page.fallback == "汽车 文化"
    assert set(page.all_ids.tolist()) == {
        aid for aid, t in texts.items() if "汽车" in t and "文化" in t}
    assert engine.search("汽开区", limit=10).fallback is None


def test_single_characters_are_findable(engine, texts):
    for ch in ("槃", "汽", "▲"[:0] or "旗"):
        hits = set(engine.search(ch, limit=10).all_ids.tolist())
        assert hits == {aid for aid, t in texts.items() if ch in t}, ch


def test_traditional_and_simplified_match_each_other(engine, texts):
    assert engine.search("長春汽車", limit=10).total == sum("长春汽车" in t for t in texts.values())
    assert engine.search("一汽集團", limit=10).total == sum("一汽集团" in t for t in texts.values())


def test_full_width_and_case_are_folded(engine, texts):
    n = sum("NBD" in t for t in texts.values())
    assert n > 0
    assert engine.search("ｎｂｄ", limit=10).total == n
    assert engine.search("nbd", limit=10).total == n


def test_fold_keeps_offsets():
    text = "長春ＡＢＣ⻓春"
    assert len(fold(text)) == len(text)
    assert fold(text) == "长春abc长春"
