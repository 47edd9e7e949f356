"""A stopped ingest: no process left behind, a report of what it stored, and reading on a
full or read-only disk."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crashkit import (
    ROOT,
    alive,
    assert_index_agrees,
    cli,
    descendants,
    env,
    last_json,
    start_cli,
    wait_until,
    write_corpus,
)

from archive.library import open_library

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
N_PARALLEL = 480  # above PARALLEL_MIN_FILES: the ingest starts worker processes


def _stored(archive: Path) -> int:
    try:
        with sqlite3.connect(f"file:{archive / 'archive.sqlite'}?mode=ro", uri=True,
                             timeout=1) as db:
            return db.execute("SELECT count(*) FROM ingest_log WHERE outcome = 'added'"
                              ).fetchone()[0]
    except sqlite3.Error:
        return 0


def _workers(pid: int) -> set[int]:
    assert wait_until(lambda: len(descendants(pid)) >= 2, 60), "no worker processes started"
    return descendants(pid)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("c") / "corpus", N_PARALLEL, seed=31)


@pytest.mark.slow
def test_workers_die_with_a_killed_ingest_and_the_log_says_it_was_killed(tmp_path, corpus):
    archive = tmp_path / "archive"
    proc = start_cli(archive, "ingest", str(corpus), "--json")
    workers = _workers(proc.pid)
    assert wait_until(lambda: _stored(archive) >= 10, 120)
    proc.kill()
    proc.wait(timeout=30)
    assert wait_until(lambda: not any(alive(p) for p in workers), 10), \
        [p for p in workers if alive(p)]
    with open_library(archive) as lib:
        rows = lib._store.query("SELECT outcome, error FROM ingest_log WHERE id = 1")
        assert rows[0][0] == "killed" and "killed" in rows[0][1]
        assert assert_index_agrees(lib, texts=False, companies=False) >= 10


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_ingest_with_a_report_of_what_it_stored(tmp_path, corpus, how):
    archive = tmp_path / "archive"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "ingest", str(corpus),
                             "--archive", str(archive), "--json"], cwd=ROOT, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    workers = _workers(proc.pid)
    assert wait_until(lambda: _stored(archive) >= 10, 120)
    if how == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C reaches the whole process group
    else:
        proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err[-1000:]
    report = last_json(out)
    assert how in report["stopped"] and how in err
    assert 10 <= len(report["added"]) < N_PARALLEL
    # the pool is shut down before the report; multiprocessing's resource tracker leaves
    # when its pipe closes, a moment after the process
    assert wait_until(lambda: not any(alive(p) for p in workers), 10), \
        [Path(f"/proc/{p}/cmdline").read_bytes()[:120] for p in workers if alive(p)]
    with open_library(archive) as lib:
        assert lib._store.article_count() == len(report["added"])
        assert lib.check_index()["ok"]
        row = lib._store.query("SELECT outcome, error FROM ingest_log WHERE id = 1")[0]
        assert row[0] == "cancelled" and f"{len(report['added'])} added" in row[1]


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs mounted for the test (root only), unmounted after it."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          check=False, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _reads_work(archive: Path, tmp_path: Path) -> dict:
    stats = cli(archive, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    search = cli(archive, "search", "汽车", "--json")
    assert search.returncode == 0, search.stderr
    assert json.loads(search.stdout)["total"] >= 5
    show = cli(archive, "show", "1", "--json")
    assert show.returncode == 0, show.stderr
    out = tmp_path / "out.md"
    export = cli(archive, "export", "1", "2", "--format", "md", "--out", str(out))
    assert export.returncode == 0 and out.stat().st_size > 1000, export.stderr
    return json.loads(stats.stdout)


@pytest.mark.slow
def test_a_full_disk_stops_the_ingest_with_a_report_and_reading_goes_on(tmp_path, tmpfs):
    archive = tmpfs / "archive"
    assert cli(archive, "ingest", str(ROOT / "resources" / "corpus")).returncode == 0
    more = write_corpus(tmp_path / "more", 300, seed=41)
    result = cli(archive, "ingest", str(more), "--json")
    assert result.returncode == 1
    report = last_json(result.stdout)
    assert "full" in report["stopped"] and "stopped early" in result.stderr
    assert 0 < len(report["added"]) < 300
    stats = _reads_work(archive, tmp_path)  # the disk is still full
    assert stats["articles"] == 5 + len(report["added"])
    assert cli(archive, "check").returncode == 1  # what could not be indexed is pending
    subprocess.run(["mount", "-o", "remount,size=64m", str(tmpfs)], check=True)
    with open_library(archive) as lib:  # room again: the next open finishes the index
        assert assert_index_agrees(lib) == 5 + len(report["added"])
        row = lib._store.query("SELECT outcome, error FROM ingest_log WHERE outcome = 'stopped'")
        assert len(row) == 1 and "full" in row[0][1]


@pytest.mark.slow
def test_read_only_commands_work_on_a_read_only_archive(tmp_path, tmpfs):
    archive = tmpfs / "archive"
    assert cli(archive, "ingest", str(ROOT / "resources" / "corpus")).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    time.sleep(0.1)
    assert _reads_work(archive, tmp_path)["indexed"] == 5
    assert cli(archive, "check").returncode == 0
    refused = cli(archive, "ingest", str(ROOT / "README.md"))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "Traceback" not in refused.stderr
