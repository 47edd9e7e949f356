"""Straighten a skewed page before recognition, and map line boxes back to the original.

A page scanned or photographed a few degrees off breaks reading order: at 2 degrees the
lines of an A5 column drift sideways by more than a newspaper's gutter over the page's
height, so no gap separates the columns. ``skew_angle`` finds the turn that makes the
rows of ink sharpest (a projection profile, on a reduced copy of the page, ink taken as
darker than its neighbourhood so uneven lighting does not count); ``straighten`` turns the
page back; ``to_original`` maps a box found on the straightened page to the page as given,
so boxes shown over the original image stay where the text is.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

MAX_ANGLE = 5.0  # degrees searched either way
MIN_ANGLE = 0.3  # a page turned less than this is read as it is
_WORK_SIDE = 1000  # the longer side of the reduced copy the angle is measured on


def _ink(image: Image.Image) -> Image.Image:
    """A reduced greyscale mask: 255 where a pixel is clearly darker than its surroundings."""
    from PIL import ImageChops, ImageFilter

    grey = image.convert("L")
    f = _WORK_SIDE / max(grey.size)
    if f < 1:
        grey = grey.resize((max(1, round(grey.width * f)), max(1, round(grey.height * f))))
    background = grey.filter(ImageFilter.BoxBlur(12))
    darker = ImageChops.subtract(background, grey)  # background - pixel, clipped at 0
    return darker.point(lambda v: 255 if v > 25 else 0)


def _sharpness(mask: Image.Image, angle: float) -> float:
    import numpy as np

    turned = np.asarray(mask.rotate(angle, expand=False, fillcolor=0), dtype=np.float32)
    rows = turned.sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise, as ``Image.rotate`` takes it) that levels the
    page's lines of text; 0.0 for a blank page."""
    import numpy as np

    mask = _ink(image)
    if not np.asarray(mask).any():
        return 0.0
    coarse = np.arange(-MAX_ANGLE, MAX_ANGLE + 1e-9, 0.5)
    best = max(coarse, key=lambda a: _sharpness(mask, float(a)))
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    best = max(fine, key=lambda a: _sharpness(mask, float(a)))
    return round(float(best), 2)


def straighten(image: Image.Image) -> tuple[Image.Image, float]:
    """The page turned level (grown to hold all of it, new corners white) and the angle
    it was turned by; the page itself and 0.0 when it is level within ``MIN_ANGLE``."""
    angle = skew_angle(image)
    if abs(angle) < MIN_ANGLE:
        return image, 0.0
    img = image if image.mode in ("L", "RGB") else image.convert("RGB")
    fill = 255 if img.mode == "L" else (255, 255, 255)
    return img.rotate(angle, resample=_bicubic(), expand=True, fillcolor=fill), angle


def _bicubic():
    from PIL import Image

    return Image.Resampling.BICUBIC


def to_original(box: tuple[int, int, int, int], angle: float,
                straight_size: tuple[int, int],
                original_size: tuple[int, int]) -> tuple[int, int, int, int]:
    """A box on the page ``straighten`` returned, as the axis-aligned box around the same
    text on the original page (clipped to it)."""
    if not angle:
        return box
    sw, sh = straight_size
    ow, oh = original_size
    rad = math.radians(angle)
    cos, sin = math.cos(rad), math.sin(rad)
    xs, ys = [], []
    x0, y0, x1, y1 = box
    for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
        dx, dy = x - sw / 2, y - sh / 2
        # Image.rotate turned the page counter-clockwise by ``angle`` (y down): undo it
        xs.append(ow / 2 + dx * cos - dy * sin)
        ys.append(oh / 2 + dx * sin + dy * cos)
    return (max(0, math.floor(min(xs))), max(0, math.floor(min(ys))),
            min(ow, math.ceil(max(xs))), min(oh, math.ceil(max(ys))))
