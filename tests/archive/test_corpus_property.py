"""Over the generated corpus (articles sharing paragraphs), with an ingest killed mid-way and
run again: every article is stored and found, none is hidden as a version of another."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "perf"))
N = 300


def _logged(archive: Path) -> int:
    try:
        with sqlite3.connect(archive / "archive.sqlite", timeout=1) as db:
            return db.execute("SELECT count(*) FROM ingest_log").fetchone()[0]
    except sqlite3.Error:
        return 0


def _ingest(corpus: Path, archive: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "ingest", str(corpus),
                             "--archive", str(archive), "--json"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True, text=True)


@pytest.mark.slow
def test_every_generated_article_is_found_by_its_own_line_after_a_kill_and_rerun(tmp_path):
    from corpus import SHARE_EVERY, generate, unique_line, write_corpus

    from archive.fingerprint import NEAR_DUPLICATE_BITS, fingerprint, hamming
    from archive.library import Library

    texts = dict(generate(N))
    corpus = write_corpus(tmp_path / "corpus", N)
    # The corpus does hold look-alikes: follow-ups within the fingerprint's reach.
    names = sorted(texts)
    lookalikes = sum(
        hamming(fingerprint(texts[names[i]]), fingerprint(texts[names[i - 1]]))
        <= NEAR_DUPLICATE_BITS for i in range(SHARE_EVERY - 1, N, SHARE_EVERY))
    assert lookalikes >= 10

    archive = tmp_path / "archive"
    proc = _ingest(corpus, archive)
    deadline = time.monotonic() + 120
    while _logged(archive) < N // 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert 0 < _logged(archive) < N, "the ingest was not interrupted mid-way"

    rerun = _ingest(corpus, archive)
    out, _ = rerun.communicate(timeout=300)
    report = json.loads(out)
    assert report["failed"] == [] and report["versions"] == []
    assert len(report["added"]) + len(report["duplicates"]) == N

    with Library(archive) as lib:
        stats = lib.stats()
        assert stats["articles"] == stats["indexed"] == N and stats["versions"] == 0
        for i, name in enumerate(names):
            result = lib.search(f'"{unique_line(i)}"')
            assert result.total == 1, (name, result.total)
            assert lib.get(result.hits[0].id).source_name == name
        for word in ("新能源", "长春", "红旗", "零部件"):
            literal = sum(word in text for text in texts.values())
            assert lib.search(word).total == literal, word
