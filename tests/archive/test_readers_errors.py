"""Bad files get one clear sentence, files that lie about their type are read for what they are."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from archive.readers import Limits, ReadError, detect_format, read_bytes

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
HEADLINE_004 = "长春汽开区：向“新”求变 智赢未来"


def fixture(name: str) -> bytes:
    return (FORMATS / name).read_bytes()


def assert_one_clear_sentence(err: ReadError) -> None:
    message = str(err)
    assert message and "\n" not in message
    assert "Traceback" not in message and "Error(" not in message
    assert message[0].isupper() and message.endswith(".")


def huge_declared_zip(member: str = "word/document.xml", size: int = 8 * 1024**3) -> bytes:
    """A tiny zip whose directory claims ``member`` unpacks to ``size`` bytes (8 GB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(member, b"0" * 1000)
    data = bytearray(buf.getvalue())
    # Patch the uncompressed size in the member's local header and central directory entry.
    name = member.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_len = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30 : local + 30 + name_len]) == name:
            struct.pack_into("<I", data, local + 22, min(size, 0xFFFFFFFE))
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_len]) == name:
            struct.pack_into("<I", data, central + 24, min(size, 0xFFFFFFFE))
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


@pytest.mark.parametrize(
    "data,name,expected",
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n\t\n", "blank.txt", "No text"),
        (b"This is not a zip archive at all.", "report.docx", "not a zip archive"),
        (b"Just some words.", "book.epub", "not a zip archive"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.txt", "PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.doc", "old Microsoft Office"),
    ],
)
def test_bad_files_are_refused_with_one_clear_sentence(
    data: bytes, name: str, expected: str
) -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(data, name)
    assert expected in str(err.value)
    assert_one_clear_sentence(err.value)


def test_truncated_pdf_is_refused() -> None:
    data = fixture("001_694c73c48f266096.pdf")
    with pytest.raises(ReadError) as err:
        read_bytes(data[: len(data) // 2], "cut.pdf")
    assert_one_clear_sentence(err.value)


def test_truncated_docx_is_refused() -> None:
    data = fixture("001_694c73c48f266096.docx")
    with pytest.raises(ReadError) as err:
        read_bytes(data[: len(data) // 2], "cut.docx")
    assert_one_clear_sentence(err.value)


def test_zip_bomb_docx_is_refused_before_inflating() -> None:
    data = huge_declared_zip()
    assert len(data) < 2000
    with pytest.raises(ReadError) as err:
        read_bytes(data, "bomb.docx")
    assert "zip bomb" in str(err.value)
    assert_one_clear_sentence(err.value)


def test_file_too_large() -> None:
    with pytest.raises(ReadError, match="too large"):
        read_bytes(b"x" * 5000, "big.txt", Limits(max_file_bytes=1000))


def test_a_plain_zip_is_not_one_article() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "hello")
    with pytest.raises(ReadError, match="zip"):
        read_bytes(buf.getvalue(), "files.bin")


# -- the extension lies or is missing ------------------------------------------------------


def test_pdf_renamed_txt_is_read_as_pdf() -> None:
    result = read_bytes(fixture("004_9e81065f0760de46.pdf"), "article.txt")
    assert result.format == "pdf"
    assert HEADLINE_004 in result.documents[0].text


def test_html_without_extension_is_read_as_html() -> None:
    result = read_bytes(fixture("003_4c3d5048d115c7e7.html"), "index")
    assert result.format == "html"
    assert result.documents[0].title_hint == "跃升·迈向世界级先进制造业集群"
    assert "热点排行" not in result.documents[0].text


def test_html_saved_as_txt_is_read_as_html() -> None:
    assert read_bytes(fixture("002_6002dfd231891dcc.html"), "page.txt").format == "html"


@pytest.mark.parametrize(
    "fixture_name,fmt",
    [
        ("000_b23c919e069612c2.docx", "docx"),
        ("000_b23c919e069612c2.epub", "epub"),
        ("000_b23c919e069612c2.pdf", "pdf"),
        ("000_b23c919e069612c2.html", "html"),
    ],
)
def test_sniffing_from_bytes_alone(fixture_name: str, fmt: str) -> None:
    assert detect_format(fixture(fixture_name), "no-extension") == fmt
    assert detect_format(fixture(fixture_name), "wrong.md") == fmt


def test_docx_named_pdf_is_read_as_docx() -> None:
    result = read_bytes(fixture("001_694c73c48f266096.docx"), "article.pdf")
    assert result.format == "docx"
    assert result.documents[0].title_hint == "长春国际汽车城：开启高质量发展新时代"


def test_email_without_extension_is_read_as_email() -> None:
    data = (
        b"From: desk@example.com\nTo: archive@example.com\nSubject: Plant opens\n"
        b"Date: Tue, 17 Oct 2023 08:00:00 +0800\nContent-Type: text/plain; charset=utf-8\n\n"
        + "长春汽开区新工厂投产。".encode()
    )
    result = read_bytes(data, "message")
    assert result.format == "eml"
    assert result.documents[0].text == "长春汽开区新工厂投产。"


@pytest.mark.parametrize(
    "name", ["my article.md", "长春 汽车新闻.md", "news 🚗✨.md", "报道（终稿）.MD"]
)
def test_file_names_with_spaces_chinese_and_emoji(name: str) -> None:
    result = read_bytes(fixture("004_9e81065f0760de46.md"), name)
    assert result.format == "md"
    assert result.documents[0].title_hint == HEADLINE_004


def test_parse_time_limit() -> None:
    with pytest.raises(ReadError, match="longer than"):
        read_bytes(fixture("000_b23c919e069612c2.pdf"), "slow.pdf", Limits(max_parse_seconds=0))


def test_html_page_named_eml_is_read_as_html() -> None:
    result = read_bytes(fixture("003_4c3d5048d115c7e7.html"), "saved.eml")
    assert result.format == "html"


def test_html_fragment_named_html_is_still_html() -> None:
    data = "<p>长春汽开区：向“新”求变，智赢未来。</p>".encode()
    result = read_bytes(data, "fragment.html")
    assert result.format == "html"
    assert result.documents[0].text == "长春汽开区：向“新”求变，智赢未来。"
