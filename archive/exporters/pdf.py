"""PDF: one document, each article on a new page, Chinese glyphs from an embedded font.

The font is WenQuanYi Micro Hei (resources/fonts, Apache-2.0), embedded as subsets with a
ToUnicode map built from the characters actually written, so text stays selectable and
copies back with its own code points (长 stays U+957F, not the radical ⻓). Pages are
numbered; several articles get an optional table of contents and PDF bookmarks. The
layout lives in pdf_layout.py and loads ReportLab only when a PDF is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from ..document import Article
from .base import ExportContext, Format, register


def write_pdf(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    from .pdf_layout import write_pdf as layout

    layout(articles, fh, ctx)


register(Format("pdf", "PDF document (.pdf)", "pdf", write_pdf,
                description="one document, each article on a new page, fonts embedded"))
