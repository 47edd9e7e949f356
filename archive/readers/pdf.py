"""PDF: the text layer, in reading order, with page furniture removed and paragraphs rejoined.

Library: pypdfium2 (PDFium; Apache-2.0 / BSD-3-Clause). On the fixtures (25 pages, on a
busy 2-core machine) PDFium's plain text takes 5 ms a page and this whole reader 13 ms a
page; pdfminer.six (MIT) takes 160 ms a page and puts the curly quotes that LibreOffice
draws in a second font on lines of their own. PyMuPDF is AGPL. We use PDFium's lines
(its grouping of characters in content order) but rebuild each line from the characters'
positions:

- characters are put in x order within a line (quotes drawn later land in place);
- PDFium's own generated spaces are dropped and spaces re-inserted from the real gaps
  between glyph advances, measured against the line's own letter spacing: a justified
  CJK line spreads its characters evenly (0.3-2 em apart), so only a gap 0.15 em wider
  than the line's typical CJK-to-CJK gap is a space; between CJK and Latin text the
  0.2 em "autospace" is not one;
- running heads and feet, page numbers and contents pages are removed
  (``pdf_furniture``);
- lines are joined into paragraphs: not across a larger vertical gap, a change of font
  size, a short line or an indented next line, nor two lines of code (all monospace);
  across a page break when the paragraph runs on; a hyphen that breaks an English word
  at a line end is removed;
- paragraphs in a larger type than the body (or bold where the body is not), short and
  not ending like a sentence, are ``heading_hints``; code lines never are, and with
  hints the structure analysis takes no other line for a heading;
- radical look-alikes are folded back to ideographs: the CJK Radicals Supplement by the
  table from Unicode's EquivalentUnifiedIdeograph.txt (⻓ U+2ED3 -> 长), the Kangxi
  Radicals block by NFKC (⼊ U+2F0A -> 入); nothing else is normalised.

Pages without a text layer that draw an image (scans) are read by OCR (archive/ocr) and
their paragraphs take their place in page order; a PDF where neither gives text is an
error, never an empty article. Stream
sizes are checked before PDFium parses anything (``pdf_streams``). PDFium is not
thread-safe, so all calls into it hold one lock.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from archive.document import RawDocument
from archive.readers.base import ReadContext, Reader, ReadError, ReadResult, register
from archive.readers.docmeta import pdf_date
from archive.readers.limits import Limits, human_size
from archive.readers.pdf_furniture import remove_furniture
from archive.readers.pdf_streams import oversized_stream
from archive.readers.textutil import tidy_lines

if TYPE_CHECKING:
    import pypdfium2 as pdfium

_LOCK = threading.Lock()

# CJK Radicals Supplement -> unified ideograph (Unicode EquivalentUnifiedIdeograph.txt,
# U+2E81..U+2EF3; U+2E80 has no equivalent). Pairs: radical, ideograph.
_RADICAL_PAIRS = (
    "⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 ⺍小 ⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 ⺓幺 ⺔彑 "
    "⺕𫜹 ⺖忄 ⺗心 ⺘扌 ⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 ⺦丬 ⺧牛 ⺨犭 "
    "⺩王 ⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 ⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 ⺶羊 ⺷𦍌 ⺸𦍋 ⺹耂 ⺺肀 ⺻聿 "
    "⺼肉 ⺽𦥑 ⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 ⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 ⻊𧾷 ⻋车 ⻌辶 ⻍辶 ⻎辶 "
    "⻏邑 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻕𨸏 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻞𩙿 ⻟飠 ⻠饣 ⻡𩠐 "
    "⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻭歯 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟"
)


def _radical_table() -> dict[int, str]:
    table = {ord(pair[0]): pair[1:] for pair in _RADICAL_PAIRS.split()}
    for cp in range(0x2F00, 0x2FD6):  # Kangxi Radicals: NFKC gives the ideograph
        table[cp] = unicodedata.normalize("NFKC", chr(cp))
    return table


RADICALS = _radical_table()


def fold_radicals(text: str) -> str:
    """Radical look-alikes (U+2E80..U+2FDF) -> the ideographs they stand for; nothing else."""
    return text.translate(RADICALS)


_CJK_RE = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7\u25b2\u25bc]"
)
_ROMAN_EDGE = re.compile(r"^[ivxlc]{1,6}\b|\b[ivxlc]{1,6}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？!?；;：:…”」』）)]$")


@lru_cache(maxsize=8192)
def _is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


# char, left, right, bottom, top, size, style (MONO | BOLD bits of its font)
_Char = tuple[str, float, float, float, float, float, int]
MONO, BOLD = 1, 2
_FIXED_PITCH, _FORCE_BOLD = 1, 1 << 18  # PDF font descriptor flags


@dataclass
class _Line:
    text: str
    left: float
    right: float
    bottom: float
    top: float
    size: float
    page: int
    style: int = 0  # MONO (nearly all characters monospace) | BOLD (most in bold)

    @property
    def key(self) -> str:
        """The line with page numbers blanked: running heads differ only in them."""
        return _ROMAN_EDGE.sub("#", re.sub(r"\d+", "#", re.sub(r"\s+", "", self.text)))

    @property
    def mono(self) -> bool:
        return bool(self.style & MONO)


def _visual_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Split one PDFium line into the visual lines it holds, top to bottom.

    PDFium joins two lines into one when the first ends with a hyphen, and a glyph drawn
    out of order (a quote mark in another font) sits in some line's character run: each
    character goes to the cluster its vertical extent overlaps most.
    """
    clusters: list[list[float | list[_Char]]] = []  # [bottom, top, chars]
    for c in chars:
        height = max(c[4] - c[3], 0.1)
        best, best_overlap = None, 0.0
        for cl in clusters:
            overlap = min(cl[1], c[4]) - max(cl[0], c[3])
            ratio = overlap / min(height, max(cl[1] - cl[0], 0.1))
            if ratio > 0.5 and ratio > best_overlap:
                best, best_overlap = cl, ratio
        if best is None:
            clusters.append([c[3], c[4], [c]])
        else:
            best[2].append(c)
    clusters.sort(key=lambda cl: -cl[1])
    return [cl[2] for cl in clusters]


