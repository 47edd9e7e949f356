"""Ingest never loses anything: bad files are reported and skipped, kills are survivable."""

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
FORMATS = ROOT / "tests" / "data" / "formats"
sys.path.insert(0, str(ROOT / "tests" / "perf"))


def cli(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                          check=False, capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.mark.slow
def test_bad_files_fail_one_line_each_and_good_files_are_kept(tmp_path, sample_dir):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_bytes(b"")
    (batch / "noise.txt").write_bytes(os.urandom(4096))
    (batch / "fake.docx").write_bytes(b"this is not a zip file at all")
    (batch / "半截 文件 📰.pdf").write_bytes((FORMATS / "000_b23c919e069612c2.pdf").read_bytes()[:5000])
    good = sorted(sample_dir.glob("*.txt"))[:2]
    for g in good:
        (batch / f"好 文件 📰 {g.name}").write_bytes(g.read_bytes())
    run = cli("ingest", str(batch), "--json", archive=tmp_path / "a")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert len(report["added"]) == 2
    failed = {Path(f["path"]).name for f in report["failed"]}
    assert failed == {"empty.txt", "noise.txt", "fake.docx", "半截 文件 📰.pdf"}
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(errors) == 4 and all(line.startswith("error: ") for line in errors)
    assert "Traceback" not in run.stderr


def test_the_same_article_in_several_formats_is_stored_once_and_linked(library):
    stem = "001_694c73c48f266096"
    files = [FORMATS / f"{stem}.{ext}" for ext in ("html", "docx", "md", "epub", "pdf")]
    report = library.ingest(files)
    # The plain-text original is already in the archive: every other format is a version.
    assert report.added == [] and report.failed == []
    originals = {d["version_of"] for d in report.versions} | {d["id"] for d in report.duplicates}
    assert len(originals) == 1
    assert library.search("", limit=100).total == 5  # versions are not shown twice
    first = originals.pop()
    versions = [d["id"] for d in report.versions]
    assert all(library.get(v).duplicate_of == first for v in versions)


def _logged(archive: Path) -> int:
    try:
        with sqlite3.connect(archive / "archive.sqlite", timeout=1) as db:
            return db.execute("SELECT count(*) FROM ingest_log").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_a_killed_ingest_leaves_a_consistent_archive_that_a_rerun_completes(tmp_path):
    from corpus import write_corpus

    corpus = write_corpus(tmp_path / "corpus", 240)
    archive = tmp_path / "archive"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "ingest", str(corpus),
                             "--archive", str(archive), "--json"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while _logged(archive) < 40 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker processes
    proc.wait()
    kept = _logged(archive)
    assert 0 < kept < 240, "the ingest was not interrupted mid-way"

    with sqlite3.connect(archive / "archive.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # No half-written article: every article has its source, every source its original.
        assert db.execute("SELECT count(*) FROM articles a LEFT JOIN sources s"
                          " ON s.id = a.source_id WHERE s.id IS NULL").fetchone()[0] == 0
        originals = [r[0] for r in db.execute("SELECT original FROM sources")]
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert all((archive / o).is_file() for o in originals)

    stats = json.loads(cli("stats", "--json", archive=archive).stdout)  # reconciles the index
    assert stats["articles"] == stored and stats["indexed"] == stored

    rerun = json.loads(cli("ingest", str(corpus), "--json", archive=archive).stdout)
    assert len(rerun["added"]) + len(rerun["duplicates"]) == 240
    assert len(rerun["added"]) == 240 - stored
    final = json.loads(cli("stats", "--json", archive=archive).stdout)
    assert final["articles"] == final["indexed"] == 240


def test_two_instances_on_one_archive_see_each_others_writes(tmp_path, sample_dir):
    from archive.library import Library

    files = sorted(sample_dir.glob("*.txt"))
    with Library(tmp_path / "a") as one, Library(tmp_path / "a") as two:
        assert one.search("").total == two.search("").total == 0
        r1 = one.ingest(files[:3])
        r2 = two.ingest(files)
        assert len(r1.added) == 3 and len(r2.added) == 2 and len(r2.duplicates) == 3
        for lib in (one, two):
            assert lib.stats()["articles"] == lib.stats()["indexed"] == 5
            assert lib.search("").total == 5


def test_identical_files_in_one_large_batch_are_stored_once(tmp_path, monkeypatch):
    # Worker processes read ahead of the store: the copy of a file is read before the
    # original is stored, and must still be reported as a duplicate.
    from corpus import write_corpus

    import archive.ingest
    from archive.library import Library

    monkeypatch.setattr(archive.ingest, "PARALLEL_MIN_FILES", 2)
    corpus = write_corpus(tmp_path / "corpus", 6)
    first = min(corpus.glob("*.txt"))
    (corpus / "copy.txt").write_bytes(first.read_bytes())
    with Library(tmp_path / "a") as lib:
        report = lib.ingest([corpus])
        assert report.failed == []
        assert len(report.added) + len(report.versions) == 6
        # copy.txt sorts first, so the generated original is the one read twice
        assert [Path(d["path"]).name for d in report.duplicates] == [first.name]
        assert lib.stats()["sources"] == 6
