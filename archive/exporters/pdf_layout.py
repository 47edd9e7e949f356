"""The PDF layout with ReportLab (imported only when a PDF is written; see pdf.py).

The font is WenQuanYi Micro Hei (resources/fonts, Apache-2.0), embedded as subsets with a
ToUnicode map built from the characters actually written, so text stays selectable and
copies back with its own code points (长 stays U+957F, not the radical ⻓). Pages are
numbered "N / total"; several articles get an optional table of contents and PDF
bookmarks.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    HRFlowable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from ..document import Article
from ..paths import RESOURCES
from ..readers.textutil import cut_long_lines
from .base import (
    ExportContext,
    ExportError,
    body_blocks,
    document_labels,
    document_title,
    labels,
    meta_rows,
)
from .citation import citation

PDF_MAX_CHARS = 1_000_000  # text of one article in a PDF (about 600 pages, 30 s); then a note
PDF_PARAGRAPH_CHARS = 2_000  # longer paragraphs are laid out in pieces (linear, not quadratic)
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttf"
FONT = "WenQuanYiMicroHei"
PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 22 * mm, 20 * mm, 22 * mm
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#5a5a5a")
ACCENT = colors.HexColor("#a02828")

# ReportLab keeps fonts in module-level registries and is not written for concurrent
# builds: one PDF at a time.
_BUILD_LOCK = threading.Lock()
_registered = False
NO_LINE_START = "，。、；：！？）》〉」』】〕］｝”’…％·—"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _register_font() -> None:
    global _registered
    if _registered:
        return
    if not FONT_FILE.is_file():
        raise ExportError(f"the PDF font is missing: {FONT_FILE}")
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    # One face serves for <b> and <i> too: there is no bold CJK face to embed.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    # ReportLab's CJK line breaking keeps a list of characters that may not start a line
    # (they hang in the margin instead) but misses the full-width Chinese ones: without
    # these a line may begin with "，" or "”".
    for module in (rl_paragraph, rl_textsplit):
        missing = "".join(c for c in NO_LINE_START if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing
    _registered = True


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    zh = not lang.startswith("en")
    wrap = "CJK" if zh else None
    base = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=18, textColor=INK,
                          wordWrap=wrap, spaceAfter=6, firstLineIndent=21 if zh else 0)
    return {
        "kicker": ParagraphStyle("kicker", base, fontSize=10, leading=14, textColor=ACCENT,
                                 firstLineIndent=0, spaceAfter=4),
        "title": ParagraphStyle("title", base, fontSize=20, leading=28, firstLineIndent=0,
                                spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=13, leading=19, textColor=GREY,
                                   firstLineIndent=0, spaceAfter=8),
        "meta": ParagraphStyle("meta", base, fontSize=9, leading=13, textColor=GREY,
                               firstLineIndent=0, spaceAfter=1),
        "heading": ParagraphStyle("heading", base, fontSize=13, leading=20, firstLineIndent=0,
                                  spaceBefore=10, spaceAfter=6),
        "paragraph": base,
        "caption": ParagraphStyle("caption", base, fontSize=9, leading=14, textColor=GREY,
                                  firstLineIndent=0, leftIndent=12, borderPadding=(0, 0, 0, 6),
                                  spaceBefore=2, spaceAfter=8),
        "byline": ParagraphStyle("byline", base, fontSize=10, leading=15, textColor=GREY,
                                 firstLineIndent=0),
        "citation": ParagraphStyle("citation", base, fontSize=8.5, leading=13,
                                   textColor=GREY, firstLineIndent=0, spaceBefore=4),
    }


def _text(text: str) -> str:
    """Text for a ReportLab paragraph: markup escaped, control characters dropped."""
    return escape(_CONTROL.sub("", text)).replace("\n", "<br/>")


class _ArticleTitle(Paragraph):
    """The headline paragraph: marks where an article starts (for contents and bookmarks)."""

    def __init__(self, text: str, style: ParagraphStyle, index: int, title: str):
        super().__init__(text, style)
        self.index = index
        self.title = title


class _PageCountCanvas(Canvas):
    """Draws "of M" from a form filled in when the page count is known, at save time."""

    def save(self) -> None:
        self.beginForm("page-count")
        self.setFont(FONT, 8.5)
        self.setFillColor(GREY)
        self.drawString(0, 0, self._count_text.format(total=self.getPageNumber() - 1))
        self.endForm()
        super().save()


class _Doc(BaseDocTemplate):
    def __init__(self, fh: BinaryIO, ctx: ExportContext, count: int, passes: int, **kw):
        super().__init__(fh, **kw)
        self.ctx = ctx
        self.count = count
        self.passes = passes
        self.pass_no = -1
        self.reported_page = 0

    def afterFlowable(self, flowable) -> None:
        # Every paragraph (at most PDF_PARAGRAPH_CHARS long): a chance to cancel, and on a
        # new page progress a person can see while one long article is laid out.
        self.ctx.check()
        if self.ctx.progress is not None and self.page != self.reported_page:
            self.reported_page = self.page
            self.ctx.report(f"page {self.page}")
        if not isinstance(flowable, _ArticleTitle):
            return
        if flowable.index == 0:
            self.pass_no += 1
        key = f"article-{flowable.index}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.title, key, level=0, closed=True)
        self.notify("TOCEntry", (0, _text(flowable.title), self.page, key))
        self.ctx.check()
        if self.ctx.progress is not None and self.ctx.total:
            done = (min(self.pass_no, self.passes - 1) + (flowable.index + 1) / self.count)
            self.ctx.done = min(int(self.ctx.total * done / self.passes), self.ctx.total - 1)
            self.ctx.report(flowable.title)


def _page_decor(label: str):
    before, _, _after = label.partition("{total}")

    def draw(canvas: Canvas, doc: _Doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#cccccc"))
        canvas.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, y + 4 * mm, PAGE_W - MARGIN_X, y + 4 * mm)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawRightString(PAGE_W / 2 + 4 * mm, y, before.format(n=doc.page))
        canvas.translate(PAGE_W / 2 + 4 * mm, y)
        canvas.doForm("page-count")
        canvas.restoreState()

    return draw


def _pieces(text: str) -> list[str]:
    """A block cut into paragraphs of at most ``PDF_PARAGRAPH_CHARS``: ReportLab splits a
    paragraph across pages by re-laying its remainder, quadratic in its length (a
    200,000-character paragraph took 37 s, the same text in short ones 5 s)."""
    if len(text) <= PDF_PARAGRAPH_CHARS:
        return [text]
    return cut_long_lines(text, PDF_PARAGRAPH_CHARS)[0].split("\n")


def _article_flowables(article: Article, index: int, with_citation: bool) -> list:
    lab = labels(article)
    st = _styles(article.language or "zh")
    colon = "：" if lab["authors"] == "作者" else ": "
    out: list = []
    if article.kicker:
        out.append(Paragraph(_text(article.kicker), st["kicker"]))
    title = " ".join((article.title or f"#{article.id}").split())
    out.append(_ArticleTitle(_text(title), st["title"], index, title))
    if article.subtitle:
        out.append(Paragraph(_text(article.subtitle), st["subtitle"]))
    for key, value in meta_rows(article):
        out.append(Paragraph(f"<b>{_text(key)}</b>{colon}{_text(value)}", st["meta"]))
    out.append(Spacer(1, 4))
    out.append(HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#bbbbbb"),
                          spaceBefore=2, spaceAfter=10))
    budget = PDF_MAX_CHARS
    for block in body_blocks(article):
        style = st.get(block.kind, st["paragraph"])
        for piece in _pieces(block.text[:budget]):
            out.append(Paragraph(_text(piece), style))
        budget -= len(block.text)
        if budget <= 0:
            note = (f"（PDF 只收录本文前 {PDF_MAX_CHARS:,} 个字符；完整正文请导出为 TXT 或 DOCX。）"
                    if lab["authors"] == "作者" else
                    f"(This PDF holds the first {PDF_MAX_CHARS:,} characters of the article; "
                    "export it as TXT or DOCX for the whole text.)")
            out.append(Paragraph(_text(note), st["citation"]))
            break
    if with_citation:
        out.append(Spacer(1, 10))
        out.append(HRFlowable(width="35%", thickness=0.4, color=colors.HexColor("#bbbbbb"),
                              hAlign="LEFT", spaceAfter=2))
        out.append(Paragraph(f"{_text(lab['citation'])}{colon}{_text(citation(article))}",
                             st["citation"]))
    return out


def write_pdf(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    _register_font()
    lab = document_labels(articles)
    zh = lab["contents"] != "Contents"
    page_label = "第 {n} 页 / 共 {total} 页" if zh else "Page {n} of {total}"
    before, _, after = page_label.partition("{total}")
    story: list = []
    toc = ctx.options.toc and len(articles) > 1
    if toc:
        heading = ParagraphStyle("toc-heading", fontName=FONT, fontSize=18, leading=26,
                                 alignment=TA_CENTER, spaceAfter=14)
        # The table's own font would default to Helvetica, which is not embedded.
        contents = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("FONT", (0, 0), (-1, -1), FONT, 11)]))
        contents.levelStyles = [ParagraphStyle(
            "toc0", fontName=FONT, fontSize=11, leading=17, leftIndent=0, firstLineIndent=0,
            wordWrap="CJK" if zh else None, rightIndent=24)]
        story += [Paragraph(lab["contents"], heading), contents, PageBreak()]
    for i, article in enumerate(articles):
        ctx.check()
        if i:
            story.append(PageBreak())
        story += _article_flowables(article, i, ctx.options.citation)

    def canvasmaker(*args, **kw):
        canvas = _PageCountCanvas(*args, **kw)
        canvas._count_text = "{total}" + after
        return canvas

    with _BUILD_LOCK:
        doc = _Doc(
            fh, ctx, len(articles), 2 if toc else 1, pagesize=A4,
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=document_title(articles, ctx.options),
            author="; ".join(articles[0].authors) if len(articles) == 1 else "",
            creator="News Archive", subject="News articles", lang="zh-CN" if zh else "en",
            initialFontName=FONT, initialFontSize=10.5, initialLeading=18,
            displayDocTitle=True,
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_W - 2 * MARGIN_X,
                      PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=_page_decor(before))])
        if toc:
            doc.multiBuild(story, canvasmaker=canvasmaker)
        else:
            doc.build(story, canvasmaker=canvasmaker)
    ctx.done = ctx.total
    ctx.report("")

