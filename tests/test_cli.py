"""The command line contract of DESIGN.md section 6, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test runs the command line in subprocesses

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, archive: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
        check=False, capture_output=True, text=True, cwd=ROOT, input=stdin, timeout=120,
    )


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("cli") / "archive"
    run = cli("ingest", str(ROOT / "resources" / "corpus"), "--json", archive=archive)
    assert run.returncode == 0, run.stderr
    return archive


def test_ingest_twice_adds_nothing_the_second_time(tmp_path):
    archive = tmp_path / "a"
    first = cli("ingest", str(ROOT / "resources" / "corpus"), "--json", archive=archive)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert len(report["added"]) == 5 and report["duplicates"] == [] and report["failed"] == []
    second = json.loads(cli("ingest", str(ROOT / "resources" / "corpus"), "--json",
                            archive=archive).stdout)
    assert second["added"] == []
    assert sorted(d["id"] for d in second["duplicates"]) == sorted(report["added"])
    stats = json.loads(cli("stats", "--json", archive=archive).stdout)
    assert stats["articles"] == 5 and stats["sources"] == 5


def test_missing_path_fails_with_one_line_and_leaves_archive_alone(filled):
    before = json.loads(cli("stats", "--json", archive=filled).stdout)
    run = cli("ingest", "/no/such/file.txt", archive=filled)
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0 and "/no/such/file.txt" in run.stderr
    assert "Traceback" not in run.stderr
    assert json.loads(cli("stats", "--json", archive=filled).stdout) == before


def test_unknown_command_is_a_usage_error(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "frobnicate"],
                         check=False, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "Traceback" not in run.stderr


def test_search_json_shape_and_highlight(filled):
    run = cli("search", "中德汽车大会", "--json", archive=filled)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["query"] == "中德汽车大会" and data["total"] >= 1
    hit = data["hits"][0]
    assert set(hit) >= {"id", "title", "date", "year", "authors", "companies", "topics",
                        "score", "snippet"}
    assert "<mark>中德汽车大会</mark>" in hit["snippet"]
    assert set(data["facets"]) == {"year", "company", "topic", "collection", "tag"}
    assert sum(data["facets"]["year"].values()) == data["total"]


def test_search_human_output_lists_titles(filled):
    run = cli("search", "汽开区", archive=filled)
    assert run.returncode == 0
    assert "articles" in run.stdout.splitlines()[0]
    assert "【汽开区】" in run.stdout


def test_batch_answers_one_json_line_per_query(filled, tmp_path):
    batch = tmp_path / "queries.txt"
    batch.write_text("汽车\n長春\n\nNBD\n", encoding="utf-8")
    run = cli("search", "--batch", str(batch), "--json", archive=filled)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [d["query"] for d in lines] == ["汽车", "長春", "NBD"]
    assert lines[1]["total"] == 5  # traditional 長春 finds the simplified 长春


def test_malformed_query_is_one_clear_line(filled):
    run = cli("search", "(汽车 OR", archive=filled)
    assert run.returncode == 2
    assert run.stderr.startswith("error:") and run.stderr.strip().count("\n") == 0


def test_show_json_has_metadata_and_text(filled):
    hit = json.loads(cli("search", "中德汽车大会", "--json", archive=filled).stdout)["hits"][0]
    data = json.loads(cli("show", str(hit["id"]), "--json", archive=filled).stdout)
    for key in ("title", "subtitle", "authors", "date", "year", "date_source", "companies",
                "topics", "captions", "text"):
        assert key in data
    assert "中德汽车大会" in data["text"]
    missing = cli("show", "99999", archive=filled)
    assert missing.returncode == 1 and "99999" in missing.stderr


def test_facets_and_reindex_round_trip(filled):
    before = json.loads(cli("facets", "--json", archive=filled).stdout)
    assert sum(before["year"].values()) == 5
    run = cli("reindex", "--json", archive=filled)
    assert run.returncode == 0 and json.loads(run.stdout)["indexed"] == 5
    assert json.loads(cli("facets", "--json", archive=filled).stdout) == before


def test_deleted_index_is_rebuilt_from_sqlite(tmp_path):
    import shutil

    archive = tmp_path / "a"
    cli("ingest", str(ROOT / "resources" / "corpus"), archive=archive)
    shutil.rmtree(archive / "index")
    data = json.loads(cli("search", "汽开区", "--json", archive=archive).stdout)
    assert data["total"] == 5


def test_an_index_of_another_schema_version_is_rebuilt(tmp_path):
    archive = tmp_path / "a"
    cli("ingest", str(ROOT / "resources" / "corpus"), archive=archive)
    (archive / "index" / "schema_version.json").write_text('{"schema_version": -1}')
    data = json.loads(cli("search", "中德汽车大会", "--json", archive=archive).stdout)
    assert data["total"] >= 1
    stats = json.loads(cli("stats", "--json", archive=archive).stdout)
    assert stats["indexed"] == stats["articles"] == 5
