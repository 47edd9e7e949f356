"""The postings layout: document lists kept apart from positions, merges that work a slice
of terms at a time, the merge policy, facet counting, and the upgrade of an older index."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sample_index import sample_texts

from index import gramindex, segments
from index.cjk import is_gram_char as is_cjk
from index.engine import SearchIndex
from index.facets import build_table
from index.gramindex import GramIndex
from index.schema import SCHEMA_VERSION
from index.segments import SegmentDoc, build_segment
from tests.index.gramkit import age_index

LAYOUT = ("terms", "offsets", "keys", "doffsets", "docs", "tf", "ttf", "aid", "title_len",
          "length", "year", "date_key")


def _docs(n: int, seed: int = 3) -> list[SegmentDoc]:
    """Documents cut from the sample articles: titles and bodies differ from one to the
    next, so grams occur in some documents and not others, in titles and bodies."""
    rnd = random.Random(seed)
    lines = [line.strip() for t in sample_texts().values() for line in t.splitlines()
             if line.strip()]
    out = []
    for i in range(n):
        title = rnd.choice(lines)[: rnd.randint(4, 30)]
        body = "\n".join(rnd.sample(lines, rnd.randint(1, 6))) + f"\n编号{i}号"
        out.append(SegmentDoc(aid=i + 1, title=title, body=body, year=2000 + i % 7, date=None,
                              company=[f"公司{i % 5}"] * (i % 3 > 0), topic=[], author=[]))
    return out


def test_document_lists_agree_with_the_positions():
    seg = build_segment(_docs(40))
    terms = np.asarray(seg.terms)
    for i in random.Random(1).sample(range(len(terms)), 300):
        keys = np.asarray(seg.keys[seg.offsets[i]:seg.offsets[i + 1]])
        local = seg.key_docs(keys)
        pos = keys - seg.doc_starts[local]
        want_docs = sorted(set(local.tolist()))
        a, b = seg.doffsets[i], seg.doffsets[i + 1]
        assert np.asarray(seg.docs[a:b]).tolist() == want_docs
        assert np.asarray(seg.tf[a:b]).tolist() == [int((local == d).sum()) for d in want_docs]
        in_title = pos < seg.title_len[local]
        assert np.asarray(seg.ttf[a:b]).tolist() == [int(((local == d) & in_title).sum())
                                                     for d in want_docs]


def test_a_merge_in_slices_lays_out_the_segment_a_fresh_build_would(tmp_path, monkeypatch):
    monkeypatch.setattr(segments, "MERGE_CHUNK", 500)  # many slices even for small segments
    docs = _docs(60)
    ix = GramIndex(tmp_path / "g")
    for start in range(0, len(docs), 7):
        ix.add(docs[start:start + 7])
    ix.delete({5, 17, 18, 44})
    changed = SegmentDoc(aid=9, title="全新的标题", body="改过的正文", year=2030, date="2030-01-02",
                         company=["新公司"], topic=[], author=[])
    ix.add([changed])
    ix.optimize()
    assert len(ix.manifest["segments"]) == 1
    merged = ix.snapshot().segments[0]
    by_aid = {d.aid: d for d in docs} | {9: changed}
    fresh = build_segment([by_aid[a] for a in np.asarray(merged.aid).tolist()])
    assert sorted(np.asarray(merged.aid).tolist()) == sorted(set(by_aid) - {5, 17, 18, 44})
    for attr in LAYOUT:
        assert np.array_equal(np.asarray(getattr(merged, attr)), getattr(fresh, attr)), attr
    for facet in segments.MULTI_FACETS:
        got, want = merged.facets[facet], fresh.facets[facet]
        assert [got.names[v] for v in got.vals] == [want.names[v] for v in want.vals]
        assert np.array_equal(got.docs, want.docs)


def test_phrase_and_single_gram_answers_match_a_literal_count(tmp_path):
    docs = _docs(80, seed=5)
    ix = SearchIndex(tmp_path / "ix")
    from index.schema import IndexDocument

    ix.add([IndexDocument(id=d.aid, title=d.title, body=d.body, year=d.year) for d in docs])
    rnd = random.Random(2)
    probes = set()
    for d in rnd.sample(docs, 20):
        for text in (d.title, d.body):
            at = rnd.randrange(max(len(text) - 5, 1))
            probes.update({text[at:at + 2], text[at:at + 4]})
    probes = {p for p in probes if p and all(is_cjk(ch) for ch in p)}  # Latin: whole words
    assert len(probes) > 20
    for probe in probes:
        for field, where in (("title", lambda d: d.title), ("body", lambda d: d.body),
                             (None, lambda d: d.title + "\n" + d.body)):
            query = f'{field}:"{probe}"' if field else f'"{probe}"'
            want = sorted(d.aid for d in docs if probe.lower() in where(d).lower())
            got = sorted(ix.search(query, limit=1000).all_ids.tolist())
            assert got == want, query


def test_merges_are_no_longer_capped_at_8000_documents(tmp_path):
    """Eight commits of 1,100 documents become one segment of 8,800 (the old cap of 8,000
    left them apart, so a large archive piled up dozens of segments)."""
    ix = GramIndex(tmp_path / "g")
    n = 1100
    for c in range(gramindex.MERGE_FACTOR):
        ix.add([SegmentDoc(aid=c * n + i + 1, title=f"标题{c}", body=f"正文第{c * n + i}段",
                           year=None, date=None, company=[], topic=[], author=[])
                for i in range(n)])
    assert len(ix.manifest["segments"]) == 1
    snap = ix.snapshot()
    assert snap.size == 8 * n
    docs, _, body = snap.phrase(_grams("正文第4321段"))
    assert snap.aid[docs].tolist() == [4322] and body.tolist() == [1]


def _grams(text: str):
    from index.grams import query_grams

    return query_grams(text)


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.3, 0.7, 0.99, 1.0])
def test_facet_counts_equal_a_count_of_the_matching_documents(tmp_path, fraction):
    ix = GramIndex(tmp_path / "g")
    docs = _docs(120, seed=8)
    ix.add(docs[:50])
    ix.add(docs[50:])
    ix.delete({3, 70})
    snap = ix.snapshot()
    table = build_table(snap)
    rnd = np.random.default_rng(int(fraction * 100))
    mask = (rnd.random(snap.size) < fraction) & snap.live
    by_aid = {d.aid: d for d in docs}
    matched = [by_aid[a] for a in snap.aid[mask].tolist()]
    want_company: dict[str, int] = {}
    for d in matched:
        for c in d.company:
            want_company[c] = want_company.get(c, 0) + 1
    assert table.counts("company", mask) == dict(
        sorted(want_company.items(), key=lambda p: (-p[1], p[0])))
    want_year: dict[str, int] = {}
    for d in matched:
        want_year[str(d.year)] = want_year.get(str(d.year), 0) + 1
    assert table.counts("year", mask) == dict(sorted(want_year.items(), reverse=True))


def test_an_index_of_the_older_layout_is_rebuilt_from_the_archive(library, archive_dir):
    """An index written before document lists existed (schema 5: positions only) is
    rebuilt from SQLite when the archive is opened, and answers as before."""
    from archive.library import open_library

    before = library.search("新能源汽车", limit=50)
    want = sorted(h.id for h in before.hits)
    library.close()
    index = archive_dir / "index"
    age_index(index, 5, ("doffsets.npy", "docs.npy", "tf.npy", "ttf.npy"))
    with open_library(archive_dir) as lib:
        after = lib.search("新能源汽车", limit=50)
        assert sorted(h.id for h in after.hits) == want and want
        assert lib._index._index.stored_version() == SCHEMA_VERSION
        for name in lib._index._index.grams.manifest["segments"]:
            assert (index / "grams" / name / "docs.npy").exists()
        assert lib.check_index()["ok"]



def test_counts_saturate_instead_of_wrapping_around():
    """A gram 70,000 times in one document (a book) keeps the largest count 16 bits hold,
    not 70,000 modulo 65,536, which would rank the book as if it hardly held the gram."""
    book = SegmentDoc(aid=1, title="汽车" * 300, body="汽车" * 70_000, year=None, date=None,
                      company=[], topic=[], author=[])
    seg = build_segment([book])
    i = int(np.searchsorted(seg.terms, _grams("汽车")[0][0]))
    assert int(seg.tf[seg.doffsets[i]]) == segments.TF_MAX
    assert int(seg.ttf[seg.doffsets[i]]) == segments.TTF_MAX


def test_a_full_size_class_merges_as_many_as_fit_under_the_cap(tmp_path, monkeypatch):
    """Eight segments of 12 documents, a cap of 30: the two smallest merge (24), rather
    than nothing merging because all eight (96) would pass the cap."""
    monkeypatch.setattr(gramindex, "MAX_MERGED_DOCS", 30)
    ix = GramIndex(tmp_path / "g")
    docs = _docs(8 * 12, seed=4)
    for c in range(gramindex.MERGE_FACTOR):
        ix.add(docs[c * 12:(c + 1) * 12])
    sizes = sorted(ix.snapshot().segments, key=lambda s: s.size)
    assert [s.size for s in sizes] == [12] * 6 + [24]
    assert ix.doc_count() == 96


def test_a_merge_whose_slices_hold_one_term_each(tmp_path, monkeypatch):
    """With slices smaller than one term's list, each term is written straight through."""
    monkeypatch.setattr(segments, "MERGE_CHUNK", 1)
    docs = _docs(30, seed=6)
    ix = GramIndex(tmp_path / "g")
    for start in range(0, len(docs), 10):
        ix.add(docs[start:start + 10])
    ix.delete({4, 25})
    ix.optimize()
    merged = ix.snapshot().segments[0]
    by_aid = {d.aid: d for d in docs}
    fresh = build_segment([by_aid[a] for a in np.asarray(merged.aid).tolist()])
    for attr in LAYOUT:
        assert np.array_equal(np.asarray(getattr(merged, attr)), getattr(fresh, attr)), attr
