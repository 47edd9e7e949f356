"""Readers and the writer of one gram index: superseded segments stay while a reader's
generation lists them, leftovers go only by the writer's hand, a broken segment is
reported and dropped instead of failing every search."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.gramindex import GramIndex
from index.schema import IndexDocument


def _docs(start: int, n: int) -> list:
    return [IndexDocument(id=i, title=f"第{i}篇报道", body=f"长春汽车产业第{i}段正文，编号{i}号。",
                          companies=["一汽"]).segment_doc() for i in range(start, start + n)]


def _dirs(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_dir() and p.name != "readers"}


def _found(ix: GramIndex, text: str) -> int:
    from index.folding import fold
    from index.grams import text_grams

    grams = [(int(g), False) for g in text_grams(fold(text)).grams]
    snap = ix.snapshot()
    docs, _, _ = snap.phrase(grams)
    return int(snap.live[docs].sum())


def test_merged_segments_stay_until_no_reader_holds_their_generation(tmp_path):
    folder = tmp_path / "g"
    writer, reader = GramIndex(folder), GramIndex(folder)
    writer.add(_docs(1, 4))
    writer.add(_docs(5, 4))
    old = set(writer.manifest["segments"])
    assert reader.doc_count() == 8  # the reader now holds this generation
    writer.merge(sorted(old))
    writer.collect_garbage()
    assert old <= _dirs(folder)  # still listed by the reader's generation
    assert _found(reader, "编号3号") == 1  # and the reader still reads them
    assert {g["name"] for g in writer.manifest["garbage"]} == old
    assert reader.doc_count() == 8  # the reader moves to the new generation
    assert writer.collect_garbage() == 2
    assert not old & _dirs(folder) and writer.manifest["garbage"] == []


@pytest.mark.slow
def test_a_killed_reader_does_not_keep_segments_forever(tmp_path):
    folder = tmp_path / "g"
    writer = GramIndex(folder)
    writer.add(_docs(1, 3))
    writer.add(_docs(4, 3))
    code = ("import sys, time; from index.gramindex import GramIndex; "
            "g = GramIndex(sys.argv[1]); print(g.doc_count(), flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert proc.stdout.readline().strip() == "6"
        old = set(writer.manifest["segments"])
        writer.optimize()
        assert old <= _dirs(folder)  # the other process holds them
        proc.kill()
        proc.wait(timeout=10)
        time.sleep(0.1)
        assert writer.collect_garbage() == 2  # its lock died with it
        assert not old & _dirs(folder)
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_leftovers_are_removed_by_the_writer_only(tmp_path):
    folder = tmp_path / "g"
    writer = GramIndex(folder)
    writer.add(_docs(1, 3))
    (folder / "abc123.part").mkdir()  # a segment being written by someone
    GramIndex(folder).doc_count()  # a reader opening the index
    assert (folder / "abc123.part").exists()
    assert writer.remove_leftovers() == ["abc123.part"]
    assert writer.doc_count() == 3


def test_a_broken_segment_is_reported_not_fatal(tmp_path):
    folder = tmp_path / "g"
    writer = GramIndex(folder)
    writer.add(_docs(1, 3))
    writer.add(_docs(4, 3))
    bad = writer.manifest["segments"][0]
    (folder / bad / "aid.npy").write_bytes(b"not an array")
    reader = GramIndex(folder)
    assert reader.doc_count() == 3 and set(reader.broken) == {bad}
    assert _found(reader, "编号5号") == 1
    assert GramIndex(folder).drop_broken() == [bad]  # the next writer to open it
    assert GramIndex(folder).broken == {} and GramIndex(folder).doc_count() == 3
