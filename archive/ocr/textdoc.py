"""An article's raw text from OCR'd pages, and the lines' places in the stored article.

``ocr_document`` makes the ``RawDocument`` the metadata pipeline gets like any other
reader's (the headline of the first page as its title hint). ``place_lines`` finds each
stored line in the article's stored title and body (``field``, ``start``, ``end``).
"""

from __future__ import annotations

from dataclasses import replace

from archive.document import RawDocument

from .layout import OcrLine, OcrPage
from .order import HEADLINE_RATIO, body_size, join_lines, size_of
from .recognise import line_paragraphs, page_text


def headline(page: OcrPage) -> str | None:
    """The page's first paragraph when it is set in display type (a headline)."""
    if not page.lines:
        return None
    first = line_paragraphs(page)[0]
    size = body_size(page.lines)
    if all(size_of(ln) >= HEADLINE_RATIO * size for ln in first):
        return join_lines([ln.text for ln in first])
    return None


def ocr_document(pages: list[OcrPage]) -> tuple[RawDocument, list[str]]:
    """The article text of recognised pages and the import report's notes on them."""
    texts = [page_text(p) for p in pages]
    text = "\n".join(t for t in texts if t)
    warnings = []
    empty = [p.page_no for p in pages if not p.lines]
    if empty:
        warnings.append(f"OCR found no text on page {_list(empty)}.")
    review = review_warning(pages)
    if review:
        warnings.append(review)
    title = next((h for p in pages if (h := headline(p))), None)
    return RawDocument(text=text, title_hint=title), warnings


def review_warning(pages: list[OcrPage]) -> str | None:
    """The import report's line on pages whose OCR confidence is low, or None."""
    review = [p for p in pages if p.needs_review and p.lines]
    if not review:
        return None
    conf = min(p.confidence for p in review)
    return (f"OCR confidence is low on page {_list([p.page_no for p in review])} (lowest "
            f"{conf:.0%}): needs review.")


def _list(nums: list[int]) -> str:
    shown = ", ".join(map(str, nums[:10]))
    return shown + (" …" if len(nums) > 10 else "")


def place_lines(pages: list[OcrPage], title: str, body: str) -> list[OcrPage]:
    """The pages with each line's field and offsets in the stored title and body.

    The leading lines that make up the title are placed in the title; the others are
    looked up in the body in order, each after the previous one; a line no longer found
    (the text was edited) gets -1/-1."""
    out = []
    pos = 0
    in_title = bool(title)
    for page in pages:
        lines = []
        for ln in page.lines:
            text = ln.text
            if in_title and text and (at := title.find(text)) >= 0:
                lines.append(replace(ln, field="title", start=at, end=at + len(text)))
                found = body.find(text, pos)
                pos = found + len(text) if found >= 0 else pos  # the body repeats it
                continue
            in_title = False
            at = body.find(text, pos) if text else -1
            if at >= 0:
                pos = at + len(text)
                lines.append(replace(ln, field="body", start=at, end=pos))
            else:
                lines.append(replace(ln, field="body", start=-1, end=-1))
        out.append(replace(page, lines=tuple(lines)))
    return out


__all__ = ["OcrLine", "headline", "ocr_document", "place_lines"]
