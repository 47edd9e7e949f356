"""What OCR found on a page: lines with their boxes and confidences, in reading order.

These two shapes are the contract between recognition (``recognise``), storage
(``pagestore``), the ``Library`` facade and the GUI's page view.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OcrLine:
    """One recognised line of a page."""

    text: str                       # the line as recognised (after reading-order fixes)
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels (axis-aligned bounding box of the line)
    confidence: float               # 0..1
    field: str                      # "title" or "body": which stored field of the article holds this line
    start: int                      # char offset of the line's text in that field (end exclusive), -1/-1 if not stored
    end: int
    # True when the line continues the paragraph of the line before it, as reading order
    # found at recognition time; None for pages stored before that was kept (then the
    # paragraphs are worked out again from the boxes)
    joined: bool | None = None


@dataclass(frozen=True)
class OcrPage:
    """One page of an OCR'd file."""

    page_no: int                    # 1-based page in the original file
    width: int                      # pixels of the page image the boxes refer to
    height: int
    confidence: float               # 0..1, mean of the lines' confidences weighted by characters
    needs_review: bool              # confidence under the documented threshold
    lines: tuple[OcrLine, ...]      # in reading order
