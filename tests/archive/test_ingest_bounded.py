"""Ingest with book-length documents: the writer hands the index bounded pieces (by
characters, not only by count), the index builds bounded segments from them, and a book's
first and last lines are found; books of the same material are screened, not each read
again, and a true version of a book is still recognised."""

from __future__ import annotations

import random
import shutil

import numpy as np

from archive import ingest
from archive.library import Library
from index import gramindex
from index.gramindex import GramIndex, split_by_positions
from index.segments import SegmentDoc
from tests.conftest import SAMPLES

FIRST_LINE = "卷首题记：冰雪经济研究丛刊"
LAST_LINE = "卷末附记：编者于净月潭校毕"


def _paragraphs() -> list[str]:
    return [line.strip() for p in sorted(SAMPLES.glob("*.txt"))
            for line in p.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 40]


def _book(seed: int, chars: int = 300_000, first: str = FIRST_LINE, last: str = LAST_LINE) -> str:
    """A book of the sample articles' paragraphs in a seeded order, numbered sections."""
    rnd = random.Random(seed)
    paras, parts, size, n = _paragraphs(), [first], 0, 0
    while size < chars:
        n += 1
        chunk = f"第{n}节 编号{seed}-{n}\n" + "\n".join(rnd.sample(paras, 6))
        parts.append(chunk)
        size += len(chunk)
    parts.append(last)
    return "\n\n".join(parts)


def _segments(lib: Library) -> list:
    return list(lib._index._index.grams.snapshot().segments)


def test_a_book_in_a_batch_is_indexed_in_bounded_pieces_and_found_end_to_end(
        tmp_path, monkeypatch):
    """Two sample articles, a 300,000-character book, three more articles: the ingest
    hands the index what it holds once it passes FLUSH_CHARS, the index cuts that into
    segments of at most SEGMENT_POSITIONS positions (the book, longer, alone)."""
    monkeypatch.setattr(ingest, "FLUSH_CHARS", 40_000)
    monkeypatch.setattr(gramindex, "SEGMENT_POSITIONS", 50_000)
    folder = tmp_path / "in"
    folder.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for p in samples[:2]:
        shutil.copy(p, folder / p.name)
    (folder / "001_zz_book.txt").write_text(_book(1), encoding="utf-8")  # after the first two
    for p in samples[2:]:
        shutil.copy(p, folder / p.name)
    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([folder])
        assert len(report.added) == 6 and not report.failed
        segs = _segments(lib)
        # Flushed after the book (two articles and the book: two segments), then the rest.
        assert sorted(s.size for s in segs) == [1, 2, 3]
        for seg in segs:
            assert seg.size == 1 or len(seg.keys) <= 50_000
        book = next(s for s in segs if s.size == 1)
        assert len(book.keys) > 250_000  # the book's positions, in one segment of its own
        book_id = int(np.asarray(book.aid)[0])
        for line in (FIRST_LINE, LAST_LINE, "冰雪经济研究丛刊", "编者于净月潭校毕"):
            page = lib.search(f'"{line}"')
            assert [h.id for h in page.hits] == [book_id], line
        assert lib.search("编号1-3").total == 1  # a section from the middle
        assert lib.check_index()["ok"]


def test_the_gram_index_cuts_a_commit_by_positions(tmp_path, monkeypatch):
    """One add of articles with books between them: consecutive runs under the bound, a
    book alone, every document searchable, one manifest generation for the whole add."""
    monkeypatch.setattr(gramindex, "SEGMENT_POSITIONS", 30_000)
    paras = _paragraphs()
    docs = []
    for i in range(9):
        body = _book(10 + i, 60_000) if i in (2, 6) else "\n".join(paras[i * 3:i * 3 + 8])
        docs.append(SegmentDoc(aid=i + 1, title=f"文献{i}", body=body, year=2020, date=None,
                               company=[], topic=[], author=[]))
    runs = split_by_positions(docs, 30_000)
    assert [[d.aid for d in run] for run in runs] == [[1, 2], [3], [4, 5, 6], [7], [8, 9]]
    ix = GramIndex(tmp_path / "g")
    before = int(ix.manifest.get("generation", 0))
    ix.add(docs)
    assert int(ix.manifest["generation"]) == before + 1
    snap = ix.snapshot()
    assert [np.asarray(s.aid).tolist() for s in snap.segments] == [[1, 2], [3], [4, 5, 6], [7],
                                                                    [8, 9]]
    for seg in snap.segments:
        assert seg.size == 1 or len(seg.keys) <= 30_000
    assert ix.doc_count() == 9


def test_a_version_of_a_book_is_still_found_and_other_books_are_not(tmp_path):
    """Three books in one run: a book, the same book with some words in traditional script
    (another edition), and a book of the same paragraphs in another order and numbering. The second
    is a version of the first; the third is not, though its fingerprint is close."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = _book(21)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    assert text.count("发展") > 40
    (folder / "b.txt").write_text(text.replace("发展", "發展", 40), encoding="utf-8")
    (folder / "c.txt").write_text(_book(22, first="卷首题记：汽车产业研究丛刊",
                                         last="卷末附记：编者于南湖校毕"), encoding="utf-8")
    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([folder])
        assert not report.failed
        assert [v["path"].endswith("b.txt") for v in report.versions] == [True]
        first = report.added[0]
        assert report.versions[0]["version_of"] == first
        assert len(report.added) == 2
