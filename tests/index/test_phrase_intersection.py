"""Phrase matching over positions: the grams of a phrase must stand at consecutive
positions of one field of one document. Each case here has documents that hold every gram
of the phrase without holding the phrase, so a wrong intersection (positions compared
across documents, fields or segments, a skipped gram, a table window that drops a key)
finds documents or occurrences the literal count does not."""

from __future__ import annotations

import random

import numpy as np
import pytest

from index import gramindex
from index.engine import SearchIndex
from index.folding import fold
from index.schema import IndexDocument
from index.segments import SegmentDoc
from tests.index.gramkit import counted, doc, found, index_of


def _occurrences(phrase: str, text: str) -> int:
    """Literal occurrences, overlapping ones included (哈哈哈 holds 哈哈 twice)."""
    phrase, text = fold(phrase), fold(text)
    return sum(text.startswith(phrase, i) for i in range(len(text)))


def _literal(docs: list[SegmentDoc], phrase: str) -> dict[int, tuple[int, int]]:
    """aid -> (title occurrences, body occurrences) of every document holding ``phrase``."""
    return counted(docs, lambda text: _occurrences(phrase, text))


@pytest.fixture(params=["search", "table", "small windows"])
def lookup(request, monkeypatch):
    """Each way a gram's positions are checked: binary search, one table, many windows
    (more than the 255 stamps a table holds before it is cleared)."""
    if request.param == "search":
        monkeypatch.setattr(gramindex, "SEARCH_RATIO", 0)
    else:
        monkeypatch.setattr(gramindex, "SEARCH_RATIO", 10**9)
        monkeypatch.setattr(gramindex, "SEARCH_KEYS", 0)
    if request.param == "small windows":
        monkeypatch.setattr(gramindex, "TABLE_SPAN", 7)
    return request.param


def test_grams_in_every_document_but_adjacent_in_only_a_few(tmp_path, lookup):
    """Every document holds 汽车, 车产 and 产业 (apart, or overlapping wrongly); only the
    ones given the phrase itself may match, with their exact counts."""
    rnd = random.Random(7)
    apart = ["汽车，车产，产业", "产业汽车车产", "汽车车产产业", "车产业汽车", "汽车产，业产业车产"]
    docs = []
    for i in range(60):
        parts = rnd.sample(apart, 3)
        if i % 9 == 4:
            parts.insert(rnd.randrange(4), "汽车产业" * (1 + i % 2))
        title = "汽车产业" if i % 13 == 0 else rnd.choice(apart)
        docs.append(doc(i + 1, title, "。".join(parts)))
    ix = index_of(tmp_path, docs, 16)
    want = _literal(docs, "汽车产业")
    assert 4 < len(want) < 20  # a few documents, not every one
    assert found(ix, "汽车产业") == want
    assert found(ix, "车产业汽") == _literal(docs, "车产业汽")


def test_a_phrase_never_runs_from_one_document_into_the_next(tmp_path, lookup):
    """Each body ends in 汽车 and the next document's title starts with 产业: in one
    segment their positions are neighbours but for the gap a document leaves."""
    docs = [doc(i + 1, "产业园区", f"第{i}篇讲汽车") for i in range(40)]
    docs[17] = doc(18, "产业园区", "汽车，产业都在这里，讲汽车")
    ix = index_of(tmp_path, docs, 40)
    for phrase in ("汽车，产", "汽车产", "车，产业", "汽车产业园区"):
        assert found(ix, phrase) == _literal(docs, phrase), phrase
    assert list(found(ix, "汽车，产")) == [18]


def test_title_and_body_are_apart(tmp_path, lookup):
    docs = [doc(1, "长春汽车", "产业集群"), doc(2, "长春", "汽车产业集群"),
            doc(3, "汽车产业", "汽车"), doc(4, "汽车", "产业")]
    ix = index_of(tmp_path, docs, 4)
    assert found(ix, "汽车产业") == {2: (0, 1), 3: (1, 0)}


def test_repeated_grams_count_every_overlapping_occurrence(tmp_path, lookup):
    bodies = ["哈哈哈", "哈哈哈哈", "哈哈哈哈哈", "哈哈，哈哈", "哈哈哈哈哈哈", "哈哈哈。哈哈哈哈",
              "哈 哈哈哈", "嘻哈哈哈哈嘻"]
    docs = [doc(i + 1, "标题哈哈" if i % 2 else "哈哈哈哈", b) for i, b in enumerate(bodies)]
    ix = index_of(tmp_path, docs, 3)
    for phrase in ("哈哈哈哈", "哈哈哈", "哈哈哈哈哈哈", "嘻哈哈"):
        assert found(ix, phrase) == _literal(docs, phrase), phrase
    assert found(ix, "哈哈哈哈")[5] == (1, 3)


