"""Hostile exports: a 300-character headline, a failing --split, formula-looking CSV
cells in full-width forms, and a PDF of a very long article."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from conftest import PEAK_LIMIT_MB, ROOT, run_measured
from crafted import MB, one_line_text

from archive.exporters import ExportOptions
from archive.library import Library

BODY = "长春汽车产业集群加快发展，一汽集团发布新能源汽车新车型。\n" * 8
LONG_TITLE = "长春" + "汽车产业新闻标题" * 37  # 298 characters


def _mail(path: Path, subject: str, body: str = BODY) -> Path:
    path.write_bytes(
        b"From: a@example.com\r\nTo: b@example.com\r\nSubject: " + subject.encode()
        + b"\r\nDate: Tue, 3 Jan 2023 10:00:00 +0800\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body.encode())
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("exp")
    src = folder / "in"
    src.mkdir()
    subjects = {
        "long": LONG_TITLE,
        "eq": "＝HYPERLINK(\"http://x\",\"点击\")",
        "plus": "＋1＋2 长春",
        "minus": "－cmd 汽车",
        "at": "＠SUM(A1) 一汽",
        "tab": "\u3000=1+2 发展",
    }
    bodies = [p.read_text("utf-8") for p in sorted((ROOT / "resources" / "corpus").glob("*.txt"))]
    bodies.append(BODY)
    for i, (key, subject) in enumerate(subjects.items()):
        _mail(src / f"{i}-{key}.eml", subject, bodies[i])
    root = folder / "archive"
    run = run_measured("ingest", str(src), "--json", archive=root)
    added = run.json()["added"]
    assert len(added) == len(subjects), run.stderr
    return root, dict(zip(subjects, added))


def test_a_300_character_headline_exports_to_docx(archive, tmp_path):
    root, ids = archive
    out = tmp_path / "long.docx"
    run = run_measured("export", str(ids["long"]), "--format", "docx", "--out", str(out),
                       archive=root)
    assert run.code == 0, run.stderr
    with zipfile.ZipFile(out) as zf:
        core = zf.read("docProps/core.xml").decode()
        body = zf.read("word/document.xml").decode()
    assert LONG_TITLE[:200] in core and LONG_TITLE not in core  # the property is cut
    assert LONG_TITLE in body  # the headline itself is whole
    assert run.peak_mb < PEAK_LIMIT_MB


def test_a_failed_split_export_leaves_nothing_behind(archive, tmp_path):
    root, ids = archive
    out = tmp_path / "split"
    calls = []

    def interrupt_on_the_third(done: int, total: int, current: str) -> None:
        calls.append(done)
        if done >= 3:
            raise KeyboardInterrupt  # Ctrl+C in the middle of the export

    with Library(root) as lib, pytest.raises(KeyboardInterrupt):
        lib.export(list(ids.values()), "docx", out, ExportOptions(split=True),
                   interrupt_on_the_third)
    assert not out.exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "mine.txt").write_text("keep me")
    with Library(root) as lib, pytest.raises(KeyboardInterrupt):
        lib.export(list(ids.values()), "md", existing, ExportOptions(split=True),
                   interrupt_on_the_third)
    assert [p.name for p in existing.iterdir()] == ["mine.txt"]


def test_full_width_and_indented_formula_signs_are_neutralised_in_csv(archive, tmp_path):
    root, ids = archive
    out = tmp_path / "list.csv"
    run = run_measured("export", *map(str, ids.values()), "--format", "csv", "--out", str(out),
                       archive=root)
    assert run.code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    titles = {row["title"] for row in rows}
    for title in titles - {LONG_TITLE}:
        assert title.startswith("'"), title


@pytest.mark.slow
def test_a_two_million_character_article_exports_to_pdf_in_bounded_time(tmp_path):
    text = one_line_text(tmp_path / "book.txt", int(5.5 * MB))  # 1.9 M characters, one line
    root = tmp_path / "archive"
    (aid,) = run_measured("ingest", str(text), "--json", archive=root).json()["added"]
    out = tmp_path / "book.pdf"
    run = run_measured("export", str(aid), "--format", "pdf", "--out", str(out), archive=root,
                       timeout=240)
    assert run.code == 0, run.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") > 100
    assert run.peak_mb < PEAK_LIMIT_MB and run.seconds < 120
