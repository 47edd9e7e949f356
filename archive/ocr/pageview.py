"""What the page view shows: an OCR'd article's pages, and each page as a PNG image."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from . import pagestore
from .layout import OcrPage
from .textdoc import place_lines

if TYPE_CHECKING:
    from archive.store import ArchiveStore


def _source(store: ArchiveStore, article_id: int):
    rows = store.query("SELECT a.title, a.text, s.sha256, s.original, s.format FROM articles a"
                       " JOIN sources s ON s.id = a.source_id WHERE a.id = ?", [article_id])
    return rows[0] if rows else None


def article_pages(store: ArchiveStore, article_id: int) -> list[OcrPage]:
    """The OCR'd pages of an article, lines placed in its stored title and body; [] when
    it was not made by OCR."""
    row = _source(store, article_id)
    if row is None:
        return []
    pages = pagestore.pages_of(store, row["sha256"])
    return place_lines(pages, row["title"] or "", row["text"] or "") if pages else []


def page_png(store: ArchiveStore, root: Path, article_id: int, page_no: int) -> bytes:
    """PNG bytes of an OCR'd page at the size its boxes refer to, rendered from the kept
    original (which is only read). Raises ``ValueError`` when there is no such page."""
    row = _source(store, article_id)
    page = pagestore.load_page(store, row["sha256"], page_no) if row else None
    if page is None:
        raise ValueError(f"Article {article_id} has no OCR page {page_no}.")
    data = (root / row["original"]).read_bytes()
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        from .pdfpages import render_pdf_page

        image = render_pdf_page(data, page_no)
    else:
        from .images import load_page, open_image

        image = load_page(open_image(data), page_no)
    if image.size != (page.width, page.height):
        from PIL import Image

        image = image.resize((page.width, page.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
