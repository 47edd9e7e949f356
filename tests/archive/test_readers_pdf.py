"""PDF text layers: page furniture removed, paragraphs rejoined, radical look-alikes folded.

Besides the LibreOffice fixtures, small PDFs are written here by hand (a few lines of
PDF syntax with the built-in Helvetica font), so each layout trait is tested on its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.readers import Limits, ReadError, read_bytes
from archive.readers.pdf import fold_radicals

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"

Line = tuple[float, float, float, str]  # x, y, font size, text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[Line]], to_unicode: dict[str, str] | None = None) -> bytes:
    """A valid PDF with the given lines of Helvetica text on A4 pages.

    ``to_unicode`` maps single ASCII characters drawn to the Unicode text the text layer
    should report for them (as some PDF producers map glyphs to radical code points).
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    cmap_ref = ""
    if to_unicode:
        entries = "\n".join(
            f"<{ord(src):02X}> <{''.join(f'{u:04X}' for u in _utf16_units(dst))}>"
            for src, dst in to_unicode.items()
        )
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /Custom def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(to_unicode)} beginbfchar\n{entries}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()
        cmap_id = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        cmap_ref = f" /ToUnicode {cmap_id} 0 R"
    font = add(
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        f"/Encoding /WinAnsiEncoding{cmap_ref} >>".encode()
    )
    kids = []
    for lines in pages:
        ops = "".join(
            f"BT /F1 {size} Tf {x} {y} Td ({_escape(text)}) Tj ET\n" for x, y, size, text in lines
        )
        if not lines:
            ops = "0.5 g 100 100 300 300 re f\n"  # a picture, no text
        content = add(
            b"<< /Length %d >>\nstream\n" % len(ops.encode("latin-1"))
            + ops.encode("latin-1")
            + b"\nendstream"
        )
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


# Three pages of an English report: running head, running foot with page numbers,
# a paragraph that runs over a page break, a hyphenated word at a line end.
PARAGRAPH_1 = [
    "The new electric vehicle plant in Changchun will employ more than three thousand",
    "workers when it reaches full output, the company said on Tuesday, adding that the",
    "local supply chain would provide most of the parts for the first models built there.",
]
PARAGRAPH_2 = [
    "Officials expect the plant to attract dozens of suppliers to the development zone,",
    "where land, power and water have been prepared for battery and chip manu-",
    "facturing projects that were signed at the auto conference in October this year.",
]
PARAGRAPH_3_PAGE_1 = [
    "The zone reported industrial output of more than one hundred billion yuan for the",
    "third year running, and its officials said that the pace of investment would keep",
]
PARAGRAPH_3_PAGE_2 = [
    "rising as new projects move from signing to construction in the coming months.",
]


def _page(number: int, body: list[list[str]], title: str | None = None) -> list[Line]:
    lines: list[Line] = [(72, 800, 9, "Changchun Daily  |  Auto Industry Report 2023")]
    y = 760.0
    if title:
        lines.append((72, y, 18, title))
        y -= 36
    for paragraph in body:
        for text in paragraph:
            lines.append((72, y, 11, text))
            y -= 14
        y -= 12  # paragraph spacing
    lines.append((280, 40, 9, f"Page {number} of 3"))
    return lines


def report_pdf() -> bytes:
    return make_pdf(
        [
            _page(1, [PARAGRAPH_1, PARAGRAPH_2, PARAGRAPH_3_PAGE_1], title="A New Plant"),
            _page(2, [PARAGRAPH_3_PAGE_2, ["Short closing line."]]),
            _page(3, [["Contact: press office."]]),
        ]
    )


def test_running_heads_and_page_numbers_are_removed() -> None:
    text = read_bytes(report_pdf(), "report.pdf").documents[0].text
    assert "Changchun Daily" not in text
    assert "Page 1 of 3" not in text and "Page 2" not in text
    assert text.split("\n")[0] == "A New Plant"


def test_wrapped_lines_become_one_paragraph_line() -> None:
    lines = read_bytes(report_pdf(), "report.pdf").documents[0].text.split("\n")
    assert " ".join(PARAGRAPH_1) in lines
    assert "Short closing line." in lines
    assert "Contact: press office." in lines


def test_hyphenated_line_end_is_joined() -> None:
    text = read_bytes(report_pdf(), "report.pdf").documents[0].text
    assert "battery and chip manufacturing projects" in text
    assert "manu-" not in text


