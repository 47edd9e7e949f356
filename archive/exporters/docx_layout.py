"""The Word layout with python-docx (imported only when a DOCX is written; see docx.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from ..document import Article
from .base import (
    ExportContext,
    body_blocks,
    document_labels,
    document_title,
    labels,
    meta_rows,
    xml_safe_article,
)
from .citation import citation

GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xA0, 0x28, 0x28)


def _field_runs(paragraph, instruction: str, placeholder: str = "", end: bool = True) -> None:
    """Append a Word field (PAGE, NUMPAGES, TOC ...) to a paragraph."""
    def fld(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
        run._r.append(el)

    fld("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld("separate")
    paragraph.add_run(placeholder)
    if end:
        fld("end")


def _end_field(paragraph) -> None:
    run = paragraph.add_run()
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), "end")
    run._r.append(el)


def _set_language(doc) -> None:
    """Mark text as Chinese for East Asian runs so Word picks a CJK font and line breaking."""
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    # Ask Word to refresh fields (the table of contents, page count) when it opens the file.
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        upd = OxmlElement("w:updateFields")
        upd.set(qn("w:val"), "true")
        settings.append(upd)


def _page_footer(section, text_of_page: str) -> None:
    para = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, rest = text_of_page.partition("{n}")
    middle, _, after = rest.partition("{total}")
    para.add_run(before)
    _field_runs(para, "PAGE", "1")
    para.add_run(middle)
    _field_runs(para, "NUMPAGES", "1")
    para.add_run(after)


def _small(paragraph, text: str, color: RGBColor = GREY, bold: bool = False, size: float = 9.5):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = color
    run.bold = bold
    return run


def _add_article(doc, article: Article, with_citation: bool) -> None:
    lab = labels(article)
    colon = "：" if lab["authors"] == "作者" else ": "
    if article.kicker:
        _small(doc.add_paragraph(), article.kicker, RED, size=10.5)
    doc.add_heading(" ".join((article.title or f"#{article.id}").split()), level=1)
    if article.subtitle:
        doc.add_paragraph(article.subtitle, style="Subtitle")
    for key, value in meta_rows(article):
        para = doc.add_paragraph(style="No Spacing")
        _small(para, f"{key}{colon}", bold=True)
        _small(para, value)
    if meta_rows(article):
        doc.add_paragraph()
    zh = lab["authors"] == "作者"
    for block in body_blocks(article):
        if block.kind == "heading":
            doc.add_heading(block.text, level=2)
        elif block.kind == "caption":
            doc.add_paragraph(block.text, style="Caption")
        elif block.kind == "subtitle":
            doc.add_paragraph(block.text, style="Subtitle")
        elif block.kind == "kicker":
            _small(doc.add_paragraph(), block.text, RED, size=10.5)
        elif block.kind == "byline":
            _small(doc.add_paragraph(), block.text, size=10.5)
        else:
            para = doc.add_paragraph(block.text)
            if zh:
                para.paragraph_format.first_line_indent = Pt(22)  # two characters
    if with_citation:
        para = doc.add_paragraph()
        para.paragraph_format.space_before = Pt(18)
        _small(para, f"{lab['citation']}{colon}", bold=True, size=9)
        _small(para, citation(article), size=9)


def _add_toc(doc, articles: Sequence[Article]) -> None:
    lab = document_labels(articles)
    doc.add_paragraph(lab["contents"], style="TOC Heading")
    titles = [" ".join((a.title or f"#{a.id}").split()) for a in articles]
    # A real TOC field (Word fills in page numbers) whose cached text lists the headlines,
    # so readers that do not update fields still show the contents.
    first = doc.add_paragraph()
    _field_runs(first, 'TOC \\o "1-1" \\h \\z \\u', titles[0], end=False)
    last = first
    for title in titles[1:]:
        last = doc.add_paragraph(title)
    _end_field(last)


class _XmlSafe(Sequence[Article]):
    """The articles with characters XML cannot hold removed, cleaned as they are read."""

    def __init__(self, articles: Sequence[Article]):
        self._articles = articles

    def __len__(self) -> int:
        return len(self._articles)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [xml_safe_article(a) for a in self._articles[index]]
        return xml_safe_article(self._articles[index])

    def __iter__(self):
        return (xml_safe_article(a) for a in self._articles)


CORE_PROPERTY_CHARS = 255  # python-docx refuses a longer title or author (Word's own limit)


def _property(text: str) -> str:
    """A document property cut to what the format allows (the headline itself is whole)."""
    text = " ".join(text.split())
    return text if len(text) <= CORE_PROPERTY_CHARS else text[: CORE_PROPERTY_CHARS - 1] + "…"


def write_docx(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    articles = _XmlSafe(articles)
    doc = Document()
    _set_language(doc)
    props = doc.core_properties
    props.title = _property(document_title(articles, ctx.options))
    props.author = _property("; ".join(articles[0].authors) if len(articles) == 1 else "")
    props.comments = "Exported from News Archive"
    _page_footer(doc.sections[0], document_labels(articles)["page"])
    if ctx.options.toc and len(articles) > 1:
        _add_toc(doc, articles)
        doc.add_section(WD_SECTION.NEW_PAGE)
    for i, article in enumerate(articles):
        ctx.step(article.title)
        if i:
            doc.add_section(WD_SECTION.NEW_PAGE)
        _add_article(doc, article, ctx.options.citation)
    doc.save(fh)

