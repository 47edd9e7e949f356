"""A drop-down menu read by the OCR pipeline: each label followed by its shortcut, row by
row (its right-aligned shortcuts are not a second column read after every label).

The menu image is drawn here with the font the app ships, at screen size (13 px type)."""

from __future__ import annotations

import unicodedata

import pytest
from PIL import Image, ImageDraw

pytest.importorskip("rapidocr_onnxruntime")

from archive.ocr.recognise import page_text, recognise_image
from tests.archive.ocrkit import font

BAR = ["文件(F)", "编辑(E)"]
ROWS = [("新建(N)", "Ctrl+N"), ("打开(O)...", "Ctrl+O"), ("最近打开的文件", None),
        ("保存(S)", "Ctrl+S"), ("另存为(A)...", "F12"), ("页面设置(U)...", None),
        ("打印(P)...", "Ctrl+P"), ("退出(X)", "Alt+F4")]


def menu_image() -> Image.Image:
    """A menu bar, a line under it, and the menu: labels at the left, shortcuts
    right-aligned at the right edge, on the labels' rows."""
    f = font(13)
    im = Image.new("RGB", (300, 40 + 30 * len(ROWS)), "white")
    draw = ImageDraw.Draw(im)
    x = 6.0
    for item in BAR:
        draw.text((x, 4), item, font=f, fill="black")
        x += draw.textlength(item, font=f) + 14
    draw.line((0, 24, 300, 24), fill=(200, 200, 200))
    for i, (label, key) in enumerate(ROWS):
        y = 36 + 30 * i
        draw.text((40, y), label, font=f, fill="black")
        if key:
            draw.text((280 - draw.textlength(key, font=f), y), key, font=f, fill="black")
    return im


def test_a_menu_is_read_label_then_shortcut_row_by_row():
    text = "".join(unicodedata.normalize("NFKC", page_text(recognise_image(menu_image())))
                   .split())
    places = []
    for label, key in ROWS:
        word = label.split("(")[0]  # the Chinese part: brackets and dots are read loosely
        assert word in text, (word, text)
        places.append(text.index(word))
        if key:
            assert key in text, (key, text)
            places.append(text.index(key))
    assert places == sorted(places), text  # before the fix: every label, then every key
