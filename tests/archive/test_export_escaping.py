"""Hostile article text is shown as text in every format, never run or loaded."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from archive.document import Article, Block
from archive.exporters import ExportOptions, export_articles

EVIL_TITLE = '<script>alert("x")</script> & <b>粗体</b>'
EVIL_BODY = ('<img src="http://evil.example/x.png" onerror="alert(1)"> '
             "[点我](https://evil.example) ![图](http://evil.example/p.png) *星号* `代码` # 井号")


def _article() -> Article:
    return Article(
        id=7, title=EVIL_TITLE, text=f"{EVIL_TITLE}\n{EVIL_BODY}",
        blocks=[Block("title", EVIL_TITLE), Block("heading", "# 1. 小标题 <h1>"),
                Block("paragraph", EVIL_BODY), Block("paragraph", "- 列表？\x00\x1b控制符"),
                Block("caption", "=HYPERLINK(\"http://evil.example\")")],
        authors=["<i>记者</i>"], date="2024-01-02", year=2024, companies=["一汽&大众"],
        source_name="../../evil<name>.html", source_sha256="0" * 64,
    )


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text += data


def test_html_shows_the_markup_as_text(tmp_path):
    [out] = export_articles([_article()], "html", tmp_path / "x.html")
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert not {"script", "img", "b", "i", "a"} & set(parser.tags)
    assert not [k for k, _ in parser.attrs if k.startswith("on")]
    assert "http" not in "".join(v or "" for _, v in parser.attrs)
    assert EVIL_TITLE in parser.text and "onerror" in parser.text
    assert "\x00" not in page and "\x1b" not in page


def test_markdown_renders_to_text_not_to_links_images_or_html(tmp_path):
    markdown_it = pytest.importorskip("markdown_it")
    [out] = export_articles([_article()], "md", tmp_path / "x.md")
    html = markdown_it.MarkdownIt("commonmark").render(out.read_text(encoding="utf-8"))
    parser = _Tags()
    parser.feed(html)
    assert not {"script", "img", "a", "b", "i", "code", "ol"} & set(parser.tags)
    assert parser.tags.count("ul") == 1  # the metadata list, not the "- 列表" line
    assert parser.tags.count("h1") == 1 and parser.tags.count("h2") == 1
    assert EVIL_TITLE in parser.text
    assert "[点我](https://evil.example)" in parser.text
    assert "*星号* `代码` # 井号" in parser.text and "- 列表？控制符" in parser.text


def test_docx_and_pdf_accept_control_characters_and_markup(tmp_path):
    import docx

    [out] = export_articles([_article()], "docx", tmp_path / "x.docx")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert EVIL_TITLE in text and "- 列表？控制符" in text
    [out] = export_articles([_article()], "pdf", tmp_path / "x.pdf")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "<script>" in text and "<b>粗体</b>" in text


def test_csv_cells_never_start_a_formula_and_json_keeps_the_text(tmp_path):
    article = _article()
    article.title = "=1+1"
    [out] = export_articles([article], "csv", tmp_path / "x.csv",
                            options=ExportOptions(full_text=True))
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert row["title"] == "'=1+1"
    [out] = export_articles([article], "json", tmp_path / "x.json")
    assert json.loads(out.read_text(encoding="utf-8"))[0]["title"] == "=1+1"
