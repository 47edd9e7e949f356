"""Two clients importing into one server archive at the same time: both imports write at
once (each holds the archive's writer lock in shared mode, archive/pg/lock.py, and their
grouped transactions interleave), different files both land whole, the same file given to
both lands once, an article the other client committed meanwhile is found as what this
one's text is a version of, and an import running is not taken for a killed one.
"""

from __future__ import annotations

import re
import shutil
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from archive.opening import open_library

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "corpus"
sys.path.insert(0, str(ROOT / "tests" / "perf"))


def _both_at_once(url: str, inputs: list[list[Path]], progress: list | None = None) -> list:
    """Ingest ``inputs[i]`` from client ``i``, both started together; their reports."""
    start = threading.Barrier(len(inputs))
    reports: list = [None] * len(inputs)
    errors: list[Exception] = []

    def client(i: int) -> None:
        try:
            with open_library(url) as lib:
                start.wait()
                reports[i] = lib.ingest(inputs[i], progress[i] if progress else None)
        except Exception as exc:  # noqa: BLE001 (any failure is the test's answer)
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(inputs))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert not errors, errors
    return reports


def test_two_clients_importing_different_files_at_once_both_land_everything(pg_cluster,
                                                                             tmp_path):
    url = pg_cluster.create_database("two_clients_different")
    files = sorted(SAMPLES.glob("*.txt"))
    halves = [tmp_path / "a", tmp_path / "b"]
    for i, folder in enumerate(halves):
        folder.mkdir()
        for f in files[i::2]:
            shutil.copy(f, folder / f.name)
    reports = _both_at_once(url, [[halves[0]], [halves[1]]])
    assert sorted(len(r.added) for r in reports) == sorted([len(files[0::2]),
                                                            len(files[1::2])])
    with open_library(url) as lib:
        assert lib.search("", limit=0).total == len(files)
        assert lib.check_index()["ok"]
        for f in files:  # every file findable by a line only it has
            longest = max(f.read_text(encoding="utf-8").splitlines(), key=len)
            words = re.findall(r"[\u4e00-\u9fff]{8,}", longest)[0][:8]
            assert lib.search(f'"{words}"', limit=5).total >= 1, f.name


def test_the_same_file_imported_by_two_clients_at_once_lands_once(pg_cluster, tmp_path):
    url = pg_cluster.create_database("two_clients_same")
    source = sorted(SAMPLES.glob("*.txt"))[2]
    copies = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        copies.append(shutil.copy(source, tmp_path / name / source.name))
    reports = _both_at_once(url, [[Path(copies[0])], [Path(copies[1])]])
    assert sorted((len(r.added), len(r.duplicates)) for r in reports) == [(0, 1), (1, 0)]
    with open_library(url) as lib:
        assert lib.search("", limit=0).total == 1
        assert lib.check_index()["ok"]