def _line_from_chars(chars: list[_Char], page: int) -> list[_Line]:
    chars = [c for c in chars if not c[0].isspace() or c[0] == "\u3000"]
    if not chars:
        return []
    return [ln for group in _visual_lines(chars) if (ln := _one_line(group, page))]


def _one_line(chars: list[_Char], page: int) -> _Line | None:
    # (char, left, right, bottom, top, size) -> one line in x order, spaces from gaps.
    chars.sort(key=lambda c: c[1])
    size = statistics.median(c[5] for c in chars) or 10.0
    gaps = [(cur[1] - prev[2]) / (prev[5] or size) for prev, cur in itertools.pairwise(chars)]
    # A justified CJK line spreads its characters evenly: the typical gap between two CJK
    # characters of this line is its letter spacing, and only a gap beyond it is a space.
    cjk_gaps = [
        g
        for g, (a, b) in zip(gaps, itertools.pairwise(chars), strict=True)
        if _is_cjk(a[0]) and _is_cjk(b[0])
    ]
    spacing = max(0.0, statistics.median(cjk_gaps)) if len(cjk_gaps) >= 3 else 0.0
    out = [chars[0][0]]
    for gap, (prev, cur) in zip(gaps, itertools.pairwise(chars), strict=True):
        a, b = prev[0], cur[0]
        if _is_cjk(a) and _is_cjk(b):
            threshold = spacing + 0.15
        elif _is_cjk(a) or _is_cjk(b):
            # the autospace between CJK and Latin is about 0.2 em (plus the spacing)
            threshold = spacing + 0.26
        else:
            threshold = 0.15
        if gap > threshold:
            out.append(" ")
        out.append(b)
    text = "".join(out).strip()
    if not text:
        return None
    # A code line is all monospace (prose mentions commands in it too); a heading's
    # CJK characters often come from a regular font, so bold needs only a majority.
    style = 0
    if sum(1 for c in chars if c[6] & MONO) >= 0.9 * len(chars):
        style |= MONO
    if sum(1 for c in chars if c[6] & BOLD) * 2 > len(chars):
        style |= BOLD
    return _Line(
        text=text,
        left=min(c[1] for c in chars),
        right=max(c[2] for c in chars),
        bottom=min(c[3] for c in chars),
        top=max(c[4] for c in chars),
        size=size,
        page=page,
        style=style,
    )


