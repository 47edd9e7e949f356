"""The gram index on disk: incremental segments, merges, deletions, updates, leftovers."""

from __future__ import annotations

import numpy as np
from sample_index import first_line, sample_texts

from index.engine import Filters, SearchIndex
from index.gramindex import MERGE_FACTOR, GramIndex
from index.schema import IndexDocument


def _docs(n_copies: int) -> list[IndexDocument]:
    texts = list(sample_texts().values())
    docs = []
    for i in range(n_copies):
        text = texts[i % len(texts)]
        docs.append(IndexDocument(id=i + 1, title=first_line(text), body=text + f"\n编号{i}号",
                                  year=2015 + i % 10, companies=[f"公司{i % 3}"]))
    return docs


def _answers(ix: SearchIndex) -> list:
    out = []
    for q in ("汽车", "中德汽车大会", "编号7号", "槃", "year:2019"):
        page = ix.search(q, limit=100)
        out.append((q, sorted(page.all_ids.tolist()), page.facets))
    return out


def test_many_small_commits_merge_and_answer_like_one_big_commit(tmp_path):
    docs = _docs(3 * MERGE_FACTOR)
    one = SearchIndex(tmp_path / "one")
    one.add(docs)
    many = SearchIndex(tmp_path / "many")
    for doc in docs:
        many.add([doc])
    assert len(many.grams.manifest["segments"]) < len(docs)  # tiers were merged
    assert _answers(many) == _answers(one)


def test_update_replaces_and_delete_removes(tmp_path):
    ix = SearchIndex(tmp_path / "ix")
    docs = _docs(10)
    ix.add(docs)
    changed = IndexDocument(id=3, title="全新的标题", body="这是一篇改过的文章。", year=2030,
                            companies=["新公司"])
    ix.add([changed])
    assert ix.search("全新的标题").all_ids.tolist() == [3]
    assert 3 not in ix.search("编号2号", limit=100).all_ids.tolist()
    assert ix.search("", Filters(company=["新公司"])).total == 1
    ix.delete([3, 4])
    assert ix.doc_count() == 8 and 3 not in ix.ids() and 4 not in ix.ids()
    ix.optimize()
    assert len(ix.grams.manifest["segments"]) == 1 and ix.doc_count() == 8
    assert ix.search("编号3号").total == 0 and ix.search("编号4号").total == 1  # ids 4 and 5


def test_unfinished_segments_are_removed_by_the_writer_and_state_survives_reopen(tmp_path):
    ix = SearchIndex(tmp_path / "ix")
    ix.add(_docs(5))
    before = _answers(ix)
    ix.close()
    stray = tmp_path / "ix" / "grams" / "deadbeef0000"
    stray.mkdir()
    (stray / "keys.npy").write_bytes(b"half written")
    again = SearchIndex(tmp_path / "ix")
    assert stray.exists()  # a reader opening the index never removes what a writer may own
    assert _answers(again) == before
    assert again.tidy()["leftovers"] == ["deadbeef0000"]  # the writer (lock held) does
    assert not stray.exists()
    assert _answers(again) == before


def test_a_second_instance_sees_new_segments(tmp_path):
    a = GramIndex(tmp_path / "g")
    b = GramIndex(tmp_path / "g")
    assert b.doc_count() == 0
    a.add([d.segment_doc() for d in _docs(4)])
    assert b.doc_count() == 4
    b.delete({1})
    assert a.doc_count() == 3
    assert np.array_equal(np.sort(a.snapshot().aid[a.snapshot().live]), [2, 3, 4])
