"""Spaces between English words that the recogniser ran together.

PP-OCR's recogniser often drops the space between two Latin words ("accordingtoChina").
The image still shows it: between two adjacent Latin characters of a line, a run of
blank pixel columns at least ``SPACE_RATIO`` of the line's height wide is a space. Each
character's place along the line comes from the recogniser's own alignment (its CTC
columns, RapidOCR's ``return_word_box``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

SPACE_RATIO = 0.16  # a blank gap this share of the line height wide is a word space
_LATIN = re.compile(r"[A-Za-z0-9]")
_PUNCT_SPACE = re.compile(r"([A-Za-z][,;:!?])(?=[A-Za-z])")


def restore_spaces(gray: np.ndarray, text: str, box: Sequence[int],
                   char_boxes: Sequence[Sequence[Sequence[float]]] | None) -> str:
    """``text`` with a space inserted between Latin characters where the image has one.

    ``gray`` is the page (2-D uint8), ``box`` the line's x0, y0, x1, y1 and
    ``char_boxes`` one quadrilateral per character of ``text`` (or None)."""
    text = _PUNCT_SPACE.sub(r"\1 ", text) if char_boxes is None else text
    if not char_boxes or len(char_boxes) != len(text) or not _LATIN.search(text):
        return text
    x0, y0, x1, y1 = box
    h = y1 - y0
    if h <= 0 or x1 <= x0 or (y1 - y0) > 1.5 * (x1 - x0):  # vertical lines: no Latin spaces
        return text
    crop = gray[max(0, y0):y1, max(0, x0):x1]
    if crop.size == 0:
        return text
    lo, hi = int(crop.min()), int(crop.max())
    if hi - lo < 40:
        return text
    ink = (crop < (lo + hi) / 2).any(axis=0)
    centers = [(min(p[0] for p in q) + max(p[0] for p in q)) / 2 - max(0, x0)
               for q in char_boxes]
    spaces, gaps = [], {}
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if a == " " and i >= 2 and _LATIN.match(text[i - 2]) and _LATIN.match(b):
            spaces.append(_blank_run(ink, centers[i - 2], centers[i]))
        elif _LATIN.match(b) and (_LATIN.match(a) or a in ",;:!?") \
                and not (a.isdigit() and b.isdigit()):
            gaps[i] = _blank_run(ink, centers[i - 1], centers[i])
    if not gaps:
        return text
    if spaces:  # the spaces the recogniser kept show how wide one is on this line
        need = 0.6 * float(np.median(spaces))
    else:  # most pairs are letters of one word: a space is much wider than their gaps
        need = 2.0 * float(np.median(list(gaps.values())))
    need = max(need, SPACE_RATIO * h, 2.0)
    return "".join((" " + ch) if gaps.get(i, 0) >= need else ch for i, ch in enumerate(text))


def _blank_run(ink: np.ndarray, left: float, right: float) -> int:
    lo, hi = max(0, int(left)), min(len(ink), int(right) + 1)
    best = run = 0
    for v in ink[lo:hi]:
        run = 0 if v else run + 1
        best = max(best, run)
    return best
