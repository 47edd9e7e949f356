"""Page images drawn for the page-view tests and screenshots: known Chinese lines in the
project's CJK font, with the pixel box of every phrase asked about."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttf"

HEADLINE = "长春新能源重卡下线"
LINES = (
    "2024年5月8日，一汽解放新能源重卡在长春下线。",
    "宁德时代为这批重卡提供动力电池，续航超过四百公里。",
    "工厂负责人表示，明年产量将再提高三成。",
    "当地政府同时公布了氢燃料汽车的扶持计划。",
)

Box = tuple[int, int, int, int]


def render_page(path: Path, phrases: list[str], headline: str = HEADLINE,
                lines: tuple[str, ...] = LINES, width: int = 1100, margin: int = 60,
                body_size: int = 34, title_size: int = 58,
                font: Path = FONT) -> dict[str, list[Box]]:
    """Draw ``headline`` and ``lines`` on a white page saved as PNG at ``path``; return the
    pixel boxes (x0, y0, x1, y1) where each of ``phrases`` was drawn."""
    title_font = ImageFont.truetype(str(font), title_size)
    body_font = ImageFont.truetype(str(font), body_size)
    gap = round(body_size * 0.9)
    height = margin * 2 + title_size + gap * 2 + len(lines) * (body_size + gap)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    where: dict[str, list[Box]] = {p: [] for p in phrases}
    y = margin
    for text, face, size in [(headline, title_font, title_size)] + \
            [(line, body_font, body_size) for line in lines]:
        draw.text((margin, y), text, font=face, fill="black")
        for phrase in phrases:
            at = text.find(phrase)
            while at >= 0:
                x0 = margin + face.getlength(text[:at])
                x1 = margin + face.getlength(text[:at + len(phrase)])
                top, bottom = face.getbbox(text)[1], face.getbbox(text)[3]
                where[phrase].append((round(x0), y + top, round(x1), y + bottom))
                at = text.find(phrase, at + 1)
        y += size + (gap * 2 if face is title_font else gap)
    image.save(path)
    return where


def render_scan(path: Path, phrases: list[str]) -> dict[str, list[Box]]:
    """A two-page TIFF at ``path``: page 1 as ``render_page`` draws it, page 2 the same
    lines small, blurred and faded (OCR reads it with low confidence: "needs review").
    Returns the boxes of ``phrases`` on page 1."""
    from PIL import ImageFilter

    first = path.with_suffix(".page1.png")
    second = path.with_suffix(".page2.png")
    drawn = render_page(first, phrases)
    render_page(second, [], body_size=22, title_size=30)
    clean = Image.open(first).convert("L")
    faded = Image.open(second).convert("L").filter(ImageFilter.GaussianBlur(3.0))
    faded = faded.point(lambda v: 120 + v // 2)
    clean.save(path, save_all=True, append_images=[faded], compression="tiff_deflate")
    first.unlink()
    second.unlink()
    return drawn
