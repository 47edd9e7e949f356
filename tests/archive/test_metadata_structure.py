"""Structure of an article: headline, kicker, subtitle, byline, headings, captions, paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.document import RawDocument
from archive.metadata import analyse, extract_metadata

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / "resources" / "corpus"
TRUTH = json.loads((DATA / "ground_truth.json").read_text(encoding="utf-8"))
STEMS = sorted(TRUTH)

# Lines broken in mid-sentence in each seed, and the joined text a reader must see.
JOINS = {
    "000_b23c919e069612c2": [
        "着手帮我们协调办理相关手续。并且财政局、建设局等相关部门都有专人帮我们协调沟通",
        "并与中国一汽签署战略合作协议，共同推进",
        "充分发挥组织功能，不断积蓄产业人才密度和厚度",
    ],
    "001_694c73c48f266096": [
        "大力实施老旧小区提升改造工程。",
        "出台了《关于进一步集聚人才助力中国一汽发展的若干意见》",
    ],
    "002_6002dfd231891dcc": ["在不久前结束的首届中国际供应链促进博览会上"],
    "003_4c3d5048d115c7e7": ["准确把握国家政策方向，成立工作专班"],
    "004_9e81065f0760de46": [],
}


def sample(stem: str) -> str:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


def texts(blocks, kind: str) -> list[str]:
    return [b.text for b in blocks if b.kind == kind]


@pytest.fixture(scope="module")
def structures():
    return {stem: analyse(RawDocument(sample(stem))) for stem in STEMS}


@pytest.mark.parametrize("stem", STEMS)
def test_headline_is_the_real_headline(structures, stem):
    s = structures[stem]
    assert s.title == TRUTH[stem]["headline"]
    assert texts(s.blocks, "title") == [TRUTH[stem]["headline"]]


def test_headline_split_over_two_lines_after_a_lead_is_joined(structures):
    s = structures["004_9e81065f0760de46"]
    assert s.title == "长春汽开区：向“新”求变 智赢未来"
    # the three lead paragraphs stay paragraphs, before the headline
    kinds = [b.kind for b in s.blocks[:5]]
    assert kinds == ["paragraph", "paragraph", "paragraph", "title", "byline"]


@pytest.mark.parametrize("stem", STEMS)
def test_captions_headings_subtitles_kickers_bylines_match_ground_truth(structures, stem):
    s, truth = structures[stem], TRUTH[stem]
    assert texts(s.blocks, "caption") == truth["captions"]
    assert texts(s.blocks, "heading") == truth["section_headings"]
    assert texts(s.blocks, "subtitle") == truth["subtitle"]
    assert texts(s.blocks, "kicker") == truth["kicker"]
    assert texts(s.blocks, "byline") == truth["byline"]


@pytest.mark.parametrize("stem", STEMS)
def test_broken_lines_are_joined_and_nothing_else(structures, stem):
    paragraphs = texts(structures[stem].blocks, "paragraph")
    for joined in JOINS[stem]:
        assert any(joined in p for p in paragraphs), joined
    # the ground truth counts the physical lines; each join makes one paragraph of two
    assert len(paragraphs) == TRUTH[stem]["n_body_paragraphs"] - len(JOINS[stem])


@pytest.mark.parametrize("stem", STEMS)
def test_nothing_is_lost_and_reading_order_is_kept(structures, stem):
    blocks = structures[stem].blocks
    lines = [ln.strip() for ln in sample(stem).split("\n") if ln.strip()]
    for line in lines:
        assert any(line in b.text for b in blocks), line
    # blocks come in the order of the text (a caption inside a broken paragraph follows it)
    body = "".join(lines)
    cursor = 0
    for block in blocks:
        found = body.find(block.text[:10], cursor)
        assert found >= 0, block.text
        cursor = found + 1


def test_kicker_subtitle_and_authors(structures):
    s = structures["002_6002dfd231891dcc"]
    assert s.kicker is not None
    assert s.kicker.startswith("看长春")
    assert "向“新”而行——" in s.kicker
    assert s.authors == ["孟凡明", "刘霄宇"]
    assert structures["000_b23c919e069612c2"].subtitle == "——写在2023中德汽车大会召开之际"
    assert structures["000_b23c919e069612c2"].authors == ["柳青"]
    assert structures["001_694c73c48f266096"].authors == []
    assert structures["001_694c73c48f266096"].subtitle is None
    # 003 has a second headline + byline block halfway: a heading, and the same reporter once
    s3 = structures["003_4c3d5048d115c7e7"]
    assert s3.subtitle == "——长春汽车经济技术开发区——"
    assert s3.authors == ["孟凡明"]


def test_article_starting_with_a_photo_caption():
    text = (DATA / "metadata" / "caption_first.txt").read_text(encoding="utf-8")
    s = analyse(RawDocument(text))
    assert s.title == "红旗繁荣工厂首批新车下线"
    assert [b.kind for b in s.blocks[:3]] == ["caption", "title", "byline"]
    assert texts(s.blocks, "caption") == ["一汽红旗繁荣工厂总装车间。", "▲工人在检查下线新车。"]
    assert s.authors == ["张宇"]


def test_page_banner_and_dateline_are_not_the_headline():
    text = (DATA / "metadata" / "dateline.txt").read_text(encoding="utf-8")
    s = analyse(RawDocument(text))
    assert s.title == "一汽解放新能源轻卡批量交付顺丰"
    stamp = [b for b in s.blocks if "发布时间" in b.text]
    assert len(stamp) == 1 and stamp[0].kind == "byline"
    assert not stamp[0].text.endswith("。")  # not glued to the next paragraph
    # reporters named inline: "本报讯（记者 王晓东 通讯员 李明）"
    assert s.authors == ["王晓东", "李明"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("本报记者 柳青", ["柳青"]),
        ("本报记者 孟凡明 刘霄宇", ["孟凡明", "刘霄宇"]),
        ("记者 陈嘉欣 报道", ["陈嘉欣"]),
        ("本報記者 陳嘉欣", ["陳嘉欣"]),
        ("本报记者 张三 通讯员 李四", ["张三", "李四"]),
        ("本报记者 文静 图静", ["文静", "图静"]),
        ("文/张三 图/李四", ["张三", "李四"]),
        ("记者张三", ["张三"]),
        ("By Li Wen", ["Li Wen"]),
        ("By Li Wen and Zhang San", ["Li Wen", "Zhang San"]),
    ],
)
def test_bylines(line, authors):
    s = analyse(RawDocument(f"一汽发布新车\n\n{line}\n\n正文第一段，介绍了新车。\n"))
    assert s.title == "一汽发布新车"
    assert texts(s.blocks, "byline") == [line]
    assert s.authors == authors


def test_sentence_starting_with_by_is_not_a_byline():
    text = (
        "FAW opens plant\n\nBy the end of 2024, the plant will build 200,000 cars a year.\n\n"
        "It is the group's largest plant."
    )
    s = analyse(RawDocument(text))
    assert s.authors == []
    assert texts(s.blocks, "byline") == []


def test_english_article_structure():
    text = (DATA / "metadata" / "english.txt").read_text(encoding="utf-8")
    s = analyse(RawDocument(text))
    assert s.title == "FAW-Volkswagen opens new battery assembly plant in Changchun"
    assert s.authors == ["Li Wen"]
    assert len(texts(s.blocks, "paragraph")) == 3


def test_markup_hints_win_over_guesses():
    text = (
        "要闻速览\n\n真正的标题在这里\n\n正文第一段，内容很多。\n\n小标题\n\n"
        "正文第二段，还有内容。\n\n一段看似标题的话\n\n正文第三段。\n\n工厂一角。\n"
    )
    doc = RawDocument(
        text,
        title_hint="真正的标题在这里",
        heading_hints=["小标题"],
        caption_hints=["工厂一角。"],
        author_hints=["王五"],
        date_hint="2022-05-01",
    )
    meta = extract_metadata(doc)
    assert meta.title == "真正的标题在这里"
    assert meta.headings == ["小标题"]  # "一段看似标题的话" is not a heading: markup said so
    assert meta.captions == ["工厂一角。"]
    assert meta.authors == ["王五"]
    assert (meta.date, meta.year, meta.date_source) == ("2022-05-01", 2022, "hint: 2022-05-01")


def test_title_hint_not_in_text_becomes_the_first_block():
    doc = RawDocument("正文第一段，内容。\n\n正文第二段。", title_hint="标题来自网页")
    s = analyse(doc)
    assert s.title == "标题来自网页"
    assert s.blocks[0].kind == "title" and s.blocks[0].text == "标题来自网页"
    assert texts(s.blocks, "paragraph") == ["正文第一段，内容。", "正文第二段。"]


def test_empty_and_one_line_documents():
    assert analyse(RawDocument("")).title == ""
    one = analyse(RawDocument("只有一行标题"))
    assert one.title == "只有一行标题"
