"""CLI: edit --add-tag/--add-collection/--note, search --tag/--collection/--saved, saved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test runs the command line in subprocesses

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                          check=False, capture_output=True, text=True, cwd=ROOT, timeout=120)


def js(*args: str, archive: Path):
    run = cli(*args, "--json", archive=archive)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture
def archive(tmp_path, sample_dir) -> tuple[Path, list[int]]:
    path = tmp_path / "a"
    added = js("ingest", str(sample_dir), archive=path)["added"]
    return path, sorted(added)


def test_tags_collections_and_notes_from_the_command_line(archive):
    path, ids = archive
    a, b, c = ids[:3]
    run = cli("edit", str(a), str(b), "--add-tag", "精读", "--add-collection", "汽车/电动",
              archive=path)
    assert run.returncode == 0, run.stderr
    assert cli("edit", str(c), "--add-tag", "待查", "--note", "读后：斑马鱼观察",
               archive=path).returncode == 0
    assert sorted(h["id"] for h in js("search", "--tag", "精读", archive=path)["hits"]) == [a, b]
    found = js("search", "", "--tag", "精读", "--tag", "待查", "--collection", "汽车/电动",
               archive=path)
    assert sorted(h["id"] for h in found["hits"]) == [a, b]
    assert found["facets"]["tag"] == {"精读": 2}
    assert found["facets"]["collection"] == {"汽车": 2, "汽车/电动": 2}  # nested: in both
    assert [h["id"] for h in js("search", "斑马鱼观察", archive=path)["hits"]] == [c]
    facets = js("facets", archive=path)
    assert facets["tag"] == {"精读": 2, "待查": 1} and facets["collection"] == {"汽车": 2, "汽车/电动": 2}

    shown = js("show", str(c), archive=path)
    assert shown["tags"] == ["待查"] and shown["note"] == "读后：斑马鱼观察"
    text = cli("show", str(a), archive=path).stdout
    assert "汽车/电动" in text and "精读" in text

    assert cli("edit", str(a), "--remove-tag", "精读", "--remove-collection", "汽车/电动",
               archive=path).returncode == 0
    assert js("show", str(a), archive=path)["tags"] == []
    assert cli("edit", str(c), "--note", "", archive=path).returncode == 0
    assert js("search", "斑马鱼观察", archive=path)["total"] == 0


def test_bad_tags_and_ids_are_one_error_line(archive):
    path, ids = archive
    run = cli("edit", str(ids[0]), "--add-tag", " ", archive=path)
    assert run.returncode == 1 and run.stderr.strip().count("\n") == 0
    assert "Traceback" not in run.stderr and "tag needs a name" in run.stderr
    run = cli("edit", "99999", "--add-collection", "x", archive=path)
    assert run.returncode == 1 and "99999" in run.stderr
    assert js("facets", archive=path)["collection"] == {}


def test_saved_searches_add_list_run_remove(archive):
    path, ids = archive
    cli("edit", str(ids[0]), str(ids[1]), "--add-tag", "精读", archive=path)
    added = js("saved", "add", "精读汽车", "汽车", "--tag", "精读", "--sort", "date",
               archive=path)
    assert added["filters"] == {"tag": ["精读"]} and added["sort"] == "date"
    listed = js("saved", "list", archive=path)
    assert [(s["name"], s["count"]) for s in listed] == [("精读汽车", 2)]
    cli("edit", str(ids[2]), "--add-tag", "精读", archive=path)
    assert js("saved", "list", archive=path)[0]["count"] == 3  # live
    result = js("search", "--saved", "精读汽车", archive=path)
    assert result["total"] == 3 and result["saved"]["query"] == "汽车"
    assert "精读汽车" in cli("saved", "list", archive=path).stdout

    run = cli("saved", "add", "bad", "汽车 OR", archive=path)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    run = cli("search", "--saved", "nope", archive=path)
    assert run.returncode == 1 and "no saved search" in run.stderr
    assert cli("saved", "remove", "精读汽车", archive=path).returncode == 0
    assert js("saved", "list", archive=path) == []
    assert cli("saved", "remove", "精读汽车", archive=path).returncode == 1
    assert cli("saved", archive=path).returncode == 2
