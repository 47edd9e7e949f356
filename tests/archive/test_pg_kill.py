"""A client killed (SIGKILL) in the middle of an ingest into a server archive leaves it
consistent: every stored article has its source, its original (checked) and its search
entry; the next writer marks the run killed; running the ingest again adds the rest, and
every article is found by its own line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "perf"))
N = 240  # enough that the ingest outlasts its first commit (a second of files)


def _count(url: str, sql: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            row = conn.execute(sql).fetchone()
            return int(row[0]) if row else 0
    except psycopg.Error:
        return 0


def _ingest(corpus: Path, url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "ingest", str(corpus),
                             "--archive", url, "--json"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, text=True)


@pytest.mark.slow
def test_a_sigkilled_ingest_leaves_the_server_archive_consistent(tmp_path, pg_cluster):
    from corpus import unique_line, write_corpus

    from archive.opening import open_library

    corpus = write_corpus(tmp_path / "corpus", N)
    names = sorted(p.name for p in corpus.glob("*.txt"))
    url = pg_cluster.create_database("kill_ingest")
    proc = _ingest(corpus, url)
    deadline = time.monotonic() + 180
    while (_count(url, "SELECT count(*) FROM articles") < N // 4
           and time.monotonic() < deadline and proc.poll() is None):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    stored = _count(url, "SELECT count(*) FROM articles")
    assert 0 < stored < N, "the ingest was not interrupted mid-way"

    # What the killed client committed is whole: each article with its source and original.
    assert _count(url, "SELECT count(*) FROM articles a LEFT JOIN sources s"
                       " ON s.id = a.source_id WHERE s.id IS NULL") == 0
    assert _count(url, "SELECT count(*) FROM sources s LEFT JOIN originals o"
                       " ON o.sha256 = s.sha256 WHERE o.sha256 IS NULL") == 0
    assert _count(url, "SELECT count(*) FROM originals"
                       " WHERE encode(sha256(data), 'hex') <> sha256") == 0

    with open_library(url) as lib:  # the next program finishes what was left
        assert lib.check_index()["ok"], lib.check_index()["problems"]
        assert lib.last_recovery["killed_ingests"] == 1
    rerun = _ingest(corpus, url)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    report = json.loads(out)
    assert report["failed"] == []
    assert len(report["added"]) + len(report["duplicates"]) + len(report["versions"]) == N

    with open_library(url) as lib:
        stats = lib.stats()
        assert stats["articles"] + stats["versions"] == stats["indexed"] == N
        assert lib.check_index()["ok"]
        for i, name in enumerate(names):
            result = lib.search(f'"{unique_line(i)}"')
            assert result.total == 1, (name, result.total)
            group = lib.versions(result.hits[0].id)  # a look-alike may be stored as a version
            assert name in {a.source_name for a in group}, name
