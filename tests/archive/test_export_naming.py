"""File names made from hostile headlines are safe everywhere and stay inside the target."""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.document import Article, Block
from archive.exporters import ExportError, ExportOptions, export_articles
from archive.exporters.naming import (
    MAX_STEM_BYTES,
    UniqueNames,
    inside,
    safe_filename,
    safe_stem,
)

RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$", re.IGNORECASE)
HOSTILE = [
    "../../x", "..", ".", "/etc/passwd", "C:\\Windows\\system32", "a/b\\c", "CON", "con",
    "NUL.txt", "COM1", "lpt9 ", "aux.", "x" * 300, "长" * 300, "tab\there\nnew\x00line\x1b",
    "  ...hidden", "what?*<>|\":", "\u202etxt.exe", "", "   ", "a／b⁄c∕d",
]


def _check(name: str, ext: str | None = None) -> None:
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert ".." not in name
    assert not any(ord(c) < 32 or c in '<>:"|?*' for c in name)
    assert not name.startswith((".", " ")) and not name.endswith((".", " "))
    assert not RESERVED.match(name.split(".")[0].strip())
    assert len(name.encode("utf-8")) <= MAX_STEM_BYTES + 16
    if ext:
        assert name.endswith(f".{ext}")


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_headlines_give_safe_names(title):
    _check(safe_stem(title))
    _check(safe_filename(title, "pdf"), "pdf")


def test_examples():
    assert safe_filename("../../x", "md") == "_._x.md"  # no separators, no ".."
    assert safe_filename("CON", "txt") == "_CON.txt"
    assert safe_filename("nul.tar", "gz") == "_nul.tar.gz"
    assert safe_filename("", "pdf", "article-7") == "article-7.pdf"
    assert safe_filename("长春/汽车", "pdf") == "长春_汽车.pdf"
    long = safe_stem("长" * 300)
    assert len(long.encode("utf-8")) <= MAX_STEM_BYTES and set(long) == {"长"}


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_a_safe_name(title):
    _check(safe_filename(title, "md"), "md")


def test_names_are_unique_ignoring_case_and_normalisation():
    names = UniqueNames(["Report.pdf"])
    got = [names.take(n) for n in ["report.pdf", "REPORT.pdf", "Café.pdf", "Cafe\u0301.pdf"]]
    got = [unicodedata.normalize("NFC", n) for n in got]
    assert got == ["report (2).pdf", "REPORT (3).pdf", "Café.pdf", "Café (2).pdf"]


def test_inside_refuses_to_leave_the_folder(tmp_path):
    assert inside(tmp_path, "ok.txt") == tmp_path.resolve() / "ok.txt"
    for bad in ["../x", "..", "/etc/passwd", "a/b", ""]:
        with pytest.raises(ValueError):
            inside(tmp_path, bad)
    (tmp_path / "link").symlink_to("/tmp")
    with pytest.raises(ValueError):
        inside(tmp_path, "link")


def _article(i: int, title: str) -> Article:
    return Article(id=i, title=title, text=f"{title}\n正文{i}。",
                   blocks=[Block("title", title), Block("paragraph", f"正文{i}。")],
                   source_name=title + ".txt", source_sha256=f"{i:064x}")


def test_one_file_per_article_with_hostile_headlines_stays_in_the_folder(tmp_path):
    articles = [_article(i, t) for i, t in enumerate(
        ["../../x", "CON", "x" * 300, "a/b", "a\\b", "same", "SAME", "same"], 1)]
    out = tmp_path / "out"
    written = export_articles(articles, "md", out, options=ExportOptions(split=True))
    assert len(written) == len(articles) == len(set(written))
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    for path in written:
        assert path.parent == out.resolve()
        _check(path.name, "md")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing beside the folder


def test_bundle_member_names_are_safe(tmp_path):
    articles = [_article(i, t) for i, t in enumerate(["../../evil", "/abs", "CON", "CON"], 1)]
    originals = {}
    for a in articles:
        p = tmp_path / f"orig{a.id}.txt"
        p.write_text(a.text, encoding="utf-8")
        originals[a.id] = p
    out = tmp_path / "b.zip"
    export_articles(articles, "zip", out, options=ExportOptions(),
                    original_of=lambda a: originals[a.id])
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert len(json.loads(zf.read("manifest.json"))["articles"]) == 4
    assert len(names) == len({n.casefold() for n in names})
    for name in names:
        parts = name.split("/")
        assert not name.startswith("/") and ".." not in parts and "\\" not in name
        _check(parts[-1])
    assert len([n for n in names if n.startswith("originals/")]) == 4


def test_a_file_destination_is_used_as_given_and_a_folder_gets_a_headline_name(tmp_path):
    article = _article(1, "长春汽车")
    assert export_articles([article], "txt", tmp_path / "mine.txt") == [tmp_path / "mine.txt"]
    assert export_articles([article], "txt", tmp_path / "noext") == [tmp_path / "noext.txt"]
    first = export_articles([article], "txt", tmp_path)
    second = export_articles([article], "txt", tmp_path)
    assert first == [tmp_path / "长春汽车.txt"] and second == [tmp_path / "长春汽车 (2).txt"]


def test_unwritable_destinations_are_one_clear_error(tmp_path):
    article = _article(1, "x")
    (tmp_path / "file").write_text("x")
    for out in [tmp_path / "file" / "x.pdf", tmp_path / "missing" / "x.pdf"]:
        with pytest.raises(ExportError) as err:
            export_articles([article], "txt", out)
        assert str(out) in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ExportError):
        export_articles([article], "txt", tmp_path / "file", options=ExportOptions(split=True))
    with pytest.raises(ExportError, match="unknown export format"):
        export_articles([article], "rtf", tmp_path / "x.rtf")
    with pytest.raises(ExportError, match="no articles"):
        export_articles([], "txt", tmp_path / "x.txt")
