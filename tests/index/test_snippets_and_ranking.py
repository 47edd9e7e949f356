"""Snippets with highlights cut at sentence ends; relevance; more like this; did you mean."""

from __future__ import annotations

from index.snippets import make_snippet


def test_snippet_highlights_the_term_and_ends_at_a_sentence_end(engine, texts):
    page = engine.search("中德汽车大会", limit=3)
    engine.snippets(page, texts)
    for hit in page.hits:
        html = hit.snippet.to_html()
        assert "<mark>中德汽车大会</mark>" in html
        text = hit.snippet.text
        assert hit.snippet.trailing is False or text.rstrip()[-1] in "。！？!?；;" or len(text) >= 100


def test_snippet_of_traditional_query_highlights_simplified_text():
    snip = make_snippet("今天的长春汽开区。第二句。", ["长春"])
    assert snip.to_marked() == "今天的[长春]汽开区。第二句。"


def test_snippet_never_cuts_inside_a_character():
    text = "前言。" + "汽车" * 200 + "。结尾。"
    snip = make_snippet(text, ["结尾"])
    assert "[结尾]" in snip.to_marked()
    assert len(snip.text) <= 120


def test_title_hits_rank_first(engine):
    # 蓄势赋能 is in the headline of article 1 only.
    page = engine.search("赋能", limit=5)
    assert page.hits[0].id == 1


def test_more_occurrences_rank_higher(engine, texts):
    page = engine.search("汽开区", limit=5)
    counts = {aid: texts[aid].count("汽开区") for aid in texts}
    assert page.hits[0].id == max(counts, key=counts.get)


def test_more_like_this_leaves_the_article_out(engine, texts):
    hits = engine.more_like(1, texts[1], limit=4)
    assert hits and 1 not in [h.id for h in hits]


def test_no_suggestion_when_the_query_finds_something(engine):
    assert engine.search("汽开区").suggestion is None