def test_paragraph_continues_over_a_page_break() -> None:
    lines = read_bytes(report_pdf(), "report.pdf").documents[0].text.split("\n")
    assert " ".join(PARAGRAPH_3_PAGE_1 + PARAGRAPH_3_PAGE_2) in lines


def test_radical_look_alikes_in_the_text_layer_are_folded() -> None:
    # The glyphs drawn are A, B, C; the text layer says U+2ED3 (⻓), U+2F0A (⼊), U+2EC4 (⻄).
    data = make_pdf(
        [[(72, 700, 14, "ABC")]], to_unicode={"A": "\u2ed3", "B": "\u2f0a", "C": "\u2ec4"}
    )
    assert read_bytes(data, "r.pdf").documents[0].text == "长入西"


def test_radical_folding_touches_nothing_else() -> None:
    assert fold_radicals("⻓春⼊口⻑") == "长春入口長"
    assert (
        fold_radicals("長春 ＡＢＣ abc 汽車") == "長春 ＡＢＣ abc 汽車"
    )  # no trad->simp, no width


def test_a_pdf_without_a_text_layer_is_an_error() -> None:
    with pytest.raises(ReadError, match="no text layer"):
        read_bytes(make_pdf([[], []]), "scan.pdf")


def test_too_many_pages() -> None:
    data = (FORMATS / "000_b23c919e069612c2.pdf").read_bytes()
    with pytest.raises(ReadError, match="too many pages"):
        read_bytes(data, "a.pdf", Limits(max_pdf_pages=3))


