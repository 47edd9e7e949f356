"""extract_metadata end to end, language, folding and the segmenter word list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.document import ArticleMeta, RawDocument
from archive.metadata import Gazetteer, Taxonomy, detect_language, extract_metadata, fast_fold
from archive.paths import RESOURCES
from index.folding import fold

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / "resources" / "corpus"
TRUTH = json.loads((DATA / "ground_truth.json").read_text(encoding="utf-8"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# What a user sees in the archive for each sample article.
SAMPLES = {
    "000_b23c919e069612c2": ("为汽车产业高质量发展“蓄势赋能”", ["柳青"], 2023, "中国一汽"),
    "001_694c73c48f266096": ("长春国际汽车城：开启高质量发展新时代", [], 2021, "中国一汽"),
    "002_6002dfd231891dcc": ("逆势扬帆求跨越", ["孟凡明", "刘霄宇"], 2024, "中国一汽"),
    "003_4c3d5048d115c7e7": ("跃升·迈向世界级先进制造业集群", ["孟凡明"], 2024, "中国一汽"),
    "004_9e81065f0760de46": ("长春汽开区：向“新”求变 智赢未来", ["华泰来"], 2025, "奥迪一汽"),
}


@pytest.mark.parametrize("stem", sorted(SAMPLES))
def test_sample_articles_end_to_end(stem):
    title, authors, year, top_company = SAMPLES[stem]
    meta = extract_metadata(RawDocument(read(CORPUS / f"{stem}.txt")))
    assert isinstance(meta, ArticleMeta)
    assert meta.title == title == TRUTH[stem]["headline"]
    assert meta.authors == authors
    assert meta.year == year
    assert meta.language == "zh"
    assert next(iter(meta.companies)) == top_company
    assert 2 <= len(meta.topics) <= 5
    assert meta.captions == TRUTH[stem]["captions"]
    assert meta.headings == TRUTH[stem]["section_headings"]
    subtitle = TRUTH[stem]["subtitle"]
    assert meta.subtitle == (subtitle[0] if subtitle else None)
    kicker = TRUTH[stem]["kicker"]
    assert meta.kicker == (" ".join(kicker) if kicker else None)


def test_short_articles_end_to_end():
    d = DATA / "metadata"
    english = extract_metadata(RawDocument(read(d / "english.txt")))
    assert english.language == "en"
    assert english.authors == ["Li Wen"]
    assert english.date == "2024-06-18"
    assert english.date_source.startswith("dateline: CHANGCHUN, June 18, 2024")
    assert next(iter(english.companies)) == "一汽-大众"

    trad = extract_metadata(RawDocument(read(d / "traditional.txt")))
    assert trad.language == "zh"
    assert trad.title == "一汽-大眾與寧德時代簽署動力電池合作協議"  # shown as written
    assert trad.authors == ["陳嘉欣"]
    assert set(trad.companies) == {"一汽-大众", "宁德时代", "中国一汽"}  # canonical names
    assert trad.topics[0][0] == "新能源汽车"

    dateline = extract_metadata(RawDocument(read(d / "dateline.txt")))
    assert (dateline.title, dateline.year) == ("一汽解放新能源轻卡批量交付顺丰", 2020)
    assert dateline.companies["一汽解放"] == 5 and dateline.companies["中国一汽"] == 1

    targets = extract_metadata(RawDocument(read(d / "targets_only.txt")))
    assert (targets.year, targets.date, targets.date_source) == (None, None, None)

    caption = extract_metadata(RawDocument(read(d / "caption_first.txt")))
    assert caption.title == "红旗繁荣工厂首批新车下线"
    assert caption.captions[0] == "一汽红旗繁荣工厂总装车间。"


def test_title_hint_companies_count_when_the_headline_is_not_in_the_text():
    doc = RawDocument("合作将持续多年。", title_hint="宁德时代与一汽签约")
    meta = extract_metadata(doc)
    assert meta.title == "宁德时代与一汽签约"
    assert set(meta.companies) == {"宁德时代", "中国一汽"}


def test_custom_gazetteer_and_taxonomy_are_used():
    gaz = Gazetteer.default().with_aliases({"测试汽车": ["测试车企"]})
    meta = extract_metadata(RawDocument("测试车企发布新车。"), gaz, Taxonomy.default())
    assert meta.companies == {"测试汽车": 1}


def test_empty_document():
    meta = extract_metadata(RawDocument(""))
    assert meta.title == ""
    assert meta.blocks == []
    assert (meta.year, meta.companies, meta.topics) == (None, {}, [])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("长春汽开区GDP完成598.8亿元，CATL和BYD也在这里。", "zh"),
        ("長春汽開區的新能源汽車產業", "zh"),
        ("FAW-Volkswagen (一汽-大众) opened a new plant in Changchun on Tuesday.", "en"),
        ("", "zh"),
    ],
)
def test_language(text, language):
    assert detect_language(text) == language


def test_fast_fold_is_fold_on_the_corpus_and_every_character():
    for path in sorted(CORPUS.glob("*.txt")) + sorted((DATA / "metadata").glob("*.txt")):
        text = read(path)
        assert fast_fold(text) == fold(text)
    every = "".join(chr(cp) for cp in range(0x20, 0x30000))  # lone surrogates included
    assert fast_fold(every) == fold(every)
    assert fast_fold("ΟΔΟΣ 一汽") == fold("ΟΔΟΣ 一汽")  # final sigma depends on context


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fast_fold_is_fold(text):
    assert fast_fold(text) == fold(text)


def test_userdict_has_company_names_and_industry_terms():
    words = {
        line.split()[0]
        for line in read(RESOURCES / "userdict.txt").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {"汽开区", "智能网联", "新能源汽车", "一汽弗迪", "长春国际汽车城"} <= words
    assert all(re.fullmatch(r"[\u3400-\u9fff]+", w) for w in words)  # one segmenter piece each
    for company in Gazetteer.default().companies:
        for name in (company.canonical, *company.aliases):
            name = name.lstrip("~")
            if re.fullmatch(r"[\u3400-\u9fff]{2,}", name):
                assert name in words, name


_NEWSY = st.sampled_from(
    list("一汽解放红旗大众长春年月日，。！？、：；—▲▼“”（）() \n\n\n2023192005-:ABCab")
    + ["本报记者 张三", "By Li Wen", "发布时间：", "——", "有限公司", "集团", "到2025年"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_NEWSY, max_size=80).map("".join),
    st.one_of(st.none(), st.text(max_size=12)),
    st.lists(st.text(max_size=8), max_size=3),
)
def test_any_text_gets_metadata_and_no_line_is_lost(text, hint, hints):
    doc = RawDocument(
        text, title_hint=hint, heading_hints=hints, caption_hints=hints, date_hint=hint
    )
    meta = extract_metadata(doc)
    for line in text.split("\n"):
        if line.strip():
            assert any(line.strip() in b.text for b in meta.blocks), line
    assert meta.year is None or 1800 <= meta.year <= 2100
