"""One writer and several readers on one archive, in separate processes.

An ingest of 2,000 files runs while one process searches every 0.1 s (opening the archive
each time, as the command line does) and another exports; the writer stops itself
(SIGSTOP, the NEWS_ARCHIVE_PAUSE_AT hook) at each step of publishing a segment, and at
each pause a fresh reader must answer at once. Then a reindex runs under the same readers,
paused where it empties the index. Every run must complete without a reader error, and
the archive must pass SQLite's integrity check and the index check, with every article
found by its title.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from crashkit import (
    assert_index_agrees,
    integrity_ok,
    kill_all,
    last_json,
    proc_state,
    start_cli,
    start_script,
    write_corpus,
)

from archive.library import open_library

pytestmark = pytest.mark.slow
N_FILES = 2000
READER_BUDGET = 10.0  # seconds: a reader that waits for the paused writer would exceed it

READER = r"""
import json, signal, sys, time
from pathlib import Path
from archive.library import open_library
archive, out, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
stop = []
signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
ok, errors, waits, totals, n = 0, [], [], [], 0
while not stop:
    start = time.monotonic()
    try:
        with open_library(archive) as lib:
            total = lib.search("汽车", limit=5).total
            totals.append(total)
            if mode == "export" and total:  # the articles of one year (about 140)
                n += 1
                lib.export_query("汽车", ["2020"], None, None, "json", out.with_name(f"x{n % 2}.json"))
        ok += 1
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    waits.append(time.monotonic() - start)
    time.sleep(0.1 if mode == "search" else 0.3)
out.write_text(json.dumps({"ok": ok, "errors": errors, "max_wait": max(waits, default=0),
                           "totals": totals}))
"""


def _readers(archive: Path, tmp: Path):
    return [(start_script(READER, str(archive), str(tmp / f"{mode}.json"), mode),
             tmp / f"{mode}.json") for mode in ("search", "export")]


def _stop_readers(readers) -> dict[str, dict]:
    out = {}
    for proc, path in readers:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
        out[path.stem] = json.loads(path.read_text())
    return out


def _drive(writer, archive: Path, pauses: list) -> None:
    """Resume the writer each time it stops itself, after a fresh reader has searched."""
    deadline = time.monotonic() + 240
    while writer.poll() is None and time.monotonic() < deadline:
        if proc_state(writer.pid) == "T":
            start = time.monotonic()
            with open_library(archive) as lib:
                total = lib.search("汽车", limit=5).total
                indexed = lib.stats()["indexed"]
            pauses.append({"reader_s": round(time.monotonic() - start, 3),
                           "total": total, "indexed": indexed})
            time.sleep(0.3)  # the background readers go on meanwhile
            os.kill(writer.pid, signal.SIGCONT)
        time.sleep(0.05)


def test_readers_and_a_paused_writer_share_one_archive(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", N_FILES, seed=21)
    archive = tmp_path / "archive"
    with open_library(archive):
        pass  # the archive exists before the programs start
    readers = _readers(archive, tmp_path)
    procs = [p for p, _ in readers]
    try:
        time.sleep(1.0)
        pauses: list = []
        started = time.monotonic()
        writer = start_cli(archive, "ingest", str(corpus), "--json", NEWS_ARCHIVE_PAUSE_AT=(
            "segment-written:1,segment-renamed:2,manifest-written:3,manifest-published:4"))
        procs.append(writer)
        _drive(writer, archive, pauses)
        out, err = writer.communicate(timeout=60)
        ingest_s = time.monotonic() - started
        assert writer.returncode == 0, err[-2000:]
        assert len(last_json(out)["added"]) == N_FILES
        assert len(pauses) == 4, pauses
        reindex = start_cli(archive, "reindex", NEWS_ARCHIVE_PAUSE_AT=(
            "reindex-queued:1,segment-renamed:1,manifest-published:2"))
        procs.append(reindex)
        _drive(reindex, archive, pauses)
        out, err = reindex.communicate(timeout=60)
        assert reindex.returncode == 0, err[-2000:]
        assert len(pauses) == 7, pauses
        stats = _stop_readers(readers)
    finally:
        kill_all(procs)
    print(f"\ningest {ingest_s:.1f} s; pauses {pauses}; readers "
          + json.dumps({k: {**v, "totals": len(v["totals"])} for k, v in stats.items()},
                       ensure_ascii=False))
    for name, s in stats.items():
        assert not s["errors"], (name, s["errors"][:3])
        assert s["ok"] >= 10 and s["max_wait"] < READER_BUDGET, (name, s["max_wait"])
        assert s["totals"] == sorted(s["totals"]), name  # never fewer than seen before
    assert max(p["reader_s"] for p in pauses) < READER_BUDGET
    assert stats["search"]["totals"][-1] == N_FILES
    assert integrity_ok(archive)
    with open_library(archive) as lib:
        assert assert_index_agrees(lib, texts=False, companies=False) == N_FILES
    grams = archive / "index" / "grams"
    live = json.loads((grams / "manifest.json").read_text())
    on_disk = {p.name for p in grams.iterdir() if p.is_dir() and p.name != "readers"}
    assert on_disk == set(live["segments"])  # superseded segments went once readers did
    assert live["garbage"] == []
