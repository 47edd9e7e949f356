"""Word .docx: paragraphs in body order (tables cell by cell, text boxes after their anchor).

Library: python-docx (MIT) opens the package (following its relationships, so the main
part need not be ``word/document.xml``) and resolves styles with their base styles; the
text is read from the paragraph XML directly so hyperlinks, tabs, line breaks, inserted
revisions and text boxes come through and ``mc:Fallback`` duplicates do not.

Hints: style "Heading 1"/"Title" (or outline level 0) -> ``title_hint`` (the first one),
"Heading 2"-"Heading 9" -> ``heading_hints``; a paragraph whose visible runs are all
italic, or styled "Caption", -> ``caption_hints``. Headers, footers, comments and
footnotes are page furniture and are not read. A document with no heading styles (as
LibreOffice writes plain text: every line a paragraph) keeps its lines, blank ones too.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import TYPE_CHECKING

from archive.document import RawDocument
from archive.readers.base import (
    ReadContext,
    Reader,
    ReadError,
    ReadResult,
    is_zip,
    register,
    zip_names,
)
from archive.readers.docmeta import docx_date
from archive.readers.textutil import tidy_lines
from archive.readers.zipsafe import open_zip

if TYPE_CHECKING:
    import docx.document
    from docx.styles.style import BaseStyle

# python-docx is imported when a .docx is read, not when the app starts (it costs 0.1 s).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """``"w:p"`` -> Clark notation, as ``docx.oxml.ns.qn`` (only the w: prefix is used)."""
    prefix, local = tag.split(":")
    assert prefix == "w"
    return _W + local


_W_P = qn("w:p")
_W_TBL = qn("w:tbl")
_W_SDT = qn("w:sdt")
_W_SDT_CONTENT = qn("w:sdtContent")
_W_T = qn("w:t")
_W_TAB = qn("w:tab")
_W_BR = qn("w:br")
_W_CR = qn("w:cr")
_W_NOBREAK_HYPHEN = qn("w:noBreakHyphen")
_W_SYM = qn("w:sym")
_W_R = qn("w:r")
_W_RPR = qn("w:rPr")
_W_I = qn("w:i")
_W_VAL = qn("w:val")
_W_TXBX = qn("w:txbxContent")
_W_DEL = qn("w:del")
_W_INSTR = qn("w:instrText")
_W_PPR = qn("w:pPr")
_W_PSTYLE = qn("w:pStyle")
_W_OUTLINE = qn("w:outlineLvl")
_W_RSTYLE = qn("w:rStyle")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_HEADING_NAME = re.compile(r"^(?:heading|标题|標題|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_CAPTION_NAME = re.compile(r"caption|题注|題注|图注|圖說", re.IGNORECASE)


def _on(el) -> bool:
    """A w:i / w:b toggle element is on unless its val says false."""
    if el is None:
        return False
    return el.get(_W_VAL, "true").lower() not in ("0", "false", "off")


class _Styles:
    """Heading levels and italics of paragraph and character styles, cached by id."""

    def __init__(self, document: docx.document.Document) -> None:
        self._styles = document.styles
        self._level: dict[str | None, int | None] = {}
        self._caption: dict[str | None, bool] = {}
        self._italic: dict[str | None, bool] = {}

    def _chain(self, style_id: str | None, kind: int):
        try:
            style = (
                self._styles.get_by_id(style_id, kind) if style_id else self._styles.default(kind)
            )
        except (KeyError, ValueError):
            style = None
        seen = 0
        while style is not None and seen < 20:
            yield style
            style = style.base_style
            seen += 1

    def heading_level(self, style_id: str | None) -> int | None:
        """0 for a title, 1-9 for headings, None for body text."""
        if style_id not in self._level:
            from docx.enum.style import WD_STYLE_TYPE

            level = None
            for style in self._chain(style_id, WD_STYLE_TYPE.PARAGRAPH):
                name = (style.name or "").strip()
                if name.lower() == "title":
                    level = 0
                    break
                m = _HEADING_NAME.match(name) or _HEADING_NAME.match(style.style_id or "")
                if m:
                    level = int(m.group(1))
                    break
                outline = _outline_level(style)
                if outline is not None:
                    level = outline + 1
                    break
            self._level[style_id] = level
        return self._level[style_id]

    def is_caption(self, style_id: str | None) -> bool:
        if style_id not in self._caption:
            from docx.enum.style import WD_STYLE_TYPE

            self._caption[style_id] = any(
                _CAPTION_NAME.search(s.name or "")
                for s in self._chain(style_id, WD_STYLE_TYPE.PARAGRAPH)
            )
        return self._caption[style_id]

    def italic(self, style_id: str | None, paragraph: bool) -> bool:
        key = ("p:" if paragraph else "c:") + (style_id or "")
        if key not in self._italic:
            from docx.enum.style import WD_STYLE_TYPE

            kind = WD_STYLE_TYPE.PARAGRAPH if paragraph else WD_STYLE_TYPE.CHARACTER
            value = False
            if style_id or paragraph:
                for style in self._chain(style_id, kind):
                    if style.font.italic is not None:
                        value = bool(style.font.italic)
                        break
            self._italic[key] = value
        return self._italic[key]


def _outline_value(ppr) -> int | None:
    """The outline level (0-8) set in paragraph properties, if any."""
    lvl = ppr.find(_W_OUTLINE) if ppr is not None else None
    if lvl is None:
        return None
    try:
        value = int(lvl.get(_W_VAL))
    except (TypeError, ValueError):
        return None
    return value if value < 9 else None


def _outline_level(style: BaseStyle) -> int | None:
    return _outline_value(style.element.find(_W_PPR))


def _paragraph_style(p) -> str | None:
    ppr = p.find(_W_PPR)
    if ppr is None:
        return None
    ps = ppr.find(_W_PSTYLE)
    return ps.get(_W_VAL) if ps is not None else None


def _paragraph_outline(p) -> int | None:
    value = _outline_value(p.find(_W_PPR))
    return None if value is None else value + 1


def _run_italic(run, styles: _Styles, para_italic: bool) -> bool:
    rpr = run.find(_W_RPR)
    if rpr is not None:
        i = rpr.find(_W_I)
        if i is not None:
            return _on(i)
        rstyle = rpr.find(_W_RSTYLE)
        if rstyle is not None and styles.italic(rstyle.get(_W_VAL), paragraph=False):
            return True
    return para_italic


def _paragraph_text(p, styles: _Styles, boxes: list) -> tuple[str, bool]:
    """(text, all visible runs italic) of a w:p; text-box paragraphs are added to boxes."""
    parts: list[str] = []
    para_italic = styles.italic(_paragraph_style(p), paragraph=True)
    italic_chars = 0
    plain_chars = 0

    def visit(el, run) -> None:
        nonlocal italic_chars, plain_chars
        for child in el:
            tag = child.tag
            if tag in (_MC_FALLBACK, _W_DEL, _W_INSTR):
                continue
            if tag == _W_TXBX:
                boxes.extend(c for c in child.iter(_W_P))
                continue
            if tag == _W_R:
                visit(child, child)
                continue
            if tag == _W_T:
                text = child.text or ""
                parts.append(text)
                if text.strip() and run is not None:
                    if _run_italic(run, styles, para_italic):
                        italic_chars += len(text.strip())
                    else:
                        plain_chars += len(text.strip())
            elif tag == _W_TAB:
                if el.tag == _W_R:
                    parts.append("\t")
            elif tag in (_W_BR, _W_CR):
                if child.get(qn("w:type")) not in ("page", "column"):
                    parts.append("\n")
            elif tag == _W_NOBREAK_HYPHEN:
                parts.append("\u2011")
            elif tag == _W_SYM:
                char = child.get(qn("w:char"))
                if char:
                    try:
                        code = int(char, 16)
                        parts.append(chr(code - 0xF000 if code >= 0xF000 else code))
                    except ValueError:
                        pass
            elif tag == _W_PPR or tag == _W_RPR:
                continue
            else:
                visit(child, run)

    visit(p, None)
    text = "".join(parts)
    return text, italic_chars > 0 and plain_chars == 0


def _blocks(container, styles: _Styles, out: list[tuple[str, str]], deadline) -> None:
    """(kind, text) for each paragraph under ``container`` in document order."""
    for el in container:
        tag = el.tag
        if tag == _W_P:
            deadline.check()
            boxes: list = []
            text, all_italic = _paragraph_text(el, styles, boxes)
            style_id = _paragraph_style(el)
            level = _paragraph_outline(el)
            if level is None:
                level = styles.heading_level(style_id)
            if level is not None and text.strip():
                kind = "title" if level <= 1 else "heading"
            elif text.strip() and (all_italic or styles.is_caption(style_id)):
                kind = "caption"
            else:
                kind = "paragraph"
            for line in text.split("\n"):
                out.append((kind, line))
            for box in boxes:
                _blocks([box], styles, out, deadline)
        elif tag == _W_TBL:
            for cell_p in _table_paragraph_containers(el):
                _blocks(cell_p, styles, out, deadline)
        elif tag == _W_SDT:
            content = el.find(_W_SDT_CONTENT)
            if content is not None:
                _blocks(content, styles, out, deadline)


def _table_paragraph_containers(tbl):
    for row in tbl.iter(qn("w:tr")):
        if row.getparent() is not None and row.getparent() is not tbl:
            continue  # nested tables are reached through their cell
        for cell in row.iter(qn("w:tc")):
            if cell.getparent() is row:
                yield cell


def read_docx(data: bytes, ctx: ReadContext) -> ReadResult:
    if not is_zip(data):
        raise ReadError("This .docx file is not a valid Word document (it is not a zip archive).")
    open_zip(data, ctx.limits, "Word document").close()  # refuse zip bombs before inflating
    import docx

    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds
        raise ReadError(f"This Word document is damaged ({type(exc).__name__}).") from None
    styles = _Styles(document)
    raw: list[tuple[str, str]] = []
    _blocks(document.element.body, styles, raw, ctx.deadline)
    lines = [text for _kind, text in raw]
    title = next((t.strip() for k, t in raw if k == "title" and t.strip()), None)
    headings = [
        t.strip()
        for k, t in raw
        if t.strip() and (k == "heading" or (k == "title" and t.strip() != title))
    ]
    captions = [t.strip() for k, t in raw if k == "caption" and t.strip()]
    if title is None:
        core_title = (document.core_properties.title or "").strip()
        if core_title and any(line.strip() == core_title for line in lines[:40]):
            title = core_title
    return ReadResult(
        "docx",
        None,
        [
            RawDocument(
                text=tidy_lines(lines),
                title_hint=title,
                heading_hints=headings,
                caption_hints=captions,
                metadata_date=docx_date(document.core_properties),
            )
        ],
    )


register(
    Reader(
        format="docx",
        extensions=(".docx",),
        read=read_docx,
        magic=lambda data: is_zip(data) and "word/document.xml" in zip_names(data),
        binary=True,
        mismatch="it is not a zip archive",
        label="Word document",
        sniff_order=20,
    )
)
