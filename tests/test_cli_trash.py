"""``delete``, ``trash list|restore|empty`` and ``undo-import`` as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test runs the command line in subprocesses

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "resources" / "corpus"


def cli(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)


def js(*args: str, archive: Path):
    run = cli(*args, "--json", archive=archive)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def one_error_line(run: subprocess.CompletedProcess) -> str:
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr, run.stderr
    return run.stderr


def test_delete_restore_empty_round_trip(tmp_path):
    archive = tmp_path / "a"
    added = js("ingest", str(CORPUS), archive=archive)["added"]
    hit = js("search", '"逆势扬帆求跨越"', archive=archive)["hits"][0]["id"]

    assert js("delete", str(hit), archive=archive) == {"trashed": [hit]}
    assert js("search", '"逆势扬帆求跨越"', archive=archive)["total"] == 0
    stats = js("stats", archive=archive)
    assert (stats["articles"], stats["trashed"]) == (4, 1)
    listed = js("trash", "list", archive=archive)["trashed"]
    assert [t["id"] for t in listed] == [hit] and listed[0]["title"] == "逆势扬帆求跨越"
    show = cli("show", str(hit), archive=archive)
    assert show.returncode == 1 and "in the trash" in one_error_line(show)
    again = js("ingest", str(CORPUS), archive=archive)
    assert [d for d in again["duplicates"] if d.get("trashed")] == [
        {"path": next(d["path"] for d in again["duplicates"] if d["id"] == hit), "id": hit,
         "trashed": True}]
    text = cli("ingest", str(CORPUS), archive=archive).stdout
    assert f"article {hit} is in the trash" in text and f"trash restore {hit}" in text

    assert js("trash", "restore", str(hit), archive=archive) == {"restored": [hit]}
    assert js("search", '"逆势扬帆求跨越"', archive=archive)["total"] == 1

    other = next(i for i in added if i != hit)
    js("delete", str(other), archive=archive)
    emptied = js("trash", "empty", archive=archive)
    assert emptied == {"articles": 1, "sources": 1, "files": 1}
    assert js("trash", "list", archive=archive) == {"trashed": []}
    assert js("stats", archive=archive)["sources"] == 4


def test_unknown_ids_are_one_error_line_and_exit_1(tmp_path):
    archive = tmp_path / "a"
    js("ingest", str(CORPUS), archive=archive)
    for args in (("delete", "1", "999"), ("trash", "restore", "999"), ("trash", "restore", "1")):
        run = cli(*args, archive=archive)
        assert run.returncode == 1, args
        line = one_error_line(run)
        assert line.startswith("error: ") and ("999" in line or "not in the trash" in line)
    assert js("stats", archive=archive)["trashed"] == 0  # "delete 1 999" deleted nothing


def test_usage_errors_exit_2(tmp_path):
    archive = tmp_path / "a"
    for args in (("delete",), ("delete", "x"), ("trash", "restore"), ("trash", "empty", "3"),
                 ("trash", "purge")):
        run = cli(*args, archive=archive)
        assert run.returncode == 2, args
        one_error_line(run)


def test_undo_import_trashes_only_the_second_batch(tmp_path):
    archive = tmp_path / "a"
    files = sorted(CORPUS.glob("*.txt"))
    batch2 = tmp_path / "batch2"
    batch2.mkdir()
    for f in files[3:]:
        shutil.copy(f, batch2 / f.name)
    first = js("ingest", *map(str, files[:3]), archive=archive)["added"]
    second = js("ingest", str(batch2), archive=archive)["added"]

    undone = js("undo-import", archive=archive)
    assert sorted(undone["trashed"]) == sorted(second)
    assert sorted(t["id"] for t in js("trash", "list", archive=archive)["trashed"]) == \
        sorted(second)
    assert js("stats", archive=archive)["articles"] == len(first)
    run = cli("undo-import", archive=archive)
    assert run.returncode == 1 and "nothing to undo" in one_error_line(run)