def _font_style(handle: object, i: int, flags: int) -> int:
    """MONO and BOLD bits of the font of character ``i`` (from its flags and its name)."""
    import pypdfium2.raw as pdfium_c

    buf = ctypes.create_string_buffer(256)
    pdfium_c.FPDFText_GetFontInfo(handle, i, buf, len(buf), None)
    name = buf.value.decode("latin-1").lower()
    style = 0
    if flags & _FIXED_PITCH or re.search(r"mono|courier|consol|typewriter|code", name):
        style |= MONO
    if flags & _FORCE_BOLD or re.search(r"bold|black|heavy|semibold|demi", name):
        style |= BOLD
    return style


def _page_lines(textpage: pdfium.PdfTextPage, page: int, max_chars: int) -> list[_Line]:
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count > max_chars:
        raise ReadError(
            f"Page {page + 1} of the PDF has {count:,} characters of text (the limit is "
            f"{max_chars:,} a page), so the file was not read."
        )
    lines: list[_Line] = []
    current: list[_Char] = []
    rect = pdfium_c.FS_RECTF()
    # A font is told by its flags and the length of its name (one cheap call a
    # character); its name is read once.
    styles: dict[tuple[int, int], int] = {}
    flags = ctypes.c_int(0)
    flags_ptr = ctypes.pointer(flags)
    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(handle, i)
        if pdfium_c.FPDFText_IsGenerated(handle, i):
            if code == 10:
                lines.extend(_line_from_chars(current, page))
                current = []
            continue
        if code in (0xFFFE, 0xFFFF) or code == 0:
            continue
        if 0xD800 <= code <= 0xDBFF and i + 1 < count:
            continue  # high surrogate: the pair is completed below
        if 0xDC00 <= code <= 0xDFFF and i > 0:
            high = pdfium_c.FPDFText_GetUnicode(handle, i - 1)
            code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
        ch = chr(code)
        if ch in "\r\n":
            lines.extend(_line_from_chars(current, page))
            current = []
            continue
        if ch in "\x02\xad":  # PDFium's soft hyphen marker, a soft hyphen
            ch = "-"
        if not pdfium_c.FPDFText_GetLooseCharBox(handle, i, rect):
            continue
        size = pdfium_c.FPDFText_GetFontSize(handle, i)
        font = (pdfium_c.FPDFText_GetFontInfo(handle, i, None, 0, flags_ptr), flags.value)
        style = styles.get(font)
        if style is None:
            style = styles[font] = _font_style(handle, i, flags.value)
        current.append((ch, rect.left, rect.right, rect.bottom, rect.top, size, style))
    lines.extend(_line_from_chars(current, page))
    return lines


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalnum()]
    return sum(1 for ch in letters if _is_cjk(ch)) / len(letters) if letters else 0.0


def _join(prev: str, nxt: str) -> str:
    """Join two lines of one paragraph: de-hyphenate English, no space inside CJK text.

    In Chinese text a Latin word or number broken at the line end ("E-Q" / "M5",
    "7" / "9亿元") was one word: CJK layout breaks anywhere, so no space is added.
    """
    if re.search(r"[A-Za-z]-$", prev) and re.match(r"[a-z]", nxt) and _cjk_share(prev) < 0.5:
        return prev[:-1] + nxt
    if _is_cjk(prev[-1]) or _is_cjk(nxt[0]) or prev.endswith(("-", "/")):
        return prev + nxt
    if _cjk_share(prev[-200:]) >= 0.5 or (prev[-1].isdigit() and nxt[0].isdigit()):
        return prev + nxt
    return prev + " " + nxt


@dataclass
class _Paragraph:
    text: str
    size: float  # of its first line
    style: int  # of its first line


