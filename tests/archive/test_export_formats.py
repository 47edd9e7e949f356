"""Export the five sample articles in every format and check what a reader would see."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from archive.exporters import ExportOptions, export_articles
from archive.library import Library

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "corpus"
# Radicals that some CJK fonts share with 长 and 车: a PDF text layer must not map to them.
LOOKALIKES = "\u2ed3\u2ecb\u2f7b\u2f9e"


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """One archive with the five samples for the whole module (ingest once, export often)."""
    folder = tmp_path_factory.mktemp("export-lib")
    shutil.copytree(SAMPLES, folder / "samples")
    lib = Library(folder / "archive")
    assert len(lib.ingest([folder / "samples"]).added) == 5
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def ids(lib) -> list[int]:
    return lib._store.article_ids()


@pytest.fixture(scope="module")
def articles(lib, ids):
    found = lib.get_many(ids, with_text=True)
    return [found[i] for i in ids]


def _export(lib, ids, fmt, out, **options) -> Path:
    written = lib.export(ids, fmt, out, ExportOptions(**options))
    assert written == [out.resolve()] and out.is_file() and out.stat().st_size > 0
    return out


def _squash(text: str) -> str:
    """Text with line breaks and spaces gone (a PDF wraps lines anywhere in Chinese)."""
    return re.sub(r"\s+", "", text)


# ----- PDF -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(lib, ids, tmp_path_factory) -> Path:
    return _export(lib, ids, "pdf", tmp_path_factory.mktemp("pdf") / "five.pdf")


def test_pdf_text_layer_gives_back_the_chinese_with_the_right_code_points(pdf, articles):
    text = _run(_poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-")
    flat = re.sub(r"第\d+页/共\d+页", "", _squash(text))  # page footers split paragraphs
    assert "长春" in flat and "汽车" in flat
    assert not any(c in text for c in LOOKALIKES)
    for article in articles:
        assert _squash(article.title) in flat
        # a whole paragraph of each body comes back exactly
        longest = max((b.text for b in article.blocks if b.kind == "paragraph"), key=len)
        assert _squash(longest) in flat


def test_pdf_embeds_every_font(pdf):
    rows = _run(_poppler("pdffonts"), str(pdf)).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        # name type encoding emb sub uni object-id gen: the emb column is 4th from the end
        assert row.split()[-5] == "yes", row


def test_pdf_starts_each_article_on_its_own_page_with_numbers_and_contents(pdf, articles):
    pages = int(re.search(r"Pages:\s+(\d+)", _run(_poppler("pdfinfo"), str(pdf))).group(1))
    assert pages > len(articles)
    first = _run("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf), "-")
    assert "目录" in first and f"第 1 页 / 共 {pages} 页" in first
    for article in articles:
        # the contents line gives the page; that page begins with the headline
        line = next(ln for ln in first.splitlines() if ln.startswith(article.title[:6]))
        page = int(line.split()[-1])
        text = _run("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-")
        head = _squash(text)[:200]
        assert _squash(article.title) in head
        assert f"第 {page} 页 / 共 {pages} 页" in text


def test_pdf_of_one_article_has_no_contents_page(lib, ids, articles, tmp_path):
    out = _export(lib, ids[:1], "pdf", tmp_path / "one.pdf")
    text = _run(_poppler("pdftotext"), "-enc", "UTF-8", "-f", "1", "-l", "1", str(out), "-")
    assert "目录" not in text
    assert _squash(articles[0].title) in _squash(text)
    assert "作者：" in text and "柳青" in text  # metadata on top
    assert "[N]" in _squash(_run("pdftotext", "-enc", "UTF-8", str(out), "-"))  # the citation


def test_pdf_page_renders_to_an_image(pdf, tmp_path):
    """The page can be rasterised (what a viewer does); the picture is not blank."""
    _run(_poppler("pdftoppm"), "-r", "40", "-png", "-f", "2", "-l", "2", str(pdf),
         str(tmp_path / "page"))
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5000


# ----- DOCX ------------------------------------------------------------------------------

def test_docx_has_real_headings_paragraphs_and_one_section_per_article(lib, ids, articles,
                                                                        tmp_path):
    import docx

    out = _export(lib, ids, "docx", tmp_path / "five.docx")
    doc = docx.Document(str(out))
    by_style: dict[str, list[str]] = {}
    for p in doc.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Heading 1"] == [a.title for a in articles]
    assert len(by_style.get("Heading 2", [])) >= 5  # section headings of the bodies
    assert len(by_style.get("Caption", [])) >= 5
    assert len(by_style["Normal"]) > 100  # paragraphs, not one blob
    assert len(doc.sections) == len(articles) + 1  # contents, then one per article
    assert doc.core_properties.title
    texts = [p.text for p in doc.paragraphs]
    first = next(i for i, p in enumerate(doc.paragraphs) if p.style.name == "Heading 1")
    top = texts[first : first + 8]
    assert any(t.startswith("作者：") and "柳青" in t for t in top)
    body = "\n".join(texts)
    assert "长春汽开区" in body


# ----- HTML ------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_page(lib, ids, articles, tmp_path):
    out = _export(lib, ids, "html", tmp_path / "five.html")
    raw = out.read_bytes()
    page = raw.decode("utf-8")
    assert '<meta charset="utf-8">' in page
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "iframe" not in names and "link" not in names
    for tag, attrs in parser.tags:
        for key, value in attrs.items():
            assert not key.startswith("on"), (tag, key)
            if key in ("src", "href", "action", "srcset", "poster"):
                assert not re.match(r"\s*(https?:)?//", value or ""), (tag, key, value)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page)
    assert names.count("article") == 5 and names.count("h1") == 5
    text = "".join(parser.text)
    for article in articles:
        assert article.title in text
    assert "长春汽开区" in text


# ----- Markdown and TXT --------------------------------------------------------------------

def test_markdown_has_a_heading_per_article(lib, ids, articles, tmp_path):
    out = _export(lib, ids, "md", tmp_path / "five.md")
    text = out.read_text(encoding="utf-8")
    headings = [ln[2:] for ln in text.splitlines() if ln.startswith("# ")]
    assert headings == [a.title for a in articles]
    assert "## " in text and "- **作者**：柳青" in text
    assert "长春汽开区" in text


def test_txt_holds_every_article_in_order(lib, ids, articles, tmp_path):
    out = _export(lib, ids, "txt", tmp_path / "five.txt")
    text = out.read_text(encoding="utf-8")
    positions = [text.index(a.title + "\n=") for a in articles]
    assert positions == sorted(positions)
    assert "作者：柳青" in text and "引用：" in text
    assert "长春汽开区" in text


# ----- CSV and JSON ------------------------------------------------------------------------

def test_csv_opens_in_a_spreadsheet_with_one_row_per_article(lib, ids, articles, tmp_path):
    out = _export(lib, ids, "csv", tmp_path / "five.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 5
    assert "text" not in rows[0]
    for row, article in zip(rows, articles, strict=True):
        assert int(row["id"]) == article.id and row["title"] == article.title
        assert row["authors"] == "; ".join(article.authors)
        assert row["year"] == str(article.year or "")
        assert row["source_name"] == article.source_name
        original = (SAMPLES / article.source_name).read_bytes()
        assert row["source_sha256"] == hashlib.sha256(original).hexdigest()
        assert int(row["word_count"]) == article.word_count > 0
        assert "[N]" in row["citation"]


def test_csv_and_json_full_text(lib, ids, articles, tmp_path):
    out = _export(lib, ids, "csv", tmp_path / "full.csv", full_text=True)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [r["text"] for r in rows] == [a.text for a in articles]
    out = _export(lib, ids, "json", tmp_path / "full.json", full_text=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["text"] for d in data] == [a.text for a in articles]


def test_json_is_one_object_per_article(lib, ids, articles, tmp_path):
    out = _export(lib, ids, "json", tmp_path / "five.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, list) and len(data) == 5
    for item, article in zip(data, articles, strict=True):
        assert item["id"] == article.id and item["title"] == article.title
        assert item["companies"] == article.companies and item["topics"] == article.topics
        assert item["date"] == article.date and item["year"] == article.year
        assert item["source_sha256"] == article.source_sha256
        assert "text" not in item


# ----- ZIP bundle --------------------------------------------------------------------------

def test_zip_bundle_checksums_match_and_originals_are_byte_identical(lib, ids, articles,
                                                                    tmp_path):
    out = _export(lib, ids, "zip", tmp_path / "five.zip")
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        listed = {f["path"]: f for f in manifest["files"]}
        # every file but the manifest itself is listed, with its true checksum and size
        assert set(listed) == set(names) - {"manifest.json", "SHA256SUMS"}
        for path, entry in listed.items():
            data = zf.read(path)
            assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
        sums = dict(reversed(line.split("  ", 1)) for line in
                    zf.read("SHA256SUMS").decode("utf-8").splitlines())
        assert sums == {p: e["sha256"] for p, e in listed.items()}
        assert [a["id"] for a in manifest["articles"]] == [a.id for a in articles]
        for item, article in zip(manifest["articles"], articles, strict=True):
            assert item["file"].startswith("articles/") and item["file"].endswith(".md")
            assert zf.read(item["file"]).decode("utf-8").startswith(
                ("# ", "*"))  # a Markdown document
            assert article.title in zf.read(item["file"]).decode("utf-8")
            original = zf.read(item["original"])
            assert original == (SAMPLES / article.source_name).read_bytes()
            assert item["original"] == f"originals/{article.source_name}"
        table = list(csv.DictReader(io.StringIO(zf.read("articles.csv").decode("utf-8-sig"))))
        assert len(table) == 5
        for name in names:
            assert not name.startswith("/") and ".." not in name.split("/")


def test_zip_bundle_in_another_document_format(lib, ids, tmp_path):
    out = _export(lib, ids[:2], "zip", tmp_path / "two.zip", bundle_format="docx")
    with zipfile.ZipFile(out) as zf:
        docs = [n for n in zf.namelist() if n.startswith("articles/")]
        assert len(docs) == 2 and all(n.endswith(".docx") for n in docs)
        for name in docs:
            assert zipfile.is_zipfile(io.BytesIO(zf.read(name)))


# ----- every format through the one entry point ------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md", "txt", "csv", "json", "zip"])
def test_every_format_writes_one_file_with_the_chinese_text(fmt, articles, tmp_path):
    out = tmp_path / f"all.{fmt}"
    seen = []
    written = export_articles(articles, fmt, out, options=ExportOptions(),
                              original_of=lambda a: SAMPLES / a.source_name,
                              progress=lambda d, t, c: seen.append((d, t)))
    assert written == [out.resolve()]
    assert seen and seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # progress never goes back
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary files left
    if fmt in ("html", "md", "txt", "csv", "json"):
        assert "长春" in out.read_text(encoding="utf-8-sig")
