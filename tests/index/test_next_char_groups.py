"""Positions grouped by the character that follows (schema 8): a phrase is found from the
positions of its three-character pieces. Each case here has documents holding the pieces
of a phrase without the phrase (apart, across a separator, across the end of a title or
of a document, in another segment), so a piece taken for the phrase, or a group that
holds a wrong key, finds documents or occurrences a plain scan does not."""

from __future__ import annotations

import random
from functools import partial

import numpy as np
import pytest

from index import gramindex
from index.grams import SHIFT
from tests.index.gramkit import age_index, doc, found, index_of, random_text, scanned

_LOW = (1 << SHIFT) - 1


@pytest.fixture(params=["search", "table"])
def lookup(request, monkeypatch):
    """Both ways a piece's keys are checked: binary search and a table of keys."""
    if request.param == "search":
        monkeypatch.setattr(gramindex, "SEARCH_RATIO", 0)
    else:
        monkeypatch.setattr(gramindex, "SEARCH_RATIO", 10**9)
        monkeypatch.setattr(gramindex, "SEARCH_KEYS", 0)
    return request.param


def test_pieces_found_only_apart_make_no_phrase(tmp_path, lookup):
    """Every document holds 长春汽 and 汽开区 (and 春汽开), apart, across a separator, or
    split between title and body; only the documents given 长春汽开区 itself match."""
    rnd = random.Random(2)
    apart = ["长春汽车，汽开区", "汽开区在长春汽", "长春汽，开区", "长春，汽开区", "春汽开会",
             "长春汽 开区", "汽开区长春汽"]
    docs = []
    for i in range(80):
        parts = rnd.sample(apart, 4)
        if i % 7 == 3:
            parts.insert(rnd.randrange(5), "长春汽开区" * (1 + i % 2))
        title = "长春汽" if i % 5 else "长春汽开区"
        body = "开区" + "。".join(parts) if i % 3 == 0 else "。".join(parts)
        docs.append(doc(i + 1, title, body))
    ix = index_of(tmp_path, docs, 23)
    for query in ("长春汽开区", "春汽开区", "长春汽开", "汽开区长", "长春汽车"):
        want = scanned(docs, query)
        assert found(ix, query) == want, query
    hits = found(ix, "长春汽开区")
    assert 8 < len(hits) < 40
    assert all(b == 1 + (aid - 1) % 2 for aid, (t, b) in hits.items() if (aid - 1) % 7 == 3)


def test_a_piece_never_runs_into_the_next_document_or_field(tmp_path, lookup):
    """A title ends 长春汽, its body starts 开区; a body ends 长春汽 and the next document
    starts 开区: their keys are near each other, but no three-character piece spans them."""
    docs = [doc(1, "长春汽", "开区在此"), doc(2, "开区", "说长春汽"), doc(3, "开区新闻", "无"),
            doc(4, "题", "长春汽开区"), doc(5, "长春汽开区", "题")]
    for batch in (5, 2):
        ix = index_of(tmp_path / str(batch), docs, batch)
        assert found(ix, "长春汽开区") == {4: (0, 1), 5: (1, 0)}
        assert found(ix, "春汽开") == {4: (0, 1), 5: (1, 0)}
        assert found(ix, "汽开") == {4: (0, 1), 5: (1, 0)}


def test_latin_words_digits_and_mixed_runs(tmp_path, lookup):
    """Whole words (the pair at a word's end is followed by the end of its run), digits
    before CJK, a one-character run before a CJK word, a lone CJK character as a prefix."""
    texts = ["tar target tars", "atari tar", "2023中德汽车大会", "12023中德", "2023 中德汽车",
             "X中国人", "XY中国", "中国X", "ab中国 ab中", "abc中国", "tart", "star"]
    docs = [doc(i + 1, "标题", t) for i, t in enumerate(texts)]
    ix = index_of(tmp_path, docs, 5)
    queries = ["tar", "target", "2023中德", "2023中德汽车", "X中国", "ab中国", "ab中", "中国",
               "中国人", "star", "ta"]
    for query in queries:
        assert found(ix, query) == scanned(docs, query), query
    assert set(found(ix, "tar")) == {1, 2}
    assert set(found(ix, "2023中德")) == {3, 5}  # not 12023; a space takes no position
    assert set(found(ix, "X中国")) == {6}


