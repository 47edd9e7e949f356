"""PDF pages without a text layer (scans) read by OCR, for the PDF reader."""

from __future__ import annotations

import hashlib

from .images import check_pages
from .layout import OcrPage
from .pdfpages import render_pdf_page
from .recognise import page_paragraphs
from .session import recognise_pages
from .textdoc import headline, review_warning


def ocr_scanned_pages(data: bytes, name: str, page_nos: list[int]) -> list[OcrPage]:
    """Recognise these pages of a PDF (1-based), keeping each as it finishes."""
    check_pages(len(page_nos), "The PDF")
    sha = hashlib.sha256(data).hexdigest()
    return recognise_pages(sha, name, page_nos, lambda n: render_pdf_page(data, n))


def scanned_paragraphs(page: OcrPage) -> list[str]:
    """The paragraphs of an OCR'd PDF page, in reading order."""
    return page_paragraphs(page)


def scanned_notes(n: int, pages: list[OcrPage]) -> list[str]:
    """The import report's notes on a PDF's OCR'd pages."""
    nums = [p.page_no for p in pages]
    shown = ", ".join(map(str, nums[:10])) + (" …" if len(nums) > 10 else "")
    notes = [f"{len(nums)} of {n} pages had no text layer and were read by OCR: page {shown}."]
    empty = [p.page_no for p in pages if not p.lines]
    if empty:
        notes.append("OCR found no text on page " + ", ".join(map(str, empty[:10])) + ".")
    review = review_warning(pages)
    if review:
        notes.append(review)
    return notes


__all__ = ["headline", "ocr_scanned_pages", "scanned_notes", "scanned_paragraphs"]
