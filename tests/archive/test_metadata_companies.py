"""Companies: the gazetteer, its aliases, one-pass longest matching, and unknown names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.document import RawDocument
from archive.metadata import Gazetteer, extract_metadata
from archive.metadata.companies import DEFAULT_PATH
from index.folding import fold

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2] / "resources" / "corpus"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def sample_companies(stem: str) -> dict[str, int]:
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    return extract_metadata(RawDocument(text)).companies


def test_gazetteer_size_and_default_is_cached(gaz):
    assert len(gaz) >= 150
    assert Gazetteer.default() is gaz


def test_gazetteer_file_is_documented_and_well_formed():
    raw = DEFAULT_PATH.read_text(encoding="utf-8").splitlines()
    assert raw[0].startswith("#")
    rows = [ln for ln in raw if ln.strip() and not ln.startswith("#")]
    assert rows[0].split("\t") == ["canonical", "aliases", "kind"]
    owner: dict[str, str] = {}
    for row in rows[1:]:
        cols = row.split("\t")
        assert len(cols) == 3, row
        for name in [cols[0], *cols[1].split("|")]:
            key = fold(name.lstrip("~"))
            assert owner.setdefault(key, cols[0]) == cols[0], f"{name} names two companies"


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("中国一汽", "中国一汽"),
        ("一汽", "中国一汽"),
        ("一汽集团", "中国一汽"),
        ("一汽集團", "中国一汽"),
        ("China FAW Group", "中国一汽"),
        ("china faw group", "中国一汽"),
        ("FAW", "中国一汽"),
        ("一汽大众", "一汽-大众"),
        ("一汽-大眾", "一汽-大众"),
        ("FAW-Volkswagen", "一汽-大众"),
        ("CATL", "宁德时代"),
        ("寧德時代", "宁德时代"),
        ("比亚迪", "比亚迪"),
        ("BYD", "比亚迪"),
        ("解放", "一汽解放"),  # an ambiguous alias still resolves when asked for by name
        ("百度 Apollo", "百度"),
        ("ＣＡＴＬ", "宁德时代"),  # full width
        ("没有这家公司", None),
    ],
)
def test_canonical(gaz, name, canonical):
    assert gaz.canonical(name) == canonical


def test_brief_companies_are_covered(gaz):
    for name in (
        "一汽", "一汽解放", "一汽红旗", "一汽-大众", "一汽丰田", "奥迪一汽", "一汽弗迪", "比亚迪",
        "吉利", "长城汽车", "长安汽车", "上汽", "广汽", "东风", "北汽", "奇瑞", "蔚来", "小鹏",
        "理想汽车", "零跑", "赛力斯", "问界", "极氪", "特斯拉中国", "大众中国", "宝马", "奔驰",
        "丰田", "本田", "宁德时代", "弗迪电池", "国轩高科", "亿纬锂能", "中创新航", "蜂巢能源",
        "地平线", "黑芝麻智能", "华为海思", "中芯国际", "英伟达", "富维", "富奥", "博世",
        "大陆集团", "采埃孚", "米其林", "玲珑轮胎", "华为", "百度", "腾讯", "阿里巴巴",
        "京东物流", "顺丰",
    ):  # fmt: skip
        assert gaz.canonical(name), name


def test_longest_match_first_and_no_overlap(gaz):
    assert gaz.match("一汽解放与一汽红旗签约") == {"一汽解放": 1, "一汽红旗": 1}
    assert gaz.match("一汽解放、一汽、中国一汽") == {"中国一汽": 2, "一汽解放": 1}
    assert gaz.match("奥迪一汽新能源汽车项目") == {"奥迪一汽": 1}
    assert gaz.match("一汽-大众和一汽大众") == {"一汽-大众": 2}


def test_traditional_and_english_resolve_to_simplified_canonical_names(gaz):
    text = (DATA / "metadata" / "traditional.txt").read_text(encoding="utf-8")
    assert gaz.match(text) == {"一汽-大众": 4, "宁德时代": 3, "中国一汽": 2}
    text = (DATA / "metadata" / "english.txt").read_text(encoding="utf-8")
    found = gaz.match(text)
    assert next(iter(found)) == "一汽-大众"
    assert {"中国一汽", "宁德时代", "大众汽车"} <= set(found)


def test_english_aliases_match_whole_words_only(gaz):
    assert gaz.match("A fawn crossed the road; Nvidia's GPUs and nvidia chips.") == {"英伟达": 2}
    assert gaz.match("the everyday SAICO store") == {}


def test_ambiguous_names_count_only_in_company_context(gaz):
    assert gaz.match("要解放思想，服务人民大众。") == {}
    assert gaz.match("拥有红旗、解放、大众、丰越等主机厂") == {
        "一汽红旗": 1, "一汽解放": 1, "大众汽车": 1, "一汽丰田": 1,
    }  # fmt: skip
    assert gaz.match("理想整车项目正在洽谈") == {"理想汽车": 1}
    assert gaz.match("理想信念坚定") == {}


def test_stop_phrases(gaz):
    assert gaz.match("东风大街智能化改造完成，凭借大会的东风，五星红旗迎风飘扬。") == {}
    assert gaz.match("更有现代汽车工业最珍贵的发展基因") == {}
    assert gaz.match("东风汽车与红旗品牌") == {"东风汽车集团": 1, "一汽红旗": 1}


def test_unknown_organisations_by_pattern(gaz):
    found = gaz.match("记者从长春鑫达汽车配件有限公司获悉，该公司今年产值增长。")
    assert found == {"长春鑫达汽车配件有限公司": 1}
    found = gaz.match("今年以来，该区积极引进吉林省恒信橡胶制品股份有限公司等企业落户。")
    assert found == {"吉林省恒信橡胶制品股份有限公司": 1}
    found = gaz.match("东北师范大学、赫行教育集团等教育资源相继落位")
    assert found == {"赫行教育集团": 1}
    # a known company with a legal suffix is the known company, not a new name
    assert gaz.match("惠州亿纬锂能股份有限公司销售经理说") == {"亿纬锂能": 1}
    assert gaz.match("伟巴斯特车项系统（长春）有限公司落户长春") == {"伟巴斯特": 1}
    found = gaz.match("长春市城市发展投资控股（集团）有限公司近日发布公告")
    assert found == {"长春市城市发展投资控股（集团）有限公司": 1}
    found = gaz.match("The deal was signed by Changchun Xinda Auto Parts Co., Ltd. on Monday.")
    assert found == {"Changchun Xinda Auto Parts Co., Ltd.": 1}
    # generic words are not companies
    assert gaz.match("一批龙头企业集团和有关公司") == {}
    assert gaz.match("他在一家汽车零部件有限公司工作") == {}


def test_with_aliases_returns_a_new_gazetteer(gaz):
    user = gaz.with_aliases({"一汽-大众": ["大众一汽"], "长春新源动力": ["新源动力"]})
    assert user.canonical("大众一汽") == "一汽-大众"
    assert user.canonical("新源动力") == "长春新源动力"
    assert user.match("大众一汽与新源动力合作") == {"一汽-大众": 1, "长春新源动力": 1}
    assert len(user) == len(gaz) + 1
    assert gaz.canonical("大众一汽") is None  # the shipped gazetteer is unchanged


def test_load_from_path(tmp_path):
    path = tmp_path / "companies.tsv"
    path.write_text(
        "# test\ncanonical\taliases\tkind\n示例汽车\t示例|Example Motors\tautomaker\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load(path)
    assert len(gaz) == 1
    assert gaz.match("Example Motors 和示例汽车") == {"示例汽车": 2}


SAMPLE_COMPANIES = {
    "000_b23c919e069612c2": (
        ["中国一汽", "一汽红旗"],
        {"一汽解放", "奥迪一汽", "一汽弗迪", "一汽富维", "富奥股份", "麦格纳", "玲珑轮胎",
         "一汽-大众", "一汽奔腾", "一汽丰田", "恩福油封", "伟巴斯特", "延锋", "国家电网", "万科"},
    ),
    "001_694c73c48f266096": (
        ["中国一汽", "一汽红旗", "玲珑轮胎"],
        {"富赛汽车电子", "一汽解放", "比亚迪", "中芯国际", "黑芝麻智能", "芯擎科技", "麦格纳",
         "纳铁福", "电装", "富维海拉", "普洛斯", "长久物流", "青岛宏光", "赫行教育集团"},
    ),
    "002_6002dfd231891dcc": (
        ["中国一汽"],
        {"奥迪一汽", "一汽红旗", "一汽-大众", "亿纬锂能", "比亚迪", "富赛汽车电子", "麦格纳",
         "富奥股份", "华友钴业", "天津日特固", "中国中车", "旭阳集团", "奥迪"},
    ),
    "003_4c3d5048d115c7e7": (
        ["中国一汽"],
        {"一汽红旗", "一汽解放", "一汽奔腾", "一汽-大众", "一汽丰田", "奥迪一汽", "一汽富维",
         "富晟集团", "富奥股份", "比亚迪", "麦格纳", "一汽弗迪"},
    ),
    "004_9e81065f0760de46": (
        ["奥迪一汽", "中国一汽"],
        {"一汽红旗", "一汽解放", "一汽丰田", "一汽富维", "富奥股份", "富晟集团", "玲珑轮胎",
         "麦格纳", "一汽旗新动力", "理想汽车", "知行科技", "欣旺达", "富赛汽车电子", "一汽-大众",
         "一汽弗迪"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("stem", sorted(SAMPLE_COMPANIES))
def test_sample_article_companies(stem):
    top, present = SAMPLE_COMPANIES[stem]
    found = sample_companies(stem)
    assert list(found)[: len(top)] == top  # most mentioned first
    assert present <= set(found)
    assert list(found.values()) == sorted(found.values(), reverse=True)
    # no false friends: streets, slogans and ordinary words
    assert not {"东风汽车集团", "现代汽车", "长城汽车"} & set(found)
    # names found by pattern are names, not half a sentence
    assert all(len(name) <= 24 and not re.search(r"[，。,]", name) for name in found)


def test_faw_jiefang_is_not_counted_as_faw():
    found = sample_companies("003_4c3d5048d115c7e7")
    # "一汽红旗、一汽解放、一汽奔腾、一汽大众、一汽丰田及奥迪一汽新能源6大主机厂" names six
    # companies; none of them is also a mention of 中国一汽
    assert found["中国一汽"] == 5
    assert found["一汽解放"] == 2
