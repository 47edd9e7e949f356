"""Render the sample articles to page images, clean and degraded, with the true text beside each.

    /work/main/.venv/bin/python tests/perf/ocr_testset.py OUT [--grid default|small|full]
        [--fonts repo|machine] [--pages N]

Each page is the start of one article of ``resources/corpus/`` on an A5 page: a headline over
the whole width, a dateline under it, then the body in one or two columns (paragraphs with a
two-character indent, lines wrapped by character with the usual kinsoku rules: no closing
punctuation at a line start, no opening one at a line end, Latin words and numbers unbroken).
Pages are rendered at 150 and 300 dpi in greyscale and degraded from there:

- ``noise``: Gaussian noise (sigma 14 grey levels) plus 0.2 % salt and pepper;
- ``blur``: Gaussian blur of radius 0.4 pt (1.7 px at 300 dpi);
- ``skew``: the page turned by 2 degrees (white corners);
- ``jpeg40``: saved as JPEG quality 40;
- ``photo``: a photographed sheet: yellowish paper with a fibre texture, light falling off from
  one corner to the other (to 62 %), a slight perspective (corners moved by up to 2.5 % of the
  side), a faint blur, saved as colour JPEG quality 85.

``OUT/manifest.json`` lists every page: image, true text file, article, font, columns, dpi,
script (``simplified``, or ``traditional`` converted with OpenCC ``s2t``), degradation and split.
The true text (``<page>.txt``) is the page's text in reading order: headline, dateline, then
the paragraphs as printed (one a line; a paragraph cut by the page end stops where the page does).

Held-out split, fixed before any result was seen: the article ``004_9e81065f0760de46`` and the
fonts ``AR PL UKai`` and ``Noto Serif CJK`` are held out; pages with either are ``heldout``,
nothing is tuned on them. The rest (articles 000-003 in WenQuanYi Micro Hei, Noto Sans CJK and
AR PL UMing) is ``tuning``.

Grids: ``default`` (35 pages, sized for a 2-core machine) takes ten (article, font) pairs, so
that every article and every font occurs twice, each in one layout (one or two columns,
alternating), clean at 300 and 150 dpi and with one degradation at 300 dpi (every degradation
twice, on different articles and fonts), plus a traditional-script page of each article;
``small`` is the checked-in test set's grid (repo font only); ``full`` is every article x
font x columns x dpi x degradation (600 pages); ``ingest`` is 100 distinct 150 dpi pages
(every article, font and layout, clean and JPEG q40) for ``ocr_cer.py --ingest``;
``unseen-tc`` is 25 traditional clean 300 dpi pages (every article in five traditional faces
of none of the fonts above: Noto Sans Mono CJK TC, Noto Sans CJK HK and TC Bold, Noto Serif
CJK HK, AR PL UMing HK), all held out.

A character a face lacks (UMing and UKai have no 爲, OpenCC ``s2t``'s form of 为) is drawn
as the variant the face has (為), in the image and in the true text alike (``drawable``).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "resources" / "corpus"
REPO_FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttf"

HELDOUT_ARTICLES = frozenset({"004_9e81065f0760de46"})
HELDOUT_FONTS = frozenset({"ukai", "notoserif"})

# key -> (file, face index for simplified, face index for traditional)
MACHINE_FONTS: dict[str, tuple[str, int, int]] = {
    "wqy": (str(REPO_FONT), 0, 0),
    "notosans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, 3),
    "uming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, 2),
    "notoserif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, 3),
    "ukai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, 2),
}
# Traditional-script faces of none of the fonts above (grid ``unseen-tc``: held out, made
# after the traditional-script fixes to check they hold for faces nobody tuned on). The Hong
# Kong faces centre the punctuation too; Noto Sans Mono's Latin and digits are narrower.
UNSEEN_TC_FONTS: dict[str, tuple[str, int, int]] = {
    "notosansmonotc": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 8, 8),
    "notosanshk": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 4, 4),
    "notoserifhk": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 4, 4),
    "notosansboldtc": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 3, 3),
    "uminghk": ("/usr/share/fonts/truetype/arphic/uming.ttc", 1, 1),
}
DEGRADATIONS = ("noise", "blur", "skew", "jpeg40", "photo")

# The publication date each article's dateline shows (the articles' own event dates).
DATELINES = {
    "000_b23c919e069612c2": "2023年10月19日 星期四",
    "001_694c73c48f266096": "2021年12月14日 星期二",
    "002_6002dfd231891dcc": "2024年1月8日 星期一",
    "003_4c3d5048d115c7e7": "2024年3月29日 星期五",
    "004_9e81065f0760de46": "2025年7月15日 星期二",
}
PAPER = "长春日报"

PAGE_MM = (148.0, 210.0)
MARGIN_MM = 14.0
GUTTER_MM = 6.0
BODY_PT = 10.5
HEAD_PT = 20.0
DATE_PT = 9.0
LEADING = 1.55

NO_LINE_START = set("，。、；：？！）》」』”’】〕…—·,.;:?!)%")
NO_LINE_END = set("（《「『“‘【〔(")


@dataclass(frozen=True)
class PageSpec:
    """One page of the set: which article, how rendered, how degraded."""

    article: str
    font: str
    columns: int
    dpi: int
    script: str = "simplified"
    degradation: str = "clean"

    @property
    def split(self) -> str:
        held = (self.article in HELDOUT_ARTICLES or self.font in HELDOUT_FONTS
                or self.font in UNSEEN_TC_FONTS)
        return "heldout" if held else "tuning"

    @property
    def name(self) -> str:
        script = "" if self.script == "simplified" else "_trad"
        return (f"{self.article[:3]}_{self.font}_{self.columns}col_{self.dpi}{script}"
                f"_{self.degradation}")


def article_parts(stem: str) -> tuple[str, list[str]]:
    """(headline, body paragraphs) of a sample article: its first line is the headline."""
    lines = [ln.strip() for ln in (CORPUS / f"{stem}.txt").read_text("utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    truth = json.loads((ROOT / "tests" / "data" / "ground_truth.json").read_text("utf-8"))
    headline = truth.get(stem, {}).get("headline") or lines[0]
    body = [ln for ln in lines if ln != headline]
    return headline, body


def _px(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


def _pt(pt: float, dpi: int) -> int:
    return round(pt / 72 * dpi)


def _tokens(text: str) -> list[str]:
    """Characters, with runs of Latin letters/digits kept whole (they never break inside)."""
    out: list[str] = []
    for ch in text:
        if out and ch.isascii() and ch.isalnum() and out[-1][-1:].isascii() and out[-1][-1:].isalnum():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, indent: int) -> list[str]:
    """Lines of ``text`` no wider than ``width`` px (the first ``indent`` px narrower)."""
    lines: list[str] = []
    line = ""
    limit = width - indent
    for tok in _tokens(text):
        if line and font.getlength(line + tok) > limit:
            if tok[0] in NO_LINE_START:  # pull the last character down with the punctuation
                line, tok = line[:-1], line[-1] + tok
            while line and line[-1] in NO_LINE_END:
                line, tok = line[:-1], line[-1] + tok
            lines.append(line)
            line, limit = tok, width
        else:
            line += tok
    if line:
        lines.append(line)
    return lines


def _fonts(spec: PageSpec, font_table: dict[str, tuple[str, int, int]]):
    path, simp, trad = font_table[spec.font]
    index = trad if spec.script == "traditional" else simp
    size = _pt(BODY_PT, spec.dpi)
    return (ImageFont.truetype(path, _pt(HEAD_PT, spec.dpi), index=index),
            ImageFont.truetype(path, _pt(DATE_PT, spec.dpi), index=index),
            ImageFont.truetype(path, size, index=index))


def _has_glyph(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    """Whether ``font`` draws ``ch`` with a glyph of its own (not its missing-glyph box)."""
    missing = font.getmask("\U0010fffd")
    mask = font.getmask(ch)
    return not (mask.size == missing.size and bytes(mask) == bytes(missing))


def drawable(texts: list[str], font: ImageFont.FreeTypeFont) -> list[str]:
    """``texts`` with every character the face lacks replaced by a variant it has, so that
    the true text is what the page shows, not a missing-glyph box: AR PL UMing and UKai
    (TW) have no 爲, OpenCC ``s2t``'s form of 为, and draw a box; they get the variant the
    Taiwan and Hong Kong standards print (OpenCC ``t2tw``/``t2hk``: 為). A character with
    no such variant in the face stops the rendering with an error."""
    import opencc

    lacking = {ch for t in texts for ch in t if not ch.isspace() and not _has_glyph(font, ch)}
    if not lacking:
        return texts
    swap: dict[str, str] = {}
    for ch in lacking:
        for config in ("t2tw", "t2hk", "t2s"):
            alt = opencc.OpenCC(config).convert(ch)
            if alt != ch and all(_has_glyph(font, a) for a in alt):
                swap[ch] = alt
                break
        else:
            raise ValueError(f"{font.getname()[0]} has no glyph for {ch!r} nor a variant of it")
    return ["".join(swap.get(ch, ch) for ch in t) for t in texts]


def render(spec: PageSpec, font_table: dict[str, tuple[str, int, int]],
           page_index: int = 0) -> tuple[Image.Image, str]:
    """The clean greyscale page and its true text (``page_index`` > 0: a later page, no headline)."""
    import opencc

    headline, body = article_parts(spec.article)
    dateline = f"{PAPER}  {DATELINES.get(spec.article, '')}"
    if spec.script == "traditional":
        conv = opencc.OpenCC("s2t")
        headline, body, dateline = conv.convert(headline), [conv.convert(p) for p in body], \
            conv.convert(dateline)
    head_font, date_font, body_font = _fonts(spec, font_table)
    headline, dateline, *body = drawable([headline, dateline, *body], body_font)
    dpi = spec.dpi
    w, h = _px(PAGE_MM[0], dpi), _px(PAGE_MM[1], dpi)
    margin, gutter = _px(MARGIN_MM, dpi), _px(GUTTER_MM, dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    truth: list[str] = []
    stroke = max(1, dpi // 150)
    head_lines = wrap(headline, head_font, w - 2 * margin, 0)
    for ln in head_lines:
        tw = head_font.getlength(ln)
        draw.text(((w - tw) / 2, y), ln, font=head_font, fill=0, stroke_width=stroke, stroke_fill=0)
        y += round(_pt(HEAD_PT, dpi) * 1.35)
    truth.append("".join(head_lines))
    y += _pt(4, dpi)
    draw.text((margin, y), dateline, font=date_font, fill=40)
    truth.append(dateline)
    y += round(_pt(DATE_PT, dpi) * 1.5)
    draw.line((margin, y, w - margin, y), fill=0, width=max(1, dpi // 100))
    y += _pt(10, dpi)

    size = _pt(BODY_PT, dpi)
    step = round(size * LEADING)
    col_w = (w - 2 * margin - (spec.columns - 1) * gutter) // spec.columns
    top, bottom = y, h - margin
    rows = (bottom - top) // step
    laid: list[tuple[int, str]] = []  # (paragraph number, line) in reading order
    for n, para in enumerate(body):
        for k, ln in enumerate(wrap(para, body_font, col_w, 2 * size)):
            laid.append((n, ("\u3000\u3000" if k == 0 else "") + ln))
    capacity = rows * spec.columns
    laid = laid[page_index * capacity:(page_index + 1) * capacity]
    if not laid:
        raise ValueError(f"{spec.article} has no page {page_index + 1}")
    paragraphs: dict[int, str] = {}
    for i, (n, ln) in enumerate(laid):
        col, row = divmod(i, rows)
        x = margin + col * (col_w + gutter)
        draw.text((x, top + row * step), ln, font=body_font, fill=0)
        paragraphs[n] = paragraphs.get(n, "") + ln.lstrip("\u3000")
    if spec.columns > 1:
        for c in range(1, spec.columns):
            x = margin + c * (col_w + gutter) - gutter // 2
            draw.line((x, top, x, bottom), fill=120, width=1)
    truth.extend(paragraphs.values())
    return img, "\n".join(truth) + "\n"


def degrade(img: Image.Image, kind: str, dpi: int, seed: int) -> tuple[Image.Image, str]:
    """The page degraded by ``kind``, and the image format to save it in."""
    rng = np.random.default_rng(seed)
    if kind == "clean":
        return img, "png"
    if kind == "noise":
        a = np.asarray(img, dtype=np.float32) + rng.normal(0, 14, (img.height, img.width))
        salt = rng.random(a.shape)
        a[salt < 0.001] = 0
        a[salt > 0.999] = 255
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), "png"
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(radius=0.4 / 72 * dpi)), "png"
    if kind == "skew":
        return img.rotate(2.0, resample=Image.BICUBIC, expand=True, fillcolor=255), "png"
    if kind == "jpeg40":
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=40)
        return Image.open(io.BytesIO(buf.getvalue())), "jpg"
    if kind == "photo":
        return _photo(img, rng), "jpg"
    raise ValueError(kind)


def _photo(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    w, h = img.size
    ink = 1.0 - np.asarray(img, dtype=np.float32) / 255.0
    # paper fibre: smooth low-frequency noise plus fine grain
    small = rng.normal(0, 1, (max(2, h // 40), max(2, w // 40))).astype(np.float32)
    coarse = np.asarray(Image.fromarray(small).resize((w, h), Image.BICUBIC), dtype=np.float32)
    grain = rng.normal(0, 0.02, (h, w)).astype(np.float32)
    paper = 0.93 + 0.025 * coarse + grain
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.0 - 0.38 * ((xx / w) * 0.6 + (yy / h) * 0.4)  # falls off towards one corner
    lum = np.clip(paper * light * (1.0 - 0.88 * ink), 0, 1)
    rgb = np.stack([lum * 250, lum * 240, lum * 215], axis=-1)
    out = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    dx, dy = 0.025 * w, 0.025 * h
    quad = (rng.uniform(0, dx), rng.uniform(0, dy), rng.uniform(0, dx), h - rng.uniform(0, dy),
            w - rng.uniform(0, dx), h - rng.uniform(0, dy), w - rng.uniform(0, dx),
            rng.uniform(0, dy))
    bg = (int(0.6 * 250), int(0.6 * 240), int(0.6 * 215))
    out = out.transform((w, h), Image.QUAD, quad, resample=Image.BICUBIC, fillcolor=bg)
    out = out.filter(ImageFilter.GaussianBlur(radius=0.6))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=85)
    return Image.open(io.BytesIO(buf.getvalue()))


def grid(kind: str, fonts: list[str], articles: list[str]) -> list[PageSpec]:
    """The pages of a grid (see the module docstring)."""
    specs: list[PageSpec] = []
    if kind == "full":
        for a in articles:
            for f in fonts:
                for c in (1, 2):
                    for dpi in (150, 300):
                        for d in ("clean", *DEGRADATIONS):
                            specs.append(PageSpec(a, f, c, dpi, degradation=d))
        return specs
    if kind == "unseen-tc":  # one traditional clean 300 dpi page of each article, each face
        return [PageSpec(a, f, 1 + (i + j) % 2, 300, "traditional")
                for i, a in enumerate(articles) for j, f in enumerate(fonts)]
    if kind == "ingest":  # 100 distinct 150 dpi pages for the import measurement
        return [PageSpec(a, f, c, 150, degradation=d) for a in articles for f in fonts
                for c in (1, 2) for d in ("clean", "jpeg40")]
    if kind == "small":
        return [PageSpec(articles[0], fonts[0], 1, 300), PageSpec(articles[1], fonts[0], 2, 300),
                PageSpec(articles[2], fonts[0], 2, 300, degradation="skew"),
                PageSpec(articles[3], fonts[0], 1, 300, degradation="photo"),
                PageSpec(articles[1], fonts[0], 1, 300, degradation="jpeg40"),
                PageSpec(articles[4], fonts[0], 2, 300, "traditional")]
    for i, a in enumerate(articles):
        for j, f in enumerate(fonts):
            if (i + j) % 5 not in (0, 2) and len(fonts) > 1:
                continue  # ten (article, font) pairs: each article and each font twice
            c = 1 + (i + j) % 2
            specs += [PageSpec(a, f, c, 300), PageSpec(a, f, c, 150),
                      PageSpec(a, f, c, 300, degradation=DEGRADATIONS[(i + 2 * j) % 5])]
        f = fonts[(i + 3) % len(fonts)]
        specs.append(PageSpec(a, f, 1 + i % 2, 300, "traditional"))
    return specs


def write_set(out: Path, specs: list[PageSpec], font_table: dict[str, tuple[str, int, int]],
              pages: int = 1) -> list[dict]:
    """Render, degrade and save every page of ``specs`` into ``out``; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    manifest: list[dict] = []
    for k, spec in enumerate(specs):
        for p in range(pages):
            clean, truth = render(spec, font_table, p)
            img, ext = degrade(clean, spec.degradation, spec.dpi, seed=k * 31 + p)
            name = spec.name + (f"_p{p + 1}" if pages > 1 else "")
            image = out / f"{name}.{ext}"
            if ext == "jpg":
                quality = 40 if spec.degradation == "jpeg40" else 85
                img.save(image, "JPEG", quality=quality)
            else:
                img.save(image, "PNG", optimize=True)
            (out / f"{name}.txt").write_text(truth, "utf-8")
            manifest.append({"name": name, "image": image.name, "text": f"{name}.txt",
                             "page": p + 1, "split": spec.split, **asdict(spec)})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--grid", choices=("default", "small", "full", "ingest", "unseen-tc"), default="default")
    ap.add_argument("--fonts", choices=("machine", "repo"), default="machine",
                    help="machine: the repo font and the Debian CJK fonts; repo: the repo font only")
    ap.add_argument("--pages", type=int, default=1, help="pages of each article (from its start)")
    args = ap.parse_args(argv)
    if args.fonts == "repo":
        table = {"wqy": MACHINE_FONTS["wqy"]}
    else:
        table = UNSEEN_TC_FONTS if args.grid == "unseen-tc" else MACHINE_FONTS
        missing = [k for k, v in table.items() if not Path(v[0]).exists()]
        if missing:
            print(f"fonts not installed: {', '.join(missing)} (apt-get install fonts-noto-cjk "
                  "fonts-arphic-uming fonts-arphic-ukai, or use --fonts repo)", file=sys.stderr)
            return 2
    articles = sorted(p.stem for p in CORPUS.glob("*.txt"))
    manifest = write_set(args.out, grid(args.grid, list(table), articles), table, args.pages)
    size = sum((args.out / m["image"]).stat().st_size for m in manifest)
    print(f"{len(manifest)} pages, {size / 1e6:.1f} MB of images in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
