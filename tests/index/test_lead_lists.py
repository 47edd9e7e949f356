"""Lead lists: a query of one character (any gram starting with it) is answered from one
document list per character instead of the lists of every pair the character starts.
Each case compares the answer with a plain scan of the texts, and with the same segments
read without their lead lists (as a segment saved before them is)."""

from __future__ import annotations

import random
from functools import partial

import numpy as np
import pytest

from index import segments
from index.gramindex import GramIndex
from index.grams import SHIFT, WORD_START, query_grams
from index.phrasecache import phrases
from tests.index.gramkit import doc, found, index_of, random_text, scanned

ALPHABET = "的汽车产业长春一了是在ab1"


def _docs(rnd: random.Random, n: int) -> list:
    """Documents each written in six characters of ``ALPHABET``, so each character is in
    some documents and not in others."""
    out = []
    for i in range(n):
        text = partial(random_text, rnd, "".join(rnd.sample(ALPHABET, 6)))
        out.append(doc(i + 1, text(rnd.randint(0, 12)), text(rnd.randint(10, 200))))
    return out


def _leads(ix: GramIndex) -> set[int]:
    return {int(c) for seg in ix.snapshot().segments for c in np.asarray(seg.lterms)}


def _queries() -> list[str]:
    return [c for c in ALPHABET if not c.isascii()] + ["a*", "b*", "1*"]


@pytest.fixture(params=[1, segments.LEAD_GAIN])
def gain(request, monkeypatch) -> int:
    """Lead lists for every character that starts two grams (1), and as shipped."""
    monkeypatch.setattr(segments, "LEAD_GAIN", request.param)
    return request.param


def _check(ix: GramIndex, docs: list) -> None:
    """Every query against a scan (latin ``x*``: words starting with x); with lead lists
    for every character (``LEAD_GAIN`` 1), each CJK query's is what answered."""
    for query in _queries():
        latin = query.endswith("*")
        want = scanned(docs, query.rstrip("*"), prefix=latin)
        got = found(ix, query.rstrip("*"), prefix=latin)
        assert got == want, query
        assert 0 < len(want) < len(docs), query  # the data can tell a wrong answer
        if not latin and segments.LEAD_GAIN == 1:
            assert query_grams(query)[0][0] >> SHIFT in _leads(ix), query


def test_one_character_queries_match_a_scan_after_builds_merges_and_deletions(tmp_path, gain):
    rnd = random.Random(21)
    docs = _docs(rnd, 120)
    ix = index_of(tmp_path, docs, 17)
    assert len(ix.snapshot().segments) > 1
    _check(ix, docs)
    ix.delete({5, 40, 41, 99})
    docs = [d for d in docs if d.aid not in (5, 40, 41, 99)]
    ix.merge(ix.manifest["segments"][:3])
    _check(ix, docs)
    ix.optimize()
    (seg,) = ix.snapshot().segments
    _check(ix, docs)
    # A lead list holds each document once, in order.
    assert _leads(ix)
    for i in range(len(seg.lterms)):
        listed = np.asarray(seg.ldocs[seg.ldoffsets[i]:seg.ldoffsets[i + 1]])
        assert np.all(np.diff(listed.astype(np.int64)) > 0)
    if gain == 1:
        assert (ord("a") << SHIFT | WORD_START) >> SHIFT in _leads(ix)


def test_a_segment_saved_without_lead_lists_answers_the_same(tmp_path, gain):
    """Segments written before lead lists existed have no such files: they are read
    from their pairs, and a merge gives the merged segment its lead lists."""
    rnd = random.Random(5)
    docs = _docs(rnd, 60)
    ix = index_of(tmp_path, docs, 20)
    before = {q: found(ix, q) for q in _queries() if not q.endswith("*")}
    ix.close()
    for seg in (tmp_path / "g").iterdir():
        for name in ("lterms", "ldoffsets", "ldocs", "ltf", "lttf"):
            if (seg / f"{name}.npy").exists():
                (seg / f"{name}.npy").unlink()
    phrases.clear()  # answers kept by segment name: these must be read again
    ix = GramIndex(tmp_path / "g")
    assert not _leads(ix)
    assert {q: found(ix, q) for q in before} == before
    ix.optimize()
    assert _leads(ix)
    assert {q: found(ix, q) for q in before} == before
    _check(ix, docs)


def test_a_lead_count_saturates_where_a_stored_count_does(tmp_path, monkeypatch):
    """A character in a long text: its summed count stops at the largest stored count
    (BM25 no longer tells such counts apart), the title's count kept."""
    monkeypatch.setattr(segments, "LEAD_GAIN", 1)
    long = "的车" * 40_000 + "的产" * 40_000
    ix = index_of(tmp_path, [doc(1, "的", long), doc(2, "车", "的一")], 2)
    assert ord("的") in _leads(ix)
    got = found(ix, "的")
    assert got[2] == (0, 1)
    assert got[1] == (1, segments.TF_MAX - 1)


def test_a_segment_missing_some_of_its_lead_files_is_broken_not_old(tmp_path):
    """All lead files gone is a segment from before them; one gone is damage, which the
    index reports (and the archive rebuilds from SQLite) instead of answering less."""
    ix = index_of(tmp_path, _docs(random.Random(3), 30), 30)
    (name,) = ix.manifest["segments"]
    ix.close()
    (tmp_path / "g" / name / "ldocs.npy").unlink()
    ix = GramIndex(tmp_path / "g")
    ix.snapshot()
    assert name in ix.broken and "ldocs" in ix.broken[name]