def _count(url: str, sql: str, params: tuple = ()) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def _wait_for(condition, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.slow
def test_overlapping_imports_write_at_once_and_land_each_file_once(pg_cluster, tmp_path,
                                                                   monkeypatch):
    """Both clients get the same 40 files, one front to back and the other back to front.
    A's import, once started, waits until B has committed files of its own, and B half way
    waits for A's first file: with imports taking turns neither could happen (A would hold
    the archive). Both go on at once, each storing the files it reaches first and finding
    the other's (committed, or waited for when they collide) as duplicates: every file
    lands once. (Each file commits on its own here, so that neither client's waiting
    holds rows the other needs.)"""
    from corpus import write_corpus

    monkeypatch.setattr("archive.pg.store.GROUP_SECONDS", 0.0)

    url = pg_cluster.create_database("two_clients_overlapping")
    corpus = write_corpus(tmp_path / "corpus", 40)
    files = sorted(corpus.glob("*.txt"))
    other = tmp_path / "other"
    other.mkdir()
    copies = [Path(shutil.copy(f, other / f.name)) for f in reversed(files)]

    def a_progress(done: int, total: int, path: str) -> None:
        if done == 0:  # A's import runs and holds no row B could need
            _wait_for(lambda: _count(url, "SELECT count(*) FROM sources") > 0,
                      "the other client's commit while this import runs")

    def b_progress(done: int, total: int, path: str) -> None:
        if done == len(files) // 2:
            _wait_for(lambda: _count(url, "SELECT count(*) FROM sources WHERE path = %s",
                                     (str(files[0]),)) > 0, "the first client's first file")

    reports = _both_at_once(url, [files, copies], [a_progress, b_progress])
    stored = [len(r.added) + len(r.versions) for r in reports]
    assert all(n > 0 for n in stored), f"the imports took turns: {stored}"
    assert sum(stored) == len(files)
    for r in reports:
        assert not r.failed and r.error is None, (r.failed, r.error)
        assert len(r.added) + len(r.versions) + len(r.duplicates) == len(files)
    with open_library(url) as lib:
        stats = lib.stats()
        assert stats["articles"] + stats["versions"] == stats["indexed"] == len(files)
        assert lib.check_index()["ok"], lib.check_index()["problems"]
    assert _count(url, "SELECT count(*) FROM sources") == len(files)
    assert _count(url, "SELECT count(*) FROM ingest_log WHERE outcome = 'running'") == 0


def _version_of(source: Path, folder: Path) -> Path:
    """The same article with a few characters added: a version, not a duplicate."""
    text = source.read_text(encoding="utf-8")
    cut = text.index("。", len(text) // 2)
    folder.mkdir()
    target = folder / f"version-{source.name}"
    target.write_text(text[:cut] + "，据悉" + text[cut:], encoding="utf-8")
    return target


@pytest.mark.slow
def test_an_article_the_other_client_committed_meanwhile_is_found_as_the_earlier_version(
        pg_cluster, tmp_path):
    """Client B starts first (so it loads the archive's fingerprints before A stores
    anything); A imports an article and commits it while B runs; B's version of that
    article, stored after, is grouped with A's article, not stored as a new one."""
    url = pg_cluster.create_database("two_clients_versions")
    original = min(SAMPLES.glob("*.txt"))
    version = _version_of(original, tmp_path / "b")
    b_started = threading.Event()
    sha_done = []

    def b_progress(done: int, total: int, path: str) -> None:
        b_started.set()
        if path == str(version):  # only once A's article is committed
            _wait_for(lambda: _count(url, "SELECT count(*) FROM sources WHERE name = %s",
                                     (original.name,)) == 1, "the other client's commit")
            sha_done.append(True)

    def a_progress(done: int, total: int, path: str) -> None:
        _wait_for(b_started.is_set, "client B to start")

    reports = _both_at_once(url, [[original], [version]],
                            [a_progress, b_progress])
    assert sha_done
    a, b = reports
    assert len(a.added) == 1 and b.versions == [
        {"path": str(version), "id": b.versions[0]["id"], "version_of": a.added[0]}]
    with open_library(url) as lib:
        assert [x.id for x in lib.versions(a.added[0])] == [a.added[0], b.versions[0]["id"]]
        assert lib.check_index()["ok"]


@pytest.mark.slow
def test_an_import_running_is_not_taken_for_a_killed_one(pg_cluster, tmp_path):
    """While A's import is paused mid-way, B opens the archive and imports other files:
    B runs at once (no waiting for A's lock), and neither B's opening nor its import marks
    A's import killed; A then finishes, and its log row says so."""
    url = pg_cluster.create_database("two_clients_running")
    files = sorted(SAMPLES.glob("*.txt"))
    paused, go_on = threading.Event(), threading.Event()

    def a_progress(done: int, total: int, path: str) -> None:
        if done == 0:
            paused.set()
            assert go_on.wait(120)

    result: dict = {}

    def client_a() -> None:
        with open_library(url) as lib:
            result["a"] = lib.ingest(files[:3], a_progress)

    thread = threading.Thread(target=client_a)
    thread.start()
    try:
        assert paused.wait(60)
        with open_library(url) as lib:
            assert lib.last_recovery.get("killed_ingests", 0) == 0
            b = lib.ingest(files[3:])
        assert len(b.added) == len(files[3:])
        assert _count(url, "SELECT count(*) FROM ingest_log WHERE outcome = 'running'") == 1
        assert _count(url, "SELECT count(*) FROM ingest_log WHERE outcome = 'killed'") == 0
    finally:
        go_on.set()
        thread.join(120)
    assert len(result["a"].added) == 3
    assert _count(url, "SELECT count(*) FROM ingest_log WHERE outcome = 'finished'") == 2
    with open_library(url) as lib:
        assert lib.search("", limit=0).total == len(files)
        assert lib.check_index()["ok"]


@pytest.mark.slow
def test_an_edit_waiting_for_an_import_goes_before_an_import_asked_for_after_it(pg_cluster,
                                                                                tmp_path):
    """An edit needs the archive to itself, so it waits for the import running; an import
    started while the edit waits runs after the edit, not before it (else two clients
    importing batch after batch could keep an edit waiting until it gives up)."""
    from archive.library import Edit

    url = pg_cluster.create_database("two_clients_edit_first")
    files = sorted(SAMPLES.glob("*.txt"))
    with open_library(url) as lib:
        aid = lib.ingest(files[:1]).added[0]
    paused, go_on = threading.Event(), threading.Event()
    when: dict[str, float] = {}

    def a_progress(done: int, total: int, path: str) -> None:
        if done == 0:
            paused.set()
            assert go_on.wait(120)

    def b_progress(done: int, total: int, path: str) -> None:
        when.setdefault("b", time.monotonic())

    def run(name: str, work) -> threading.Thread:
        def target() -> None:
            with open_library(url) as lib:
                work(lib)
        th = threading.Thread(target=target, name=name)
        th.start()
        return th

    a = run("a", lambda lib: lib.ingest(files[1:3], a_progress))
    assert paused.wait(60)

    def edit(lib) -> None:
        lib.edit(aid, Edit(title="等导入之后的标题"))
        when["edit"] = time.monotonic()

    c = run("c", edit)
    time.sleep(1.0)  # the edit is waiting for A's import
    b = run("b", lambda lib: lib.ingest(files[3:], b_progress))
    time.sleep(1.0)  # and B's import is asked for after it
    assert "edit" not in when and "b" not in when
    go_on.set()
    for th in (a, b, c):
        th.join(120)
    assert when["edit"] < when["b"]
    with open_library(url) as lib:
        assert lib.get(aid).title == "等导入之后的标题"
        assert lib.search("", limit=0).total == len(files)
