"""Straightening skewed pages, keeping traditional pages traditional, restoring dashes and
ellipses (archive.ocr.deskew, archive.ocr.script, archive.ocr.punct), on pages and text made
from the sample articles and on what the recogniser really gave for them."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import opencc
import pytest
from PIL import Image, ImageDraw, ImageFont

from archive.ocr.deskew import skew_angle, straighten, to_original
from archive.ocr.punct import tidy_punctuation
from archive.ocr.script import match_script, page_script

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "perf"))

from ocr_testset import MACHINE_FONTS, PageSpec, _has_glyph, degrade, drawable, render

FONTS = {"wqy": MACHINE_FONTS["wqy"]}
ARTICLE = "002_6002dfd231891dcc"
TEXT = (ROOT / "resources" / "corpus" / f"{ARTICLE}.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def page() -> Image.Image:
    img, _ = render(PageSpec(ARTICLE, "wqy", 2, 150), FONTS)
    return img


@pytest.mark.parametrize("turn", [2.0, -2.0, 3.5])
def test_a_turned_page_is_measured_to_a_tenth_of_a_degree(page, turn):
    turned = page.rotate(turn, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert abs(skew_angle(turned) + turn) <= 0.2


def test_a_level_page_is_left_as_it_is(page):
    assert abs(skew_angle(page)) < 0.3
    same, angle = straighten(page)
    assert same is page and angle == 0.0


@pytest.mark.parametrize("kind", ["noise", "jpeg40", "blur"])
def test_a_turned_degraded_page_is_measured(page, kind):
    turned = page.rotate(2.0, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    worse, _ = degrade(turned, kind, 150, seed=3)
    assert abs(skew_angle(worse) + 2.0) <= 0.2


def test_boxes_on_the_straightened_page_map_back_onto_the_original():
    img = Image.new("L", (900, 600), 255)
    ImageDraw.Draw(img).rectangle((300, 200, 700, 250), fill=0)
    turned = img.rotate(3, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    level, angle = straighten(turned)
    assert abs(angle + 3) <= 0.2

    def ink_box(im):
        ys, xs = np.nonzero(np.asarray(im.convert("L")) < 128)
        return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())

    mapped = to_original(ink_box(level), angle, level.size, turned.size)
    truth = ink_box(turned)
    assert all(abs(a - b) <= 4 for a, b in zip(mapped, truth, strict=True)), (mapped, truth)


def test_the_script_of_a_page_is_told_from_its_text():
    trad = opencc.OpenCC("s2t").convert(TEXT)
    assert page_script(TEXT[:300]) == "simplified"
    assert page_script(trad[:300]) == "traditional"
    assert page_script("2024 GDP 12.5%") == "unknown"


def test_simplified_forms_read_on_a_traditional_page_are_made_traditional():
    trad = opencc.OpenCC("s2t").convert(TEXT[:400])
    # what the recogniser gives: every fifth character that has a simplified form in it
    to_simp = opencc.OpenCC("t2s")
    read = "".join(to_simp.convert(ch) if i % 5 == 0 else ch for i, ch in enumerate(trad))
    assert read != trad
    assert match_script(read) == trad


def test_a_simplified_page_is_not_changed():
    assert match_script(TEXT[:400]) == TEXT[:400]


@pytest.mark.parametrize(("read", "printed"), [
    # what the recogniser gave on the measured pages (tests/perf/ocr_cer.py --json)
    ("物阜民丰------一处处", "物阜民丰……一处处"),
    ("首条轮胎下线…··.…", "首条轮胎下线……"),
    ("寄予期许.·城市", "寄予期许…城市"),  # two dots: one ellipsis character
    ("一一写在2023中德汽车大会召开之际", "——写在2023中德汽车大会召开之际"),
    ("-一写在前面", "——写在前面"),
    ("“长春国际汽车城答卷”一一", "“长春国际汽车城答卷”——"),
    ("风景依旧迷人一一", "风景依旧迷人——"),
    ("邀请来自企业丶机构丶政府", "邀请来自企业、机构、政府"),
    ("期待着新奋斗与新作为°新", "期待着新奋斗与新作为。新"),
    ("躍升・邁向世界級", "躍升·邁向世界級"),  # PP-OCRv5's katakana middle dot
])
def test_dashes_and_ellipses_are_put_back(read, printed):
    assert tidy_punctuation(read) == printed


@pytest.mark.parametrize("text", [
    "逐一一列举", "一个个民生项目", "以“引领·革新·超越”为主题", "……", "wait... --verbose",
    "气温20°C", "2.5亿元", "E-QM5", "コーヒー・ブレイク",
])
def test_words_numbers_and_english_are_left_alone(text):
    assert tidy_punctuation(text) == text


UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


@pytest.mark.skipif(not UMING.exists(), reason="fonts-arphic-uming not installed")
def test_the_test_set_draws_a_character_its_face_lacks_as_a_variant_it_has():
    # AR PL UMing TW has no 爲 (OpenCC s2t's form of 为): the page showed a missing-glyph
    # box where the true text said 爲. Now the page and the truth both have 為.
    face = ImageFont.truetype(str(UMING), 40, index=2)
    assert not _has_glyph(face, "爲") and _has_glyph(face, "為")
    assert drawable(["作爲長春", "以此爲引"], face) == ["作為長春", "以此為引"]
    repo = ImageFont.truetype(FONTS["wqy"][0], 40)
    assert drawable(["作爲長春"], repo) == ["作爲長春"]  # WenQuanYi has it: left alone
