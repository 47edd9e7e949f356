"""Text in any of the encodings Chinese and English files come in reads as the same text."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

from archive.readers import ReadError, read_bytes

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
SEED = (ROOT / "resources" / "corpus" / "003_4c3d5048d115c7e7.txt").read_text(encoding="utf-8")
SEED_LINES = [line for line in SEED.split("\n") if line.strip()]


def big5_sample() -> str:
    """The seed in traditional characters (Taiwan forms), lines Big5 can encode."""
    traditional = opencc.OpenCC("s2tw").convert(SEED)
    keep = []
    for line in traditional.split("\n"):
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        keep.append(line)
    return "\n".join(keep).strip("\n")


def test_big5_is_detected_not_misread_as_gb18030() -> None:
    text = big5_sample()
    data = text.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes also "decode" as GB18030, into nonsense
    result = read_bytes(data, "news.txt")
    assert result.encoding in ("big5hkscs", "cp950", "big5")
    assert result.documents[0].text == text
    assert "躍升·邁向世界級先進製造業集群" in result.documents[0].text


def test_short_gb_and_big5_texts_are_told_apart() -> None:
    assert read_bytes("长春汽车产业".encode("gb18030"), "a.txt").documents[0].text == "长春汽车产业"
    assert read_bytes("長春汽車產業".encode("big5"), "a.txt").documents[0].text == "長春汽車產業"


def test_gb18030_fixture_and_gbk_only_characters() -> None:
    # 槃 and — are outside GB2312 but in GBK: bytes labelled GB2312 are decoded as GB18030.
    result = read_bytes((FORMATS / "003_4c3d5048d115c7e7.gb18030.txt").read_bytes(), "a.txt")
    assert result.encoding == "gb18030"
    assert "槃" in result.documents[0].text
    assert "——长春汽车经济技术开发区——" in result.documents[0].text


def test_gb2312_meta_label_on_gbk_bytes_reads_as_gb18030() -> None:
    body = "涅槃重生——长春汽车产业高质量发展"
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{body}</title></head><body><h1>{body}</h1><p>{body}，再出发。</p></body></html>"
    ).encode("gbk")
    result = read_bytes(page, "page.htm")
    assert result.encoding == "gb18030"
    assert result.documents[0].title_hint == body


@pytest.mark.parametrize(
    "codec,bom",
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_byte_order_marks(codec: str, bom: bytes) -> None:
    data = bom + "标题\r\n\r\n正文第一段。\r\n".encode(codec)
    result = read_bytes(data, "a.txt")
    assert result.documents[0].text == "标题\n\n正文第一段。"
    assert "\ufeff" not in result.documents[0].text


def test_utf16_without_bom() -> None:
    data = ("长春汽车产业，2023年。\n" * 5 + "Hello FAW.\n").encode("utf-16-le")
    result = read_bytes(data, "a.txt")
    assert result.encoding == "utf-16-le"
    assert result.documents[0].text.startswith("长春汽车产业，2023年。")


def test_line_endings_are_normalised() -> None:
    result = read_bytes("一\r\n二\r三\n四\u2028五".encode(), "a.txt")
    assert result.documents[0].text == "一\n二\n三\n四\n五"


def test_western_legacy_text() -> None:
    data = "Café naïve résumé, déjà vu in Changchun. ".encode("cp1252") * 5
    result = read_bytes(data, "a.txt")
    assert result.encoding == "cp1252"
    assert "Café naïve résumé" in result.documents[0].text


def test_random_bytes_named_txt_are_refused() -> None:
    data = random.Random(7).randbytes(20_000)
    with pytest.raises(ReadError, match="not text"):
        read_bytes(data, "notes.txt")


def test_random_high_bytes_without_zero_bytes_are_refused() -> None:
    rng = random.Random(8)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(20_000))
    with pytest.raises(ReadError) as err:
        read_bytes(data, "notes.txt")
    assert "encoding" in str(err.value) or "not text" in str(err.value)


def test_undecodable_text_is_refused_with_a_clear_message() -> None:
    # Half UTF-8, half GBK: no single encoding reads it.
    data = ("长春汽车产业高质量发展" * 20).encode("utf-8") + ("长春汽车产业高质量发展" * 20).encode(
        "gbk"
    )
    with pytest.raises(ReadError, match="encoding of this file could not be worked out"):
        read_bytes(data, "mixed.txt")


def test_text_with_control_characters_is_binary() -> None:
    data = ("正文" + "\x01\x02\x03\x04" * 50).encode("utf-8")
    with pytest.raises(ReadError, match="not text"):
        read_bytes(data, "a.txt")


def test_reading_is_the_same_for_utf8_as_for_every_legacy_encoding() -> None:
    text = "\n".join(SEED_LINES)
    for codec in ("utf-8", "gb18030", "utf-16"):
        assert read_bytes(text.encode(codec), "a.txt").documents[0].text == text
