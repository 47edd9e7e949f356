"""Every fixture format of the five sample articles reads back as the article a person wrote.

The fixtures (tests/data/formats, copied from the shared format fixtures) were made with
pandoc, LibreOffice and iconv from the seed texts in resources/corpus; ground_truth.json
holds each article's headline, section headings and photo captions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.readers import READERS, ReadResult, read_bytes

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
CORPUS = ROOT / "resources" / "corpus"
TRUTH = json.loads((FORMATS / "ground_truth.json").read_text(encoding="utf-8"))
STEMS = sorted(TRUTH)

# A few body phrases per article, from different parts of it.
PHRASES = {
    "000_b23c919e069612c2": [
        "以“引领·革新·超越”为主题的2023中德汽车大会",
        "规上工业总产值占长春市的51.7%",
        "以民生福祉为追求解锁幸福密码",
    ],
    "001_694c73c48f266096": [
        "迈着铿锵的步伐,2021行至年终岁尾。",
        "一汽红旗繁荣工厂落成",
        "紧紧围绕",
    ],
    "002_6002dfd231891dcc": [
        "在汽车行业迈向“新四化”的赛道上，长春“当仁不让”。",
        "整车产值完成3165.4亿元",
    ],
    "003_4c3d5048d115c7e7": ["站排头，当主力，挑大梁！", "不负春光再出发"],
    "004_9e81065f0760de46": ["长春，这座因汽车而兴的城市", "一汽-大众6款燃油车技改"],
}
# What the news-portal template wraps around every HTML article.
BOILERPLATE = [
    "热点排行",
    "长春地铁6号线最新进展公布",
    "吉林省发布寒潮蓝色预警",
    "汽开区多家企业入选省级专精特新名单",
    "欢迎访问长春新闻网",
    "请输入关键词",
    "当前位置",
    "分享到",
    "免责声明",
    "吉ICP备",
    "版权所有",
    "页面加载完成",  # script text
    "请使用最新版浏览器访问本站",  # script in <head>
    "stat.js",
    "max-width",  # style text
    "推荐阅读",
    "字号",
]
HEADLINE_001 = TRUTH["001_694c73c48f266096"]["headline"]


def read(name: str) -> ReadResult:
    path = FORMATS / name
    return read_bytes(path.read_bytes(), path.name)


def seed_lines(stem: str) -> list[str]:
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.split("\n") if line.strip()]


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def body_lines(stem: str) -> list[str]:
    """Seed lines every format keeps as lines (004's headline is joined in markup)."""
    lines = seed_lines(stem)
    if stem.startswith("004"):
        lines = [ln for ln in lines if ln not in ("长春汽开区：", "向“新”求变 智赢未来")]
    return lines


def test_every_format_is_registered() -> None:
    assert {"txt", "html", "docx", "pdf", "epub", "md", "eml"} <= set(READERS)


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize(
    "suffix", ["html", "docx", "epub", "md", "pdf", "gb18030.txt", "utf16.txt"]
)
def test_each_paragraph_comes_through_as_one_line(stem: str, suffix: str) -> None:
    result = read(f"{stem}.{suffix}")
    assert len(result.documents) == 1
    got = set(lines_of(result.documents[0].text))
    missing = [line for line in body_lines(stem) if line not in got]
    assert missing == []
    for phrase in PHRASES[stem]:
        assert phrase in result.documents[0].text


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("suffix", ["html", "docx", "epub", "md"])
def test_markup_formats_give_the_headline_as_title_hint(stem: str, suffix: str) -> None:
    doc = read(f"{stem}.{suffix}").documents[0]
    assert doc.title_hint == TRUTH[stem]["headline"]
    assert doc.heading_hints == TRUTH[stem]["section_headings"]
    assert doc.caption_hints == TRUTH[stem]["captions"]
    assert TRUTH[stem]["headline"] in lines_of(doc.text)


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("suffix", ["pdf", "gb18030.txt", "utf16.txt"])
def test_plain_formats_keep_the_headline_as_a_line(stem: str, suffix: str) -> None:
    doc = read(f"{stem}.{suffix}").documents[0]
    lines = lines_of(doc.text)
    if stem.startswith("004") and suffix != "pdf":
        assert "长春汽开区：" in lines and "向“新”求变 智赢未来" in lines
    else:
        assert TRUTH[stem]["headline"] in lines


@pytest.mark.parametrize("stem", STEMS)
def test_html_keeps_the_article_and_drops_the_portal(stem: str) -> None:
    result = read(f"{stem}.html")
    text = result.documents[0].text
    assert result.format == "html"
    assert result.encoding == "utf-8"  # 001 and 003 have no meta charset: detected
    for junk in BOILERPLATE:
        assert junk not in text, junk
    # Navigation links are single words that also occur in articles; the nav bar as a
    # line must not.
    assert not any(line in ("首页", "时政", "登录", "注册", "搜索") for line in lines_of(text))
    if not stem.startswith("001"):
        assert HEADLINE_001 not in text  # the sidebar headline on every page
    assert lines_of(text)[0] == TRUTH[stem]["headline"]


@pytest.mark.parametrize(
    "stem,date",
    [
        ("000_b23c919e069612c2", "2023-10-20"),
        ("001_694c73c48f266096", "2021-12-30"),
        ("002_6002dfd231891dcc", "2023-10-11"),
    ],
)
def test_html_date_line_next_to_the_headline_is_the_date_hint(stem: str, date: str) -> None:
    assert read(f"{stem}.html").documents[0].date_hint == date


def test_epub_kicker_chapter_leads_the_article_instead_of_standing_alone() -> None:
    result = read("002_6002dfd231891dcc.epub")
    assert len(result.documents) == 1
    doc = result.documents[0]
    lines = lines_of(doc.text)
    kicker = TRUTH["002_6002dfd231891dcc"]["kicker"]
    assert lines[: len(kicker)] == kicker
    assert lines.count("逆势扬帆求跨越") == 1  # pandoc's repeated book title is not kept
    assert doc.title_hint == "逆势扬帆求跨越"
    assert doc.part == "EPUB/text/ch002.xhtml"


@pytest.mark.parametrize("stem", STEMS)
def test_epub_skips_the_title_page(stem: str) -> None:
    result = read(f"{stem}.epub")
    assert len(result.documents) == 1
    assert "长春日报" not in result.documents[0].text  # the title page's author line
    assert result.documents[0].author_hints == []  # dc:creator signs the e-book, not the article


def test_markdown_kicker_lines_before_the_headline_stay_in_order() -> None:
    doc = read("002_6002dfd231891dcc.md").documents[0]
    lines = lines_of(doc.text)
    assert (
        lines.index("看长春")
        < lines.index("逆势扬帆求跨越")
        < lines.index("本报记者 孟凡明 刘霄宇")
    )
    assert "#" not in doc.text and "*" not in doc.text


def test_docx_without_heading_styles_keeps_its_lines() -> None:
    doc = read("000_b23c919e069612c2.lo.docx").documents[0]
    assert doc.title_hint is None
    raw = (CORPUS / "000_b23c919e069612c2.txt").read_text(encoding="utf-8")
    assert doc.text == "\n".join(line.rstrip() for line in raw.split("\n")).strip("\n")


def test_pdf_has_no_radicals_no_stray_spaces_and_no_page_breaks_inside_paragraphs() -> None:
    text = read("000_b23c919e069612c2.pdf").documents[0].text
    assert not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in text)
    assert "2023中德汽车大会" in text  # no autospace between CJK and digits
    assert "本报记者 柳青" in text  # a real space is kept
    assert "投资79亿元" in text  # a number broken at a line end is one number
    assert "\r" not in text


@pytest.mark.parametrize("stem", STEMS)
def test_txt_is_the_seed_as_written(stem: str) -> None:
    """Only invisible differences: trailing blanks of lines, blank lines at the two ends."""
    raw = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    seed = "\n".join(line.rstrip() for line in raw.split("\n")).strip("\n")
    gb = read(f"{stem}.gb18030.txt")
    u16 = read(f"{stem}.utf16.txt")
    assert (gb.encoding, u16.encoding) == ("gb18030", "utf-16-le")
    assert gb.documents[0].text == seed
    assert u16.documents[0].text == seed  # CRLF normalised, BOM dropped