def test_random_texts_against_the_literal_count_before_and_after_merges(tmp_path, lookup):
    """Texts over a five-character alphabet with separators: every gram is everywhere and
    phrases of two to six characters occur in some documents, some of them twice."""
    rnd = random.Random(11)
    alphabet = "汽车产业哈"

    def text(n: int) -> str:
        return "".join(rnd.choice(alphabet + "，") if rnd.random() < 0.9 else " "
                       for _ in range(n))

    docs = [doc(i + 1, text(rnd.randint(2, 12)), text(rnd.randint(20, 160)))
            for i in range(90)]
    phrases = {"".join(rnd.choice(alphabet) for _ in range(rnd.randint(2, 6)))
               for _ in range(60)}
    ix = index_of(tmp_path, docs, 11)
    for merged in (False, True):
        if merged:
            ix.delete({5, 40})
            ix.optimize()
            assert len(ix.manifest["segments"]) == 1
            docs = [d for d in docs if d.aid not in (5, 40)]
        hits = 0
        for phrase in sorted(phrases):
            want = _literal(docs, phrase)
            hits += bool(want) and len(want) < len(docs)
            assert found(ix, phrase) == want, (phrase, merged)
        assert hits > 10  # phrases in some documents and not others


def test_search_totals_equal_the_literal_count_across_segments(tmp_path):
    """Through the engine: totals of phrases whose grams are in every document."""
    rnd = random.Random(5)
    docs = []
    for i in range(120):
        words = ["长春", "汽开区", "人才", "春汽", "区人", "汽车", "产业"]
        rnd.shuffle(words)
        body = "，".join(words)
        if i % 10 == 3:
            body += "。长春汽开区人才"
        docs.append(IndexDocument(id=i + 1, title=f"第{i}篇", body=body))
    ix = SearchIndex(tmp_path / "ix")
    for start in range(0, len(docs), 25):
        ix.add(docs[start:start + 25])
    try:
        for phrase in ("长春汽开区", "长春汽开区人才", "汽开区人", "春汽开"):
            want = sorted(d.id for d in docs if phrase in d.body)
            page = ix.search(f'"{phrase}"', limit=200)
            assert page.total == len(want)
            assert sorted(page.all_ids.tolist()) == want
        assert ix.search('"长春汽开区人才"', limit=200).total == 12
    finally:
        ix.close()


def test_keys_of_a_segment_fit_its_documents(tmp_path):
    """Every key lies inside its own document's stretch of keys (position 0 to its
    length), so no key of one document can stand next to one of another."""
    rnd = random.Random(3)
    docs = [doc(i + 1, "标题" * rnd.randint(0, 3), "正文内容" * rnd.randint(0, 30))
            for i in range(30)]
    ix = index_of(tmp_path, docs, 30)
    seg = ix.snapshot().segments[0]
    keys = np.asarray(seg.keys).astype(np.int64)
    local = seg.key_docs(keys)
    pos = keys - seg.doc_starts[local]
    assert (pos >= 0).all() and (pos <= np.asarray(seg.length)[local]).all()
    assert np.all(np.diff(seg.doc_starts) >= np.asarray(seg.length)[:-1] + 2)


def test_cached_answers_are_the_fresh_ones_and_stay_within_their_bound(tmp_path, monkeypatch):
    """A second search of a phrase is answered from the cache: the same documents and
    counts, also after a merge (a new segment) and a deletion; the cache never holds more
    bytes than its bound, dropping the least recently used answers."""
    from index import phrasecache

    cache = phrasecache.PhraseCache(limit=4000)
    monkeypatch.setattr(gramindex, "phrases", cache)
    rnd = random.Random(4)
    docs = [doc(i + 1, "汽车产业" * (i % 3), "，".join(rnd.sample(
        ["汽车产业", "车产", "产业", "汽车", "哈哈哈哈", "长春汽开区"], 4))) for i in range(60)]
    ix = index_of(tmp_path, docs, 20)
    phrases = ["汽车产业", "哈哈哈", "长春汽开区", "车产业", "汽车"]
    for rounds in range(2):
        for phrase in phrases:
            assert found(ix, phrase) == _literal(docs, phrase), (phrase, rounds)
            assert cache.used <= cache.limit
    assert 0 < len(cache) < 3 * 4  # three segments, four phrases of several grams: some dropped
    ix.delete({7})
    ix.optimize()
    docs = [d for d in docs if d.aid != 7]
    for phrase in phrases:
        assert found(ix, phrase) == _literal(docs, phrase), phrase
    big = phrasecache.PhraseCache(limit=100)
    answer = big.get("k", lambda: (np.arange(50), np.arange(50)))
    assert len(big) == 0 and len(answer[0]) == 50  # larger than a quarter of the bound: not kept


def test_a_cached_empty_answer_leaves_shared_empty_arrays_writable(tmp_path):
    """A segment without the phrase answers with empty arrays; keeping them must not
    freeze a constant that other code shares."""
    from index import segments

    ix = index_of(tmp_path, [doc(1, "标题", "汽车产业"), doc(2, "标题", "长春")], 2)
    assert found(ix, "汽车产业") == {1: (0, 1)}
    assert found(ix, "长春汽开区") == {}
    assert found(ix, "长春汽开区") == {}  # from the cache
    assert gramindex._EMPTY.flags.writeable and segments._EMPTY.flags.writeable
