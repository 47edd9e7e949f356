"""Publication date and year: datelines first, then reported events, never targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.document import RawDocument
from archive.metadata import detect_date, extract_metadata
from archive.metadata.dates import split_source
from index.folding import fold

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / "resources" / "corpus"


def date_of(text: str, hint: str | None = None):
    info = detect_date(fold(text), hint)
    return info.date, info.year, info.source


# The year each sample was published, worked out by reading it:
# 000: the 2023中德汽车大会 "10月17日至19日" is reported as happening now; "到2025年" is a target.
# 001: "2021行至年终岁尾" - the year is ending as it is written; 2022/2025 are plans.
# 002: the latest events are in Nov 2023, but "以2023年数据为例" reports the whole year 2023
#      (production 155.8万辆, +16.7% on the year), so it was written after 2023 ended: 2024.
# 003: "3月29日，长春汽开区召开2024年度工作会议"; "到2025年" is a target.
# 004: "2025年上半年" results and "今年7月" (a company founded), so 2025.
SAMPLE_DATES = {
    "000_b23c919e069612c2": ("2023-10-17", 2023, "event"),
    "001_694c73c48f266096": ("2021-12-14", 2021, "event"),
    "002_6002dfd231891dcc": ("2024", 2024, "inferred"),
    "003_4c3d5048d115c7e7": ("2024-03-29", 2024, "event"),
    "004_9e81065f0760de46": ("2025-07", 2025, "event"),
}


@pytest.mark.parametrize("stem", sorted(SAMPLE_DATES))
def test_sample_article_years(stem):
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    meta = extract_metadata(RawDocument(text))
    kind, evidence = split_source(meta.date_source)
    assert (meta.date, meta.year, kind) == SAMPLE_DATES[stem]
    assert evidence  # the words the date was read from, shown on hover


def test_dateline_wins_over_targets_in_the_text():
    text = (DATA / "metadata" / "dateline.txt").read_text(encoding="utf-8")
    assert date_of(text) == ("2020-09-15", 2020, "dateline")


def test_english_dateline_and_by_2030_is_ignored():
    text = (DATA / "metadata" / "english.txt").read_text(encoding="utf-8")
    assert date_of(text) == ("2024-06-18", 2024, "dateline")


def test_only_target_years_gives_no_year():
    text = (DATA / "metadata" / "targets_only.txt").read_text(encoding="utf-8")
    assert date_of(text) == (None, None, None)


def test_traditional_chinese_event_date():
    text = (DATA / "metadata" / "traditional.txt").read_text(encoding="utf-8")
    assert date_of(text) == ("2024-03-12", 2024, "event")


def test_no_year_in_the_text_gives_none():
    text = (DATA / "metadata" / "caption_first.txt").read_text(encoding="utf-8")
    assert date_of(text) == (None, None, None)  # "6月18日" alone does not tell the year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题\n\n发布时间：2020-09-15\n\n正文。", ("2020-09-15", 2020, "dateline")),
        ("标题\n发布时间：2020年9月15日 08:30\n正文。", ("2020-09-15", 2020, "dateline")),
        ("标题\n2024年6月18日 来源：新华社\n正文。", ("2024-06-18", 2024, "dateline")),
        ("标题\n2024-06-18 10:20\n正文，到2030年实现目标。", ("2024-06-18", 2024, "dateline")),
        ("Title\n\nCHANGCHUN, June 18, 2024 — FAW said.", ("2024-06-18", 2024, "dateline")),
        ("Title\n\nPublished: 18 June 2024\n\nText.", ("2024-06-18", 2024, "dateline")),
        (
            "本报讯（记者 张三）2024年6月18日，一汽在长春发布新车。",
            ("2024-06-18", 2024, "dateline"),
        ),
        (
            "10月17日至19日，以“引领·革新·超越”为主题的2023中德汽车大会在长春举行。",
            ("2023-10-17", 2023, "event"),
        ),
        ("迈着铿锵的步伐,2021行至年终岁尾。回望即将过去的一年。", ("2021", 2021, "event")),
        ("长春汽开区召开2023年度工作会议，部署全年工作。", ("2023", 2023, "event")),
        ("2025年上半年，汽开区GDP完成598.8亿元，同比增长5.5%。", ("2025", 2025, "event")),
        ("2025年上半年，汽开区GDP完成598.8亿元。今年7月，新公司成立。", ("2025-07", 2025, "event")),
        ("以2023年数据为例，整车产销完成155.8万辆，同比增长16.7%。", ("2024", 2024, "inferred")),
        ("今年前三季度，预计GDP增长8%。", (None, None, None)),
        ("到2025年，中国一汽将实现整车销量超600万辆。", (None, None, None)),
        ("力争2026年产值突破千亿元。", (None, None, None)),
        ("预计2027年动力电池本地配套率将达到50%。", (None, None, None)),
        ("项目计划于2028年前建成投产。", (None, None, None)),
        ("新工厂将于2026年投产。", (None, None, None)),
        ("The plant opened on June 18, 2024, the company said.", ("2024-06-18", 2024, "event")),
        ("By 2030, the plant will build 500,000 cars.", (None, None, None)),
        ("The group plans to sell two million cars in 2030.", (None, None, None)),
        ("《长春国际汽车城规划(2020—2035年)》正式印发。", (None, None, None)),
        ("建筑面积2000平方米，投资2100万元，引进2205套设备。", (None, None, None)),
        ("公司成立于1992年。2023年，公司产值增长一成。", ("2023", 2023, "event")),
    ],
)
def test_date_rules(text, expected):
    assert date_of(text) == expected


def test_a_target_year_never_wins_over_an_earlier_event():
    text = "2022年，汽开区产值完成1010亿元。到2025年，产值将突破万亿元。预计2030年再翻一番。"
    assert date_of(text) == ("2022", 2022, "event")


def test_date_hint_is_preferred():
    assert date_of("2023年，公司产值增长。", "2021-05") == ("2021-05", 2021, "hint")
    # a hint that is not a date is ignored
    assert date_of("2023年，公司产值增长。", "unknown") == ("2023", 2023, "event")