def _paragraphs(pages: list[list[_Line]]) -> list[_Paragraph]:
    lines = [ln for page in pages for ln in page]
    if not lines:
        return []
    body_size = statistics.median(ln.size for ln in lines)
    body = [ln for ln in lines if abs(ln.size - body_size) < 0.5] or lines
    lefts = sorted(round(ln.left) for ln in body)
    left_margin = lefts[len(lefts) // 10]  # a low percentile: most lines start here
    rights = sorted(ln.right for ln in body)
    right_margin = rights[int(len(rights) * 0.9)]
    # Pitches between consecutive body lines on a page: does the document space its
    # paragraphs (two clusters of pitches) or not (then only indents and short lines tell)?
    pitches = [
        (a.bottom - b.bottom) / a.size
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and abs(a.size - b.size) < 0.5 and 0 < a.bottom - b.bottom
    ]
    # A low percentile: in a document of many one-line paragraphs the median is a
    # paragraph gap, but a fifth of the pairs are still lines of one paragraph.
    line_pitch = sorted(pitches)[len(pitches) // 5] if pitches else 1.3
    spaced = pitches and sum(1 for p in pitches if p > line_pitch * 1.35) >= 0.1 * len(pitches)

    paragraphs: list[_Paragraph] = []
    current = _Paragraph(lines[0].text, lines[0].size, lines[0].style)
    for a, b in itertools.pairwise(lines):
        # Lines of code (monospace) stay lines; a bold line does not run on into plain text.
        same_size = abs(a.size - b.size) < 0.5 and not (a.mono and b.mono)
        same_size = same_size and (a.style & BOLD) <= (b.style & BOLD)
        full = a.right >= right_margin - 2.5 * a.size
        # CJK line breaking keeps "答卷”——" together, so a line can end 3-5 em short.
        nearly_full = a.right >= right_margin - 6 * a.size
        indented = b.left > left_margin + 1.0 * b.size
        if a.page == b.page:
            pitch = (a.bottom - b.bottom) / a.size
            if pitch <= 0:
                joined = False  # a new column or a box higher up: a new paragraph
            elif spaced:
                joined = same_size and pitch <= line_pitch * 1.3 and nearly_full
            else:
                joined = same_size and pitch <= line_pitch * 1.3 and full and not indented
        else:
            joined = same_size and full and not indented and not _SENTENCE_END.search(a.text)
        if joined:
            current.text = _join(current.text, b.text)
        else:
            paragraphs.append(current)
            current = _Paragraph(b.text, b.size, b.style)
    paragraphs.append(current)
    return paragraphs


def _heading_hints(paragraphs: list[_Paragraph]) -> list[str]:
    """Paragraphs set as headings: short, not code, in a larger type than the body (or in
    bold where the body is not). Code lines are never headings.

    When only the first few paragraphs (a headline, a subtitle) stand out, the document
    shows no section headings by type: no hints, so the structure analysis still looks
    for headings in the text.
    """
    weights: dict[float, int] = {}
    for p in paragraphs:
        weights[round(p.size, 1)] = weights.get(round(p.size, 1), 0) + len(p.text)
    if not weights:
        return []
    body_size = max(weights, key=weights.__getitem__)
    body_bold = sum(len(p.text) for p in paragraphs if p.style & BOLD) * 2 > sum(
        len(p.text) for p in paragraphs
    )
    hints = []
    last = 0
    for i, p in enumerate(paragraphs):
        if p.style & MONO or len(p.text) > 100 or not re.search(r"\w", p.text):
            continue
        if p.text[0] in "•◦▪–-*·":  # a list item
            continue
        if p.text[-1] in "。！？!?；;，,、：:.":  # a sentence or a lead-in, not a heading
            continue
        if p.size >= body_size + 0.9 or (
            p.style & BOLD and not body_bold and p.size >= body_size - 0.1
        ):
            hints.append(p.text)
            last = i
    return hints if last >= 3 else []


def _metadata_title(pdf: pdfium.PdfDocument) -> str | None:
    try:
        title = (pdf.get_metadata_value("Title") or "").strip()
    except Exception:  # noqa: BLE001 - metadata is optional
        return None
    return title or None


def _open(data: bytes) -> pdfium.PdfDocument:
    import pypdfium2 as pdfium  # imported on first use: it costs 0.05 s at start-up
    import pypdfium2.raw as pdfium_c

    if b"%%EOF" not in data[-8192:]:
        raise ReadError("The PDF file is incomplete: it was cut off before its end.")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError("The PDF is password-protected, so its text cannot be read.") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError("The PDF uses an unsupported security handler.") from None
        raise ReadError("The PDF file is damaged and cannot be opened.") from None


def _check_streams(data: bytes, limits: Limits) -> None:
    big = oversized_stream(data, limits.max_pdf_content_bytes, limits.max_pdf_stream_bytes)
    if big is None:
        return
    limit = human_size(big.limit)
    if big.kind == "page":
        raise ReadError(
            f"The PDF has a page whose content streams decode to more than {limit} together "
            f"(the limit for one page), so it was not read: it could exhaust memory."
        )
    what = "page content stream" if big.kind == "content" else "data stream"
    where = f" (object {big.obj})" if big.obj is not None else ""
    raise ReadError(
        f"The PDF has a {what}{where} that decodes to more than {limit} "
        f"(the limit for one stream), so it was not read: it could exhaust memory."
    )


def read_pdf(data: bytes, ctx: ReadContext) -> ReadResult:
    if b"%%EOF" in data[-8192:]:
        _check_streams(data, ctx.limits)  # before PDFium inflates anything
    with _LOCK:
        pdf = _open(data)
        try:
            n = len(pdf)
            if n == 0:
                raise ReadError("The PDF has no pages.")
            if n > ctx.limits.max_pdf_pages:
                raise ReadError(
                    f"The PDF has too many pages ({n}; the limit is {ctx.limits.max_pdf_pages})."
                )
            pages: list[list[_Line]] = []
            scanned: list[int] = []  # pages that are images with no text layer
            for i in range(n):
                ctx.deadline.check()
                page = pdf[i]
                try:
                    textpage = page.get_textpage()
                    try:
                        pages.append(_page_lines(textpage, i, ctx.limits.max_pdf_page_chars))
                    finally:
                        textpage.close()
                    if not pages[-1] and _has_image(page):
                        scanned.append(i + 1)
                finally:
                    page.close()
            meta_title = _metadata_title(pdf)
        finally:
            pdf.close()
    ocr = _ocr(data, ctx.name, scanned)  # pages that are only images: read by OCR
    if not any(pages) and not any(p.lines for p in ocr.values()):
        raise ReadError(
            "The PDF has no text layer (it is probably scanned images), so no text could be read."
            if not scanned else "The PDF has no text layer and OCR found no text on its pages."
        )
    kept, contents_pages = remove_furniture(pages)
    parts, paragraphs = [], []
    run: list[list[_Line]] = []
    for i, lines in enumerate([*kept, []]):
        if i + 1 in ocr or i == len(kept):  # text-layer pages so far, then this OCR'd page
            found = _paragraphs(run)
            parts.extend(found)
            paragraphs.extend(fold_radicals(p.text) for p in found)
            run = []
            if i + 1 in ocr:
                paragraphs.extend(_ocr_paragraphs(ocr[i + 1]))
        else:
            run.append(lines)
    headings = [fold_radicals(h) for h in _heading_hints(parts)]
    text = tidy_lines(paragraphs)
    if not text.strip():
        raise ReadError("The PDF has no text layer, so no text could be read.")
    title = fold_radicals(meta_title) if meta_title else None
    if title and title not in paragraphs[:20]:
        title = None  # document properties often hold a file name or a template's title
    if title is None and ocr and not parts:
        title = _ocr_headline(ocr)
    doc = RawDocument(text=text, title_hint=title, heading_hints=headings,
                      metadata_date=pdf_date(data))
    return ReadResult("pdf", None, [doc], _page_warnings(n, scanned, contents_pages, ocr))


def _ocr(data: bytes, name: str, scanned: list[int]) -> dict:
    """OcrPages of the scanned pages by page number (archive/ocr)."""
    if not scanned:
        return {}
    from archive.ocr.pdfocr import ocr_scanned_pages

    return {p.page_no: p for p in ocr_scanned_pages(data, name, scanned)}


def _ocr_paragraphs(page) -> list[str]:
    from archive.ocr.pdfocr import scanned_paragraphs

    return scanned_paragraphs(page)


def _ocr_headline(ocr: dict) -> str | None:
    from archive.ocr.pdfocr import headline

    return next((h for n in sorted(ocr) if (h := headline(ocr[n]))), None)


def _has_image(page) -> bool:
    """Whether a page draws an image (a scan, when the page has no text)."""
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _page_warnings(n: int, scanned: list[int], contents_pages: int,
                   ocr: dict | None = None) -> list[str]:
    """What the import report should say about pages read by OCR or not stored."""
    warnings = []
    if scanned:
        from archive.ocr.pdfocr import scanned_notes

        warnings.extend(scanned_notes(n, [ocr[p] for p in scanned if ocr and p in ocr]))
    if contents_pages:
        warnings.append(f"{contents_pages} contents page(s) left out: their entries are the "
                        "document's own headings.")
    return warnings


register(
    Reader(
        format="pdf",
        extensions=(".pdf",),
        read=read_pdf,
        magic=lambda data: data.startswith(b"%PDF-") or b"%PDF-" in data[:1024],
        binary=True,
        mismatch="it does not start with %PDF",
        label="PDF",
        sniff_order=10,
    )
)
