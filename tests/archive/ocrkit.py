"""Page images made here for the OCR tests: text rendered with the font the app ships.

``render_page`` lays out a headline across the page and paragraphs in one or more
columns (Chinese wrapped at any character, English at spaces), like a newspaper page.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttf"


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, f, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    tokens: list[str] = []
    word = ""
    for ch in text:  # English words stay whole, Chinese characters break anywhere
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    for tok in tokens:
        trial = line + tok
        if line and draw.textlength(trial, font=f) > width:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line = trial
    if line.strip():
        lines.append(line.rstrip())
    return lines


def render_page(paragraphs: list[str], headline: str | None = None, columns: int = 1,
                dpi: int = 150, body_pt: float = 11.0, width_in: float = 8.27,
                height_in: float | None = None, indent: bool = True) -> Image.Image:
    """An RGB page image: the headline across the top, the paragraphs in ``columns``."""
    px = dpi / 72
    size = round(body_pt * px)
    f = font(size)
    width = round(width_in * dpi)
    margin = round(0.6 * dpi)
    gutter = round(0.3 * dpi)
    col_w = (width - 2 * margin - (columns - 1) * gutter) // columns
    scratch = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    blocks: list[list[str]] = []
    for para in paragraphs:
        prefix = "\u3000\u3000" if indent and not para.isascii() else ""
        blocks.append(_wrap(scratch, prefix + para, f, col_w))
    pitch = round(size * 1.6)
    total = sum(len(b) * pitch + pitch // 2 for b in blocks)
    per_col = total // columns + pitch * 2
    head_h = 0
    hf = font(round(size * 2.0))
    head_lines = _wrap(scratch, headline, hf, width - 2 * margin) if headline else []
    head_h = len(head_lines) * round(size * 2.8) + (pitch if head_lines else 0)
    height = round(height_in * dpi) if height_in else margin * 2 + head_h + per_col
    im = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(im)
    y = margin
    for line in head_lines:
        w = draw.textlength(line, font=hf)
        draw.text(((width - w) / 2, y), line, font=hf, fill="black")
        y += round(size * 2.8)
    y += pitch if head_lines else 0
    top = y
    col = 0
    for block in blocks:
        for line in block:
            if y + pitch > height - margin and col < columns - 1:
                col += 1
                y = top
            x = margin + col * (col_w + gutter)
            draw.text((x, y), line, font=f, fill="black")
            y += pitch
        y += pitch // 2
    return im


def corpus_article(n: int = 0) -> tuple[str, list[str]]:
    """(headline, paragraphs) of a sample article shipped in resources/corpus."""
    folder = Path(__file__).resolve().parents[2] / "resources" / "corpus"
    text = sorted(folder.glob("*.txt"))[n].read_text(encoding="utf-8")
    paras = [p.strip() for p in text.splitlines() if p.strip()]
    return paras[0], paras[1:]