def _check_groups(seg) -> None:
    """Every term's groups: next characters ascending, each group's keys ascending, all
    of them the term's keys, and each key's group the second character of the gram at the
    next key (0 where the term is a lone character or its run ends)."""
    terms, offsets = np.asarray(seg.terms), np.asarray(seg.offsets)
    keys = np.asarray(seg.keys).astype(np.int64)
    goff, gnext, gpos = (np.asarray(a).astype(np.int64) for a in (seg.goffsets, seg.gnext, seg.gpos))
    assert gpos[0] == 0 and gpos[-1] == len(keys) and goff[-1] == len(gnext)
    assert np.array_equal(gpos[goff[:-1]], offsets[:-1])
    at = np.full(int(keys.max()) + 2, -1, dtype=np.int64)
    term_of = np.repeat(np.arange(len(terms)), np.diff(offsets))
    at[keys] = terms[term_of]
    for i in range(len(terms)):
        nexts = gnext[goff[i]:goff[i + 1]]
        assert np.all(np.diff(nexts) > 0)
        for g in range(goff[i], goff[i + 1]):
            group = keys[gpos[g]:gpos[g + 1]]
            assert len(group) and np.all(np.diff(group) > 0)
            following = at[group + 1]
            want = np.where((following >= 0) & (terms[i] & _LOW != 0), following & _LOW, 0)
            assert np.all(want == gnext[g]), (hex(int(terms[i])), int(gnext[g]))
        assert np.array_equal(np.sort(keys[offsets[i]:offsets[i + 1]]), seg.postings(int(terms[i])))


def test_groups_hold_the_right_keys_after_builds_merges_and_deletions(tmp_path):
    rnd = random.Random(9)
    text = partial(random_text, rnd, "汽车产业长春ab1")
    docs = [doc(i + 1, text(rnd.randint(0, 10)), text(rnd.randint(0, 120))) for i in range(70)]
    ix = index_of(tmp_path, docs, 9)
    for seg in ix.snapshot().segments:
        _check_groups(seg)
    ix.delete({3, 10, 11, 50})
    ix.merge(ix.manifest["segments"][:4])
    ix.add([doc(200, text(30), text(90)), doc(10, "汽车产业", text(50))])
    ix.optimize()
    (seg,) = ix.snapshot().segments
    _check_groups(seg)


def test_random_mixed_texts_against_a_scan_before_and_after_merges(tmp_path, lookup):
    """CJK, letters and digits with separators: phrases of two to six characters, words,
    prefixes and mixed runs, against a plain scan of each text's grams."""
    rnd = random.Random(13)
    alphabet = "汽车产业ab1"
    text = partial(random_text, rnd, alphabet)
    docs = [doc(i + 1, text(rnd.randint(1, 12)), text(rnd.randint(20, 150))) for i in range(90)]
    queries = {"".join(rnd.choice(alphabet) for _ in range(rnd.randint(2, 6))) for _ in range(80)}
    ix = index_of(tmp_path, docs, 13)
    for merged in (False, True):
        if merged:
            ix.delete({7, 44, 60})
            ix.optimize()
            docs = [d for d in docs if d.aid not in (7, 44, 60)]
        hits = 0
        for query in sorted(queries):
            want = scanned(docs, query)
            hits += bool(want) and len(want) < len(docs)
            assert found(ix, query) == want, (query, merged)
        assert hits > 15


def test_an_index_without_groups_is_rebuilt_from_the_archive(library, archive_dir):
    """An index written by schema 7 (positions in key order, no groups) is rebuilt from
    SQLite when the archive is opened: its segments get groups and phrases are found."""
    from archive.library import open_library
    from index.schema import SCHEMA_VERSION

    before = library.search('"新能源汽车"', limit=50)
    want = sorted(h.id for h in before.hits)
    library.close()
    index = archive_dir / "index"
    age_index(index, 7, ("goffsets.npy", "gnext.npy", "gpos.npy"))
    with open_library(archive_dir) as lib:
        after = lib.search('"新能源汽车"', limit=50)
        assert sorted(h.id for h in after.hits) == want and want
        assert lib._index._index.stored_version() == SCHEMA_VERSION == 8
        grams = lib._index._index.grams
        for seg in grams.snapshot().segments:
            assert (index / "grams" / seg.name / "gnext.npy").exists()
            _check_groups(seg)
        assert lib.check_index()["ok"]
