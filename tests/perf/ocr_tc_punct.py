"""Render the checked-in traditional-script punctuation pages of ``tests/data/ocr``.

    /work/main/.venv/bin/python tests/perf/ocr_tc_punct.py tests/data/ocr

Traditional-script faces set "、", "，" and "。" in the middle of their square (simplified
faces in the lower left corner). Two short pages of text written here (not from the sample
articles), full of enumeration commas, at 300 dpi, 10.5 pt: one in Noto Sans CJK TC, one in
Noto Serif CJK HK (a face of none of the measured sets). Needs Debian's fonts-noto-cjk.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

TEXT = ("臺北市政府發佈的報告指出，交通、教育、醫療、環境四個領域的預算均有增長。"
        "議會討論了鐵路、機場、港口與產業園區的建設，並聽取專家、學者、企業代表的意見。"
        "圖書館、博物館、體育館將於明年開放，開放時間、票價、交通路線另行公佈。")
FACES = {
    "tc_punct_notosans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 3),
    "tc_punct_notoserifhk": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 4),
}
DPI = 300
NO_LINE_START = set("，。、；：？！）」』”’")


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of at most ``width`` pixels, broken at any character, no closing mark first."""
    lines = [""]
    for ch in text:
        if lines[-1] and font.getlength(lines[-1] + ch) > width and ch not in NO_LINE_START:
            lines.append("")
        lines[-1] += ch
    return lines


def render(path: str, index: int) -> Image.Image:
    """The text on a page 100 mm wide, 12 mm margins, leading 1.55."""
    size = round(10.5 * DPI / 72)
    font = ImageFont.truetype(path, size, index=index)
    margin = round(12 / 25.4 * DPI)
    width = round(100 / 25.4 * DPI)
    lines = wrap(TEXT, font, width - 2 * margin)
    step = round(size * 1.55)
    img = Image.new("L", (width, 2 * margin + step * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((margin, margin + i * step), line, font=font, fill=0)
    return img


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    for name, (path, index) in FACES.items():
        if not Path(path).exists():
            print(f"font not installed: {path} (apt-get install fonts-noto-cjk)", file=sys.stderr)
            return 2
        render(path, index).save(args.out / f"{name}.png", "PNG", optimize=True)
        (args.out / f"{name}.txt").write_text(TEXT + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
