"""Topics from the taxonomy: weighted keywords, title hits, length normalisation, threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.document import RawDocument
from archive.metadata import Taxonomy, extract_metadata
from archive.metadata.topics import DEFAULT_PATH

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / "resources" / "corpus"


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return Taxonomy.default()


def sample_topics(stem: str) -> list[str]:
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    return [name for name, _ in extract_metadata(RawDocument(text)).topics]


def test_taxonomy_has_the_topics_of_the_design(tax):
    required = {
        "新能源汽车", "智能网联", "营商环境", "招商引资与项目", "人才", "民生", "产业集群与政策",
        "数字化转型", "芯片与供应链", "基础设施", "会展活动", "经济数据",
    }  # fmt: skip
    assert required <= set(tax.names())
    assert Taxonomy.default() is tax
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    for name, spec in data["topics"].items():
        assert spec["keywords"], name
        assert all(w > 0 for w in spec["keywords"].values()), name


# What each sample article is about, as a reader would put it.
SAMPLE_TOPICS = {
    # 2023中德汽车大会 feature: industry, business environment, serving FAW, talent, livelihoods
    "000_b23c919e069612c2": {"营商环境", "人才", "民生", "产业集群与政策"},
    # year review 2021: projects, the "六个回归" policy, the chip shortage, roads and parks
    "001_694c73c48f266096": {"招商引资与项目", "产业集群与政策", "芯片与供应链", "基础设施"},
    # new energy and intelligent connected vehicles, policies, digital transformation
    "002_6002dfd231891dcc": {"新能源汽车", "产业集群与政策", "智能网联", "数字化转型"},
    # 2024 work meeting: the cluster, revitalisation, livelihoods
    "003_4c3d5048d115c7e7": {"产业集群与政策", "区域振兴", "民生"},
    # first-half 2025 figures, projects, innovation
    "004_9e81065f0760de46": {"招商引资与项目", "经济数据", "科技创新"},
}
BEST = {
    "001_694c73c48f266096": "招商引资与项目",
    "002_6002dfd231891dcc": "新能源汽车",
    "003_4c3d5048d115c7e7": "产业集群与政策",
}


@pytest.mark.parametrize("stem", sorted(SAMPLE_TOPICS))
def test_sample_article_topics(stem):
    topics = sample_topics(stem)
    assert 2 <= len(topics) <= 5
    assert SAMPLE_TOPICS[stem] <= set(topics)
    if stem in BEST:
        assert topics[0] == BEST[stem]


def test_scores_are_sorted_and_pass_the_threshold(tax):
    text = (CORPUS / "002_6002dfd231891dcc.txt").read_text(encoding="utf-8")
    scored = tax.score("逆势扬帆求跨越", text)
    scores = [s for _, s in scored]
    assert scores == sorted(scores, reverse=True)
    assert all(s >= tax.threshold for s in scores)


def test_title_hits_weigh_more(tax):
    body = "会议讨论了芯片供应和新能源汽车推广。" * 3
    chip_title = dict(tax.raw_scores("车规级芯片国产化提速", body))
    nev_title = dict(tax.raw_scores("新能源汽车推广提速", body))
    assert chip_title["芯片与供应链"] > nev_title["芯片与供应链"]
    assert nev_title["新能源汽车"] > chip_title["新能源汽车"]


def test_scores_are_normalised_by_length(tax):
    para = "新能源汽车产销两旺，动力电池配套项目加快建设，换电站不断增加，氢能源车辆开始示范运营。"
    short = dict(tax.raw_scores("", para * 15))["新能源汽车"]
    long = dict(tax.raw_scores("", para * 60))["新能源汽车"]
    assert long == pytest.approx(short, rel=0.05)
    # a very short text is scored as if it were min_length long: two words make no topic
    tiny = dict(tax.raw_scores("", "新能源汽车"))["新能源汽车"]
    assert tiny < tax.threshold


def test_traditional_and_english_keywords(tax):
    trad = [t for t, _ in tax.score("", "新能源汽車銷量增長，動力電池與充電樁建設加快。" * 8)]
    assert trad[0] == "新能源汽车"
    english = (DATA / "metadata" / "english.txt").read_text(encoding="utf-8")
    assert "新能源汽车" in [t for t, _ in tax.score("", english)]
    # "EV" is a keyword, but not inside "every" or "evening"
    assert tax.raw_scores("", "every evening everyone reviews eleven events") == {}


def test_text_without_keywords_gets_no_topic(tax):
    assert tax.score("", "今天天气很好，我们去公园散步。") == []


def test_load_from_path(tmp_path):
    path = tmp_path / "taxonomy.json"
    path.write_text(
        json.dumps({"threshold": 1, "topics": {"甲": {"keywords": {"苹果": 1}}}}),
        encoding="utf-8",
    )
    tax = Taxonomy.load(path)
    assert tax.names() == ["甲"]
    assert [t for t, _ in tax.score("", "苹果" * 5)] == ["甲"]
