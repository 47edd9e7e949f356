"""Queries as people type them: unspaced Chinese, whole English words, variant characters,
snippets that always show a hit and cost by the hit, more like this within the filters.

The texts are real lines of Debian's manpages-zh (tests/data/query/SOURCES.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.engine import Filters, SearchIndex
from index.folding import fold
from index.schema import IndexDocument
from index.snippets import CHUNK, LEAD, find_spans, make_snippet

DATA = Path(__file__).resolve().parents[1] / "data" / "query"
NAMES = ["variants_zh_TW", "variants_zh_CN", "tar", "target", "auth_near", "auth_far"]
ID = {name: i + 1 for i, name in enumerate(NAMES)}


def _text(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ix(tmp_path_factory) -> SearchIndex:
    index = SearchIndex(tmp_path_factory.mktemp("semantics"))
    index.add([IndexDocument(id=ID[n], title=n, body=_text(n), year=2020 + ID[n]) for n in NAMES])
    yield index
    index.close()


def _ids(ix: SearchIndex, query: str) -> set[int]:
    return set(ix.search(query, limit=20).all_ids.tolist())


# ----- unspaced Chinese ------------------------------------------------------------------
def test_unspaced_words_found_nowhere_fall_back_to_the_words_and_say_so(ix):
    assert not any("用户认证" in _text(n) for n in NAMES)
    assert ix.search('"用户认证"').total == 0  # quoted: the exact phrase only
    page = ix.search("用户认证")
    assert page.fallback == "用户 认证"
    assert set(page.all_ids.tolist()) == {ID["auth_near"], ID["auth_far"]}
    # The same words, as often, in the same length of text: the closer pair ranks first.
    assert [h.id for h in page.hits] == [ID["auth_near"], ID["auth_far"]]
    assert set(page.parsed.highlights) >= {"用户", "认证"}


def test_the_fallback_message_reaches_the_cli_and_json(library, capsys):
    from app.cli.cmd_search import _print_human

    result = library.search("汽车文化")  # 汽车 and 文化 occur, 汽车文化 does not
    assert result.total > 0 and result.fallback == "汽车 文化"
    assert result.note == "No exact match for 汽车文化; showing 汽车 文化"
    assert result.to_dict()["fallback"] == "汽车 文化"
    _print_human(result)
    assert "No exact match for 汽车文化; showing 汽车 文化" in capsys.readouterr().out


def test_no_fallback_when_the_words_occur_as_typed_or_a_word_is_one_character(ix):
    assert ix.search("处于407").fallback is None
    assert ix.search("用户认").fallback is None  # 用户 + 认: a typo is likelier than a word


# ----- English words -----------------------------------------------------------------------
def test_english_words_match_whole_words_and_prefixes_ask_for_more(ix):
    assert _ids(ix, "tar") == {ID["tar"]}  # not "target"
    assert _ids(ix, "TAR") == {ID["tar"]}
    assert _ids(ix, "tar*") == {ID["tar"], ID["target"]}
    assert _ids(ix, "targ") == set()
    assert _ids(ix, "targ*") == {ID["target"]}


def test_plural_and_singular_find_each_other(ix):
    assert _ids(ix, "archives") == {ID["tar"]}  # the text says "archive"
    assert _ids(ix, "targets") == {ID["target"]}
    assert _ids(ix, "commands") == {ID["variants_zh_TW"], ID["variants_zh_CN"]}  # "command"
    assert _ids(ix, "comman") == set()


def test_highlights_are_whole_words():
    assert find_spans("apt 与 aptitude 不同", ["apt"]) == [(0, 3)]
    assert find_spans("aptitude，apt。", ["apt"]) == [(9, 12)]
    assert find_spans("target 与 tar", ["tar*"]) == [(0, 6), (9, 12)]
    assert find_spans("三个targets", ["target", "targets"]) == [(2, 9)]
    assert find_spans("中文输入法", ["文输"]) == [(1, 3)]  # CJK: any substring


# ----- variant characters -----------------------------------------------------------------
PAIRS = [("處於", "处于"), ("然後", "然后"), ("這裡", "这里"), ("存在著", "存在着"),
         ("緊接著", "紧接着"), ("指明瞭", "指明了"), ("跟隨著", "跟随着"), ("類和麵向", "类和面向")]


@pytest.mark.parametrize(("traditional", "simplified"), PAIRS)
def test_variant_pairs_find_both_copies_both_ways(ix, traditional, simplified):
    assert traditional in _text("variants_zh_TW") and simplified in _text("variants_zh_CN")
    both = {ID["variants_zh_TW"], ID["variants_zh_CN"]}
    assert _ids(ix, traditional) == both
    assert _ids(ix, simplified) == both


@pytest.mark.parametrize(("a", "b"), [("瞭", "了"), ("著", "着"), ("裡", "里"), ("裏", "里"),
                                      ("後", "后"), ("於", "于"), ("麵", "面"), ("隨", "随")])
def test_each_variant_pair_folds_to_one_character(a, b):
    assert fold(a) == fold(b)


def test_characters_in_simplified_use_stay_apart():
    # 劃 is simplified as 划 or 画; 鍊 as 炼 or 链: the two simplified ones stay distinct.
    assert fold("划") != fold("画") and fold("炼") != fold("链")


# ----- snippets ----------------------------------------------------------------------------
def test_a_snippet_shows_its_hit_on_the_first_line():
    text = "前言。" + "这是一段很长的句子，没有要找的词，" * 8 + "直到这里才出现长春汽车。" + "后文。" * 20
    snip = make_snippet(text, [fold("長春汽車")])
    assert snip.spans and snip.spans[0][0] <= LEAD + 1
    assert "[长春汽车]" in snip.to_marked()


def test_every_result_snippet_shows_a_hit(library):
    for query in ("長春汽車", "汽开区", "中德汽车大会", "红旗", "写在2023"):
        result = library.search(query, limit=10)
        assert result.hits, query
        for hit in result.hits:
            assert hit.snippet.spans, (query, hit.id, hit.snippet.text)
            assert hit.snippet.spans[0][0] <= LEAD + 1


def test_long_document_snippet_cost_is_bounded_by_the_hit_not_the_length():
    book = ("第一章。" + "他说的话，我们记下来的东西，都在这里。" * 30 + "\n") * 1000
    assert len(book) > 500_000
    snip = make_snippet(book, ["的"])
    assert snip.spans
    assert snip.scanned <= 2 * CHUNK  # not the 500,000 characters
    # A hit near the end is still found; then the scan is what it took to get there.
    late = book + "结尾处的独有词汇。"
    snip = make_snippet(late, ["独有词汇"])
    assert "[独有词汇]" in snip.to_marked()


# ----- more like this ------------------------------------------------------------------------
def test_more_like_this_stays_within_the_filters(library):
    articles = library.get_many(library.search("", limit=10).ids).values()
    years = [a.year for a in articles]
    year = next(y for y in years if y and years.count(y) >= 2)  # another article to find
    source = next(a for a in articles if a.year == year)
    unfiltered = library.more_like_this(source.id, limit=10)
    assert {a.year for a in unfiltered} - {year}, "the test needs similar articles of other years"
    within = library.more_like_this(source.id, limit=10, years=[str(year)])
    assert within and all(a.year == year for a in within)
    assert source.id not in [a.id for a in within]
    topic = source.topics[0]
    assert all(topic in a.topics
               for a in library.more_like_this(source.id, limit=10, topics=[topic]))


def test_engine_more_like_honours_filters(ix):
    hits = ix.more_like(ID["variants_zh_CN"], _text("variants_zh_TW"), limit=5,
                        filters=Filters(year=[str(2020 + ID["variants_zh_TW"])]))
    assert [h.id for h in hits] == [ID["variants_zh_TW"]]
