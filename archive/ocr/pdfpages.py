"""PDF pages as images for OCR and for the page view (rendered with PDFium)."""

from __future__ import annotations

from . import limits


def render_pdf_page(data: bytes, page_no: int):
    """Page ``page_no`` (1-based) of a PDF rendered at ``PDF_OCR_DPI`` as an RGB image,
    scaled to ``OCR_PIXELS`` like an image file's page."""
    import pypdfium2 as pdfium

    from archive.readers.base import ReadError
    from archive.readers.pdf import _LOCK

    from .images import check_size, scale_for_ocr

    with _LOCK:  # PDFium is not thread-safe
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[page_no - 1]
            try:
                w, h = page.get_size()
                scale = limits.PDF_OCR_DPI / 72
                check_size((int(w * scale), int(h * scale)), page_no)
                if w * h * scale * scale > limits.MAX_PAGE_PIXELS:
                    raise ReadError(f"Page {page_no} of the PDF is too large to read by OCR.")
                bitmap = page.render(scale=scale)
                image = bitmap.to_pil().convert("RGB")
                bitmap.close()
            finally:
                page.close()
        finally:
            pdf.close()
    return scale_for_ocr(image)
