"""Word documents: real headings and paragraphs, metadata on top, one article per
section, page numbers in the footer, an optional table of contents. The layout lives in
docx_layout.py and loads python-docx only when a DOCX is written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from ..document import Article
from .base import ExportContext, Format, register


def write_docx(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    from .docx_layout import write_docx as layout

    layout(articles, fh, ctx)


register(Format("docx", "Word document (.docx)", "docx", write_docx,
                description="headings and paragraphs, one article per section"))
