"""``main.py export``, run as a user runs it."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test runs the command line in subprocesses

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
        capture_output=True, text=True, cwd=ROOT, timeout=180, check=False,
    )


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("cli-export") / "archive"
    run = cli("ingest", str(ROOT / "resources" / "corpus"), "--json", archive=archive)
    assert run.returncode == 0, run.stderr
    return archive


def _one_error_line(run: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_export_ids_to_pdf_and_docx(filled, tmp_path):
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"two.{fmt}"
        run = cli("export", "1", "2", "--format", fmt, "--out", str(out), archive=filled)
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == str(out.resolve())
        assert out.stat().st_size > 1000


def test_format_comes_from_the_file_name_and_json_reports_the_files(filled, tmp_path):
    out = tmp_path / "all.csv"
    run = cli("export", "1", "2", "3", "4", "5", "--out", str(out), "--full-text", "--json",
              archive=filled)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"format": "csv", "files": [str(out.resolve())]}
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 5 and all("长春" in r["text"] for r in rows)


def test_query_with_facets_exports_the_result_set(filled, tmp_path):
    search = json.loads(cli("search", "一汽", "--year", "2024", "--json", "--limit", "50",
                            archive=filled).stdout)
    out = tmp_path / "q.json"
    run = cli("export", "--query", "一汽", "--year", "2024", "--format", "json",
              "--out", str(out), archive=filled)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in data] == [h["id"] for h in search["hits"]]
    assert search["total"] >= 1


def test_zip_bundle_with_docx_files(filled, tmp_path):
    out = tmp_path / "b.zip"
    run = cli("export", "1", "3", "--format", "zip", "--bundle-format", "docx",
              "--out", str(out), archive=filled)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
    assert "manifest.json" in names
    assert len([n for n in names if n.startswith("articles/") and n.endswith(".docx")]) == 2
    assert len([n for n in names if n.startswith("originals/")]) == 2


def test_split_writes_one_file_per_article_into_a_folder(filled, tmp_path):
    out = tmp_path / "folder"
    run = cli("export", "1", "2", "3", "--format", "md", "--split", "--out", str(out),
              archive=filled)
    assert run.returncode == 0, run.stderr
    files = sorted(out.iterdir())
    assert len(files) == 3 and all(f.suffix == ".md" for f in files)
    assert sorted(run.stdout.split("\n")[:-1]) == sorted(str(f) for f in files)


def test_unknown_id_is_one_line_and_exit_1(filled, tmp_path):
    out = tmp_path / "x.pdf"
    run = cli("export", "1", "4242", "--format", "pdf", "--out", str(out), archive=filled)
    assert run.returncode == 1
    assert "4242" in _one_error_line(run)
    assert not out.exists()


def test_unwritable_destination_is_one_line_and_exit_1(filled, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for out in (blocker / "x.pdf", tmp_path / "missing" / "deeper" / "x.html"):
        run = cli("export", "1", "--out", str(out), archive=filled)
        assert run.returncode == 1
        assert str(out) in _one_error_line(run)


@pytest.mark.parametrize("args", [
    ["export", "--out", "x.pdf"],  # neither ids nor query
    ["export", "1", "--query", "汽车", "--out", "x.pdf"],  # both
    ["export", "1", "--out", "x.unknown"],  # format not given and not guessable
    ["export", "1", "--format", "rtf", "--out", "x.rtf"],
    ["export", "abc", "--out", "x.pdf"],
    ["export", "1"],  # no --out
])
def test_usage_errors_exit_2(filled, args):
    run = cli(*args, archive=filled)
    assert run.returncode == 2
    _one_error_line(run)


def test_no_match_is_one_line_and_exit_1(filled, tmp_path):
    run = cli("export", "--query", "完全不存在的词zzz", "--out", str(tmp_path / "x.csv"),
              archive=filled)
    assert run.returncode == 1
    assert "no articles match" in _one_error_line(run)
