"""PDF lines as a reader sees them, on real typesetting: five pages of the Debian
Reference (zh-CN, dblatex/XeTeX) copied into tests/data/pdf (see SOURCES.md there).

The pages hold a contents page (dot leaders), pages of commands in a monospace font,
justified lines whose characters the typesetter spread apart, and a running head with
the book's title and the page number ("Debian参考手册 iv", "Debian参考手册 40 / 223").
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from archive.library import Library
from archive.metadata.structure import analyse
from archive.readers import read_bytes

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "pdf" / "debian-reference-zh-cn-5pages.pdf"
FORMATS = DATA / "formats"
CJK = "\u4e00-\u9fff"


@pytest.fixture(scope="module")
def doc():
    return read_bytes(SAMPLE.read_bytes(), SAMPLE.name).documents[0]


def lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


def test_justified_lines_have_no_spaces_between_cjk_characters(doc) -> None:
    # On page 81 the typesetter spread "对于一个支持多架构的软件包，你可能需要…" by 0.3 em a
    # character; on page 67 "对于使用 stable 套件的 Debian 系统而言" by 0.46 em.
    assert "对于一个支持多架构的软件包，你可能需要为一些命令指定架构名称。" in doc.text
    assert "对于使用 stable 套件的 Debian 系统而言" in doc.text  # real gaps at Latin words stay
    spaced = [ln for ln in lines(doc.text) if len(re.findall(f"(?<= )[{CJK}](?= )", ln)) >= 3]
    assert spaced == []


def test_running_heads_and_page_numbers_are_gone(doc) -> None:
    assert "参考手册" not in doc.text
    assert not re.search(r"\d+ / 223", doc.text)


def test_contents_page_is_not_body_text(doc) -> None:
    assert not any(re.search(r"(?:\.\s?){4,}\s*\d+$", ln) for ln in lines(doc.text))
    assert "Contents" not in lines(doc.text)
    assert not doc.text.startswith("1 GNU/Linux")
    assert lines(doc.text)[0] == "排版约定"  # the first body page starts the text


def test_code_lines_stay_lines_and_are_never_headings(doc) -> None:
    text_lines = lines(doc.text)
    for code in ("$ man 1 bash", "$ cd; mkfifo mypipe", "$ ls -l mypipe", "$ rm mypipe"):
        assert code in text_lines
    structure = analyse(doc)
    headings = [b.text for b in structure.blocks if b.kind == "heading"]
    assert "1.2.8 命名管道（先进先出）" in headings
    assert "2.4.2 验证安装的软件包文件" in headings
    assert not [h for h in headings if h.startswith(("$", "#", "["))]
    kinds = {b.text: b.kind for b in structure.blocks}
    assert kinds["$ man 1 bash"] == "paragraph"
    assert kinds["注意"] == "paragraph"  # an admonition label in body type is no heading


def test_a_phrase_on_a_justified_line_is_found_after_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "debian-reference.pdf")
    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([folder])
        assert len(report.added) == 1
        found = lib.search('"你可能需要为一些命令指定架构名称"')
        assert found.total == 1
        assert "你可能需要为一些命令指定架构名称" in found.hits[0].snippet.to_html()
        assert lib.search('"对于使用 stable 套件的 Debian 系统而言"').total == 1
        # the contents page is not the snippet of a word it lists (it is not stored)
        hit = lib.search("命名管道").hits[0]
        assert ". . ." not in hit.snippet.to_html()


@pytest.mark.parametrize("stem", sorted(json.loads((FORMATS / "ground_truth.json").read_text())))
def test_headings_of_the_fixture_pdfs_come_from_their_type_size(stem: str) -> None:
    truth = json.loads((FORMATS / "ground_truth.json").read_text(encoding="utf-8"))[stem]
    doc = read_bytes((FORMATS / f"{stem}.pdf").read_bytes(), f"{stem}.pdf").documents[0]
    structure = analyse(doc)
    assert [b.text for b in structure.blocks if b.kind == "heading"] == truth["section_headings"]
    assert structure.title == truth["headline"]