def test_truncated_pdf() -> None:
    data = (FORMATS / "000_b23c919e069612c2.pdf").read_bytes()
    with pytest.raises(ReadError, match="cut off"):
        read_bytes(data[: len(data) // 2], "half.pdf")


def test_pdf_with_garbage_body_is_damaged() -> None:
    data = b"%PDF-1.4\n" + b"garbage " * 500 + b"\n%%EOF\n"
    with pytest.raises(ReadError, match="damaged"):
        read_bytes(data, "bad.pdf")


def test_password_protected_pdf() -> None:
    pypdf = pytest.importorskip("pypdf")
    import io

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(FORMATS / "004_9e81065f0760de46.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError, match="password-protected"):
        read_bytes(buf.getvalue(), "locked.pdf")


# Eight pages of a book: alternating heads (book title on even pages, chapter title on
# odd pages, the page number at the outer edge), the chapter title changing at page 5.
WORDS = ["apple", "birch", "cedar", "daisy", "elder", "fern"]
WORDS += ["grape", "hazel", "iris", "juniper", "kale", "lilac"]


def _book_page(number: int) -> list[Line]:
    chapter = "Chapter One: Getting Started" if number <= 4 else "Chapter Two: Going Further"
    head = f"A Field Guide to Debian {number}" if number % 2 == 0 else f"{chapter} {number}"
    lines: list[Line] = [(72 if number % 2 == 0 else 300, 800, 9, head)]
    body = [
        f"On this page the {WORDS[(number + i) % 12]} and the {WORDS[(number * 5 + i) % 12]} "
        f"grow beside the {WORDS[(number * 7 + i) % 12]} in row {i} of the garden beds."
        for i in range(6)
    ]
    body.append(f"The {WORDS[number]} closes this page.")
    lines += [(72, 740 - 14 * i, 11, text) for i, text in enumerate(body)]
    return lines


def test_alternating_and_chapter_running_heads_are_removed() -> None:
    data = make_pdf([_book_page(n) for n in range(1, 9)])
    text = read_bytes(data, "book.pdf").documents[0].text
    assert "Field Guide" not in text
    assert "Chapter One" not in text and "Chapter Two" not in text
    for n in range(1, 9):
        assert f"The {WORDS[n]} closes this page." in text


def test_a_contents_page_is_dropped() -> None:
    contents = [(72, 760, 16, "Contents")] + [
        (72, 730 - 16 * i, 11, f"{i}.1 Section number {i} " + ". " * 30 + str(i * 3))
        for i in range(1, 8)
    ]
    body = [(72, 760 - 14 * i, 11, text) for i, text in enumerate(PARAGRAPH_1)]
    text = read_bytes(make_pdf([contents, body]), "c.pdf").documents[0].text
    assert "Section number" not in text and "Contents" not in text
    assert " ".join(PARAGRAPH_1) in text


def test_the_report_says_which_pages_were_left_out() -> None:
    contents = [(72, 760, 16, "Contents")] + [
        (72, 730 - 16 * i, 11, f"{i}.1 Section number {i} " + ". " * 30 + str(i * 3))
        for i in range(1, 8)
    ]
    body = [(72, 760 - 14 * i, 11, text) for i, text in enumerate(PARAGRAPH_1)]
    warnings = read_bytes(make_pdf([contents, body]), "c.pdf").warnings
    assert warnings == ["1 contents page(s) left out: their entries are the document's own "
                        "headings."]


def test_a_scanned_page_among_text_pages_is_read_by_ocr_and_reported() -> None:
    import io

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(72, 760, "The first page has a text layer and is read.")
    pdf.showPage()
    pdf.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 72, 500)  # a scan
    pdf.showPage()
    pdf.showPage()  # a blank page is nothing to report
    pdf.save()
    result = read_bytes(buf.getvalue(), "mixed.pdf")
    assert "first page has a text layer" in result.documents[0].text
    assert result.warnings == ["1 of 3 pages had no text layer and were read by OCR: page 2.",
                               "OCR found no text on page 2."]  # a plain grey image


def crafted_stream_pdf(decoded_mb: int) -> bytes:
    """One page whose content stream inflates from about 300 KB to ``decoded_mb`` MB."""
    import zlib

    packer = zlib.compressobj(9)
    parts = [packer.compress(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET\n")]
    spaces = b" " * (1 << 20)  # compressed a megabyte at a time: this process stays small
    parts += [packer.compress(spaces) for _ in range(decoded_mb)]
    stream = b"".join(parts) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


READER = """
import sys
from archive.readers import ReadError, read_bytes
try:
    read_bytes(open(sys.argv[1], "rb").read(), "bomb.pdf")
    print("read")
except ReadError as exc:
    print(exc)
"""
# A small launcher runs the reader and reports its peak memory: RUSAGE_CHILDREN counts
# the memory a child had at the fork, so the child must not be forked from this (large)
# test process.
LAUNCHER = """
import resource, subprocess, sys
run = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]],
                     capture_output=True, text=True, check=True)
print(run.stdout.strip())
print(run.stderr.strip() or "-")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def test_a_huge_content_stream_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "bomb.pdf"
    path.write_bytes(crafted_stream_pdf(300))
    assert path.stat().st_size < 400_000
    run = subprocess.run(
        [sys.executable, "-c", LAUNCHER, READER, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    message, errors, peak_kb = run.stdout.strip().split("\n")
    assert "page content stream" in message and "4 MB" in message, message
    assert errors == "-"  # one line, no traceback
    assert int(peak_kb) < 500 * 1024


def test_stream_and_page_limits_can_be_tightened() -> None:
    data = (FORMATS / "000_b23c919e069612c2.pdf").read_bytes()
    with pytest.raises(ReadError, match="decodes to more than"):
        read_bytes(data, "a.pdf", Limits(max_pdf_content_bytes=1000))
    with pytest.raises(ReadError, match="characters of text"):
        read_bytes(data, "a.pdf", Limits(max_pdf_page_chars=100))
    assert read_bytes(data, "a.pdf").documents[0].text  # the defaults read it


def test_headings_come_from_type_size_and_a_lone_headline_leaves_guessing_on() -> None:
    body = [(72, 700 - 14 * i, 11, text) for i, text in enumerate(PARAGRAPH_1 + PARAGRAPH_2)]
    sized = [(72, 760, 18, "A New Plant"), (72, 730, 14, "Jobs and suppliers"), *body]
    sized += [(72, 580, 14, "What comes next"), (72, 560, 11, "More text follows here.")]
    doc = read_bytes(make_pdf([sized]), "a.pdf").documents[0]
    assert doc.heading_hints == ["A New Plant", "Jobs and suppliers", "What comes next"]
    plain = [(72, 760, 18, "A New Plant"), *body]
    assert read_bytes(make_pdf([plain]), "b.pdf").documents[0].heading_hints == []


def test_a_page_split_over_many_content_streams_is_held_to_the_page_limit() -> None:
    import zlib

    part = zlib.compress(b"BT /F1 12 Tf 72 700 Td (Hi) Tj ET\n" + b" " * (2 << 20), 9)
    streams = [
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(part) + part + b"\nendstream"
    ]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R 7 0 R] >>"
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *streams * 3,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    with pytest.raises(ReadError, match="content streams decode to more than 4 MB together"):
        read_bytes(bytes(out), "split.pdf")
    assert read_bytes(bytes(out), "split.pdf", Limits(max_pdf_content_bytes=8 << 20))
