"""Versions: the same text from another file is grouped, stays searchable, and is proven."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest
from grouping_cases import (
    chapters,
    convert,
    new_figures,
    one_figure_changed,
    precision_recall,
    shared_paragraphs,
)

from archive.fingerprint import NEAR_DUPLICATE_BITS, fingerprint, hamming
from archive.library import EditError, Library

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "corpus"
ONLY_IN_TRADITIONAL = "粗略地瞭解"  # OpenCC writes 瞭解 where the original has 了解


ONLY_IN_HTML = "启动流程示意图"


def _as_html(text: str) -> str:
    """The text as a web page, with a figure caption the plain text lacks."""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    figure = f"<figure><figcaption>图 3.1 {ONLY_IN_HTML}</figcaption></figure>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head><body>"
            f"<main>{body}{figure}</main></body></html>")


@pytest.fixture
def chapter_group(tmp_path, new_library):
    """Chapter 3 of the Debian Reference (simplified .txt), its OpenCC traditional copy
    (.txt, Big5-free UTF-8) and an HTML copy, ingested in that order."""
    _, ch3, _ = chapters()
    files = tmp_path / "in"
    files.mkdir()
    (files / "1-original.txt").write_text(ch3, encoding="utf-8")
    (files / "2-traditional.txt").write_text(convert(ch3, "s2t"), encoding="utf-8")
    (files / "3-copy.html").write_text(_as_html(ch3), encoding="utf-8")
    lib = new_library()  # both backends: version groups are contract
    report = lib.ingest([files])
    return lib, report


def test_a_phrase_only_a_version_contains_finds_its_group(chapter_group):
    lib, report = chapter_group
    assert len(report.added) == 1 and report.failed == []
    assert [v["version_of"] for v in report.versions] == report.added * 2
    original = report.added[0]
    traditional = report.versions[0]["id"]
    assert ONLY_IN_TRADITIONAL not in lib.get(original).text

    assert ONLY_IN_TRADITIONAL in lib.get(traditional).text
    # 瞭 and 了 fold alike, so the traditional wording finds the group (once)
    found = lib.search(f'"{ONLY_IN_TRADITIONAL}"')
    assert found.total == 1 and found.hits[0].versions == 3

    in_html = lib.search(ONLY_IN_HTML)
    assert [h.id for h in in_html.hits] == [report.versions[1]["id"]]
    assert in_html.hits[0].versions == 3

    shared = lib.search('"SysV 风格的启动脚本"')  # in all three texts
    assert shared.total == 1 and shared.hits[0].versions == 3
    assert sum(lib.facets("初始化")["year"].values()) == 1  # the group counts once
    assert lib.stats()["indexed"] == 3


def test_versions_lists_the_group_and_split_takes_one_out(chapter_group):
    lib, report = chapter_group
    original = report.added[0]
    copy = report.versions[1]["id"]
    group = lib.versions(copy)
    assert [a.id for a in group] == [original, report.versions[0]["id"], copy]
    assert [a.source_format for a in group] == ["txt", "txt", "html"]

    assert lib.split(copy) == [original, report.versions[0]["id"]]
    assert [a.id for a in lib.versions(copy)] == [copy]
    result = lib.search('"SysV 风格的启动脚本"')
    assert result.total == 2
    assert sorted(h.versions for h in result.hits) == [1, 2]
    with pytest.raises(EditError):
        lib.split(copy)

    # Splitting the first copy leaves the next one at the head of the group.
    lib.split(original)
    assert [a.id for a in lib.versions(report.versions[0]["id"])] == [report.versions[0]["id"]]
    assert lib.search('"SysV 风格的启动脚本"').total == 3


def _ingest_pair(tmp_path: Path, first: str, second: str):
    (tmp_path / "a.txt").write_text(first, encoding="utf-8")
    (tmp_path / "b.txt").write_text(second, encoding="utf-8")
    with Library(tmp_path / "archive") as lib:
        r1 = lib.ingest([tmp_path / "a.txt"])
        r2 = lib.ingest([tmp_path / "b.txt"])
        return r1, r2, lib.stats()


def test_a_book_is_never_a_version_of_one_of_its_chapters(tmp_path):
    book, ch3, _ = chapters()
    assert hamming(fingerprint(book), fingerprint(ch3)) <= NEAR_DUPLICATE_BITS  # looks alike
    _, r2, stats = _ingest_pair(tmp_path, ch3, book)
    assert len(r2.added) == 1 and r2.versions == []
    assert stats["articles"] == 2


def test_articles_sharing_most_paragraphs_are_distinct(tmp_path):
    a, b = shared_paragraphs(40, 4)
    assert hamming(fingerprint(a), fingerprint(b)) <= NEAR_DUPLICATE_BITS
    _, r2, stats = _ingest_pair(tmp_path, a, b)
    assert len(r2.added) == 1 and r2.versions == []
    assert stats["articles"] == 2


@pytest.mark.parametrize("change", [new_figures, one_figure_changed])
def test_a_report_with_changed_figures_is_not_a_version(tmp_path, change):
    text = (SAMPLES / "003_4c3d5048d115c7e7.txt").read_text(encoding="utf-8")
    changed = change(text)
    assert hamming(fingerprint(text), fingerprint(changed)) <= NEAR_DUPLICATE_BITS
    _, r2, stats = _ingest_pair(tmp_path, text, changed)
    assert len(r2.added) == 1 and r2.versions == []
    assert stats["articles"] == 2


def test_grouping_is_right_on_every_labelled_pair():
    precision, recall, wrong = precision_recall()
    assert wrong == [] and precision == recall == 1.0


def test_an_archive_grouped_on_fingerprints_alone_is_regrouped_on_upgrade(tmp_path):
    import sqlite3

    book, ch3, _ = chapters()
    r1, r2, _ = _ingest_pair(tmp_path, ch3, book)
    db_path = tmp_path / "archive" / "archive.sqlite"
    with sqlite3.connect(db_path) as db:  # as migration 2 archives were: book under chapter
        db.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                   (r1.added[0], r2.added[0]))
        db.execute("PRAGMA user_version = 2")
    with Library(tmp_path / "archive") as lib:
        assert lib.get(r2.added[0]).duplicate_of is None
        assert lib.stats()["articles"] == 2


def cli(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


@pytest.mark.slow
def test_cli_versions_and_split(tmp_path):
    text = (SAMPLES / "001_694c73c48f266096.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(convert(text, "s2t").encode("gb18030", errors="replace"))
    archive = tmp_path / "archive"
    report = json.loads(cli("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json",
                            archive=archive).stdout)
    version = report["versions"][0]["id"]
    listed = json.loads(cli("versions", str(version), "--json", archive=archive).stdout)
    assert [v["id"] for v in listed["versions"]] == [report["added"][0], version]
    assert {"id", "title", "source", "format", "added"} <= set(listed["versions"][0])
    found = cli("search", "长春", archive=archive).stdout
    assert found.startswith("1 articles") and "(2 versions)" in found
    text_out = cli("versions", str(version), archive=archive).stdout
    assert "a.txt" in text_out and "b.txt" in text_out

    split = cli("split", str(version), archive=archive)
    assert split.returncode == 0 and "split" in split.stdout
    again = cli("split", str(version), archive=archive)
    assert again.returncode == 1 and again.stderr.startswith("error: ")
    assert "Traceback" not in again.stderr
    missing = cli("versions", "999", archive=archive)
    assert missing.returncode == 1 and missing.stderr.startswith("error: ")
