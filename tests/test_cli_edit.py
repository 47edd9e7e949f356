"""Corrections: `edit` keeps manual values through re-ingest and reindex; aliases apply."""

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


def show(aid: int, archive: Path) -> dict:
    return json.loads(cli("show", str(aid), "--json", archive=archive).stdout)


def test_edit_survives_reingest_and_reindex(tmp_path, sample_dir):
    archive = tmp_path / "a"
    added = json.loads(cli("ingest", str(sample_dir), "--json", archive=archive).stdout)["added"]
    aid = added[0]
    run = cli("edit", str(aid), "--title", "改过的标题", "--year", "2019", "--add-company", "比亚迪",
              "--remove-company", "中国一汽", "--add-topic", "人才", archive=archive)
    assert run.returncode == 0, run.stderr
    data = show(aid, archive)
    assert data["title"] == "改过的标题" and data["year"] == 2019
    assert data["date_source"] == "manual" and data["edited"] is True
    assert "比亚迪" in data["companies"] and "中国一汽" not in data["companies"]
    assert data["topics"][0] == "人才"
    found = json.loads(cli("search", "company:比亚迪", "--year", "2019", "--json",
                           archive=archive).stdout)
    assert [h["id"] for h in found["hits"]] == [aid]

    cli("ingest", str(sample_dir), archive=archive)
    assert cli("reindex", archive=archive).returncode == 0
    again = show(aid, archive)
    for key in ("title", "year", "date_source", "companies", "topics"):
        assert again[key] == data[key], key
    assert json.loads(cli("search", "title:改过的标题", "--json", archive=archive).stdout)["total"] == 1


def test_new_alias_applies_to_the_whole_archive_on_reindex(tmp_path, sample_dir):
    archive = tmp_path / "a"
    cli("ingest", str(sample_dir), archive=archive)
    before = json.loads(cli("facets", "--json", archive=archive).stdout)["company"]
    assert "长春汽开区管委会" not in before
    run = cli("edit", "1", "--alias", "长春汽开区管委会", "汽开区管委会", archive=archive)
    assert run.returncode == 0, run.stderr
    assert cli("reindex", archive=archive).returncode == 0
    after = json.loads(cli("facets", "--json", archive=archive).stdout)["company"]
    texts = [show(i, archive)["text"] for i in range(1, 6)]
    assert after.get("长春汽开区管委会") == sum("汽开区管委会" in t for t in texts) > 0


def test_bad_edits_are_one_clear_line(tmp_path, sample_dir):
    archive = tmp_path / "a"
    cli("ingest", str(sample_dir), archive=archive)
    for args in (["999", "--title", "x"], ["1", "--date", "2023-13"], ["1", "--title", " "],
                 ["1", "--add-topic", "不存在的主题"]):
        run = cli("edit", *args, archive=archive)
        assert run.returncode == 1, args
        assert run.stderr.startswith("error:") and run.stderr.strip().count("\n") == 0
