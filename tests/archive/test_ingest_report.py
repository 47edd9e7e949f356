"""The ingest report: duplicates always name their article; suspicious inputs are said."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "corpus"
FORMATS = ROOT / "tests" / "data" / "formats"
ERROR_PAGE = (b"<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found"
              b"</h1></center><hr><center>nginx/1.22.1</center></body></html>")


def cli(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


@pytest.mark.slow
def test_a_file_reported_as_a_duplicate_names_the_article_when_ingested_again(tmp_path):
    text = (SAMPLES / "002_6002dfd231891dcc.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\n", "\n\n"), encoding="utf-8")  # other bytes
    archive = tmp_path / "archive"
    first = json.loads(cli("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json",
                           archive=archive).stdout)
    (aid,) = first["added"]
    assert first["duplicates"] == [{"path": str(tmp_path / "b.txt"), "id": aid}]
    again = json.loads(cli("ingest", str(tmp_path / "b.txt"), "--json", archive=archive).stdout)
    assert again["duplicates"] == [{"path": str(tmp_path / "b.txt"), "id": aid}]


@pytest.mark.slow
def test_suspicious_inputs_are_reported_as_design_section_6_says(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "saved-page.docx").write_bytes((FORMATS / "000_b23c919e069612c2.html").read_bytes())
    (batch / "placeholder.txt").write_text("封面\n\n本页暂无内容，敬请期待。\n", encoding="utf-8")
    (batch / "download.docx").write_bytes(ERROR_PAGE)
    (batch / "good.txt").write_bytes((SAMPLES / "001_694c73c48f266096.txt").read_bytes())
    run = cli("ingest", str(batch), "--json", archive=tmp_path / "archive")
    report = json.loads(run.stdout)
    assert list(report) == ["added", "duplicates", "versions", "warnings", "failed"]
    assert len(report["added"]) == 3 and report["duplicates"] == report["versions"] == []
    warned = {Path(w["path"]).name: w["warning"] for w in report["warnings"]}
    assert set(warned) == {"saved-page.docx", "placeholder.txt"}
    assert ".docx" in warned["saved-page.docx"] and "HTML" in warned["saved-page.docx"]
    assert "almost no text" in warned["placeholder.txt"]
    assert [Path(f["path"]).name for f in report["failed"]] == ["download.docx"]
    assert "error page" in report["failed"][0]["error"]
    assert run.returncode == 1 and "Traceback" not in run.stderr

    human = cli("ingest", str(batch / "placeholder.txt"), archive=tmp_path / "other")
    assert "1 with a warning" in human.stdout
    assert "warning: " in human.stderr and "placeholder.txt" in human.stderr
