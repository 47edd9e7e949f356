"""OCR ingest end to end, on page images rendered here from the sample articles.

A two-column PNG page, a two-page TIFF, a PDF whose second page is only a scan and a
smudged page are imported into a real archive; their text is found by phrase searches,
the article gets its headline and date like any other, the page view gets boxes and the
page image, low-confidence pages are listed and filtered, and an OCR import that is
cancelled or killed resumes without reading its finished pages again.
"""

from __future__ import annotations

import io
import json
import signal
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest
from crashkit import cli
from ocrkit import FONT, corpus_article, render_page
from PIL import Image, ImageFilter

from archive.library import Library

pytestmark = pytest.mark.slow


def smudged(image: Image.Image) -> Image.Image:
    """A page photographed badly: shrunk, blown up again, noisy and blurred."""
    small = image.resize((int(image.width * 0.35), int(image.height * 0.35)),
                         Image.Resampling.BILINEAR).resize(image.size, Image.Resampling.BILINEAR)
    arr = np.asarray(small.convert("L")).astype(float)
    arr += np.random.default_rng(1).normal(0, 60, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype("uint8")).filter(
        ImageFilter.GaussianBlur(1))


def mixed_pdf(text_lines: list[str], scan: Image.Image) -> bytes:
    """Page 1 with a text layer; page 2 only an image of a printed page."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", str(FONT)))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(595, 842))
    pdf.setFont("WQY", 12)
    for i, line in enumerate(text_lines):
        pdf.drawString(60, 780 - 20 * i, line)
    pdf.showPage()
    w = 595 - 80
    pdf.drawImage(ImageReader(scan), 40, 842 - 40 - w * scan.height / scan.width, width=w,
                  height=w * scan.height / scan.width)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ocr")
    head0, paras0 = corpus_article(0)
    render_page(paras0[:6], headline=head0, columns=2).save(folder / "page.png")
    head3, paras3 = corpus_article(3)
    pages = [render_page(paras3[:3], headline=head3, width_in=6),
             render_page(paras3[3:6], width_in=6)]
    pages[0].save(folder / "scan.tif", save_all=True, append_images=pages[1:],
                  compression="tiff_deflate")
    _, paras2 = corpus_article(2)
    _, paras4 = corpus_article(4)
    (folder / "mixed.pdf").write_bytes(
        mixed_pdf([p[:40] for p in paras2[:6]], render_page(paras4[:3], width_in=6)))
    head1, paras1 = corpus_article(1)
    smudged(render_page(paras1[:2], headline=head1, width_in=5)).save(folder / "smudged.png")
    calls: list[tuple[int, int, str]] = []
    archive = tmp_path_factory.mktemp("archive")
    lib = Library(archive)
    report = lib.ingest([folder], ocr_progress=lambda *a: calls.append(a))
    yield lib, report, calls, folder, archive
    lib.close()


def _article(lib: Library, report, name: str):
    for aid in report.added:
        article = lib.get(aid)
        if article.source_name == name:
            return article
    raise AssertionError(f"{name} was not added: {report.to_dict()}")


def test_every_image_is_imported_as_an_article(imported) -> None:
    _lib, report, _calls, _folder, _archive = imported
    assert len(report.added) == 4 and not report.failed, report.to_dict()


def test_a_png_page_is_found_by_a_phrase_and_gets_headline_and_date(imported) -> None:
    lib, report, _calls, _folder, _archive = imported
    article = _article(lib, report, "page.png")
    assert article.title.startswith("为汽车产业高质量发展")
    assert article.year == 2023
    assert [h.id for h in lib.search('"再次迎来高光时刻"').hits] == [article.id]
    # two columns read one after the other: a paragraph is whole, in order
    assert "为期3天的2023中德汽车大会结合国际国内行业态势" in article.text


def test_a_two_page_tiff_is_one_article_found_by_a_phrase_on_its_second_page(imported) -> None:
    lib, report, calls, _folder, _archive = imported
    article = _article(lib, report, "scan.tif")
    assert article.title.startswith("跃升")
    hits = lib.search('"长春汽开区召开2024年度工作会议"').hits
    assert [h.id for h in hits] == [article.id]
    pages = lib.ocr_pages(article.id)
    assert [p.page_no for p in pages] == [1, 2]
    assert (0, 2, "scan.tif") in calls and (2, 2, "scan.tif") in calls


def test_a_pdf_whose_second_page_is_a_scan_is_read_whole(imported) -> None:
    lib, report, _calls, _folder, _archive = imported
    article = _article(lib, report, "mixed.pdf")
    assert [h.id for h in lib.search('"焊花飞溅的生产线"').hits] == [article.id]  # the scan
    assert [h.id for h in lib.search('"奋力推动全面振兴"').hits] == [article.id]  # text layer
    assert {"path": str(imported[3] / "mixed.pdf"),
            "warning": "1 of 2 pages had no text layer and were read by OCR: page 2."} \
        in report.warnings
    assert [p.page_no for p in lib.ocr_pages(article.id)] == [2]


def test_the_page_view_gets_boxes_and_the_page_image(imported) -> None:
    lib, report, _calls, folder, _archive = imported
    article = _article(lib, report, "page.png")
    (page,) = lib.ocr_pages(article.id)
    original = Image.open(folder / "page.png")
    assert (page.width, page.height) == original.size
    line = next(ln for ln in page.lines if "高光时刻" in ln.text)
    assert line.field == "body" and article.text[line.start:line.end] == line.text
    x0, y0, x1, y1 = line.box
    assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
    # the box is where the text is: ink inside it, within one column
    ink = np.asarray(original.convert("L"))[y0:y1, x0:x1]
    assert (ink < 128).mean() > 0.05 and x1 - x0 < page.width / 2
    title = page.lines[0]
    assert title.field == "title" and article.title[title.start:title.end] == title.text
    png = lib.page_image(article.id, 1)
    shown = Image.open(io.BytesIO(png))
    assert shown.format == "PNG" and shown.size == (page.width, page.height)
    assert (folder / "page.png").read_bytes() == (lib.original_path(article.id)).read_bytes()
    assert lib.ocr_pages(_article(lib, report, "mixed.pdf").id - 999) == []


def test_low_confidence_pages_are_reported_and_filtered(imported) -> None:
    lib, report, _calls, _folder, archive = imported
    bad = _article(lib, report, "smudged.png")
    assert [(r["id"], r["pages"]) for r in report.needs_review] == [(bad.id, [1])]
    assert any("needs review" in w["warning"] for w in report.warnings
               if w["path"].endswith("smudged.png"))
    (page,) = lib.ocr_pages(bad.id)
    assert page.needs_review and page.confidence < 0.9
    assert [h.id for h in lib.search("", needs_review=True).hits] == [bad.id]
    assert lib.search("").facets["review"] == {"needs review": 1}
    out = cli(archive, "search", "--needs-review", "--json")
    assert out.returncode == 0, out.stderr
    assert [h["id"] for h in json.loads(out.stdout)["hits"]] == [bad.id]


def small_tiff(path: Path, pages: int) -> list[str]:
    """A TIFF of ``pages`` short pages, one paragraph each; returns the paragraphs."""
    _, paras = corpus_article(4)
    texts = [p[:30] for p in paras[:pages]]
    images = [render_page([t], width_in=4, dpi=120) for t in texts]
    images[0].save(path, save_all=True, append_images=images[1:])
    return texts


def _pages(archive: Path) -> dict[int, tuple[int, str]]:
    with sqlite3.connect(archive / "archive.sqlite") as db:
        return {n: (rowid, created) for rowid, n, created in
                db.execute("SELECT rowid, page_no, created_at FROM ocr_pages")}


def test_a_cancelled_ocr_import_keeps_its_pages_and_resumes(tmp_path) -> None:
    texts = small_tiff(tmp_path / "three.tif", 3)
    cancel = threading.Event()

    def progress(done: int, total: int, _name: str) -> None:
        if done == 1:
            cancel.set()  # the user presses Cancel while page 2 is next

    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([tmp_path / "three.tif"], cancel=cancel, ocr_progress=progress)
        assert report.cancelled and not report.added and not report.failed
        before = _pages(tmp_path / "archive")
        assert list(before) == [1]
        seen: list[int] = []
        report = lib.ingest([tmp_path / "three.tif"], ocr_progress=lambda d, t, n: seen.append(d))
        assert len(report.added) == 1
        assert _pages(tmp_path / "archive")[1] == before[1]  # page 1 was not read again
        assert lib.search(f'"{texts[2][2:12]}"').total == 1


def test_a_killed_ocr_import_resumes_without_redoing_finished_pages(tmp_path) -> None:
    texts = small_tiff(tmp_path / "three.tif", 3)
    archive = tmp_path / "archive"
    killed = cli(archive, "ingest", str(tmp_path / "three.tif"), "--json",
                 NEWS_ARCHIVE_KILL_AT="ocr-page-stored:2")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-500:]
    finished = _pages(archive)
    assert sorted(finished) == [1, 2]
    again = cli(archive, "ingest", str(tmp_path / "three.tif"), "--json")
    assert again.returncode == 0, again.stderr
    assert len(json.loads(again.stdout)["added"]) == 1
    after = _pages(archive)
    assert sorted(after) == [1, 2, 3]
    assert {n: after[n] for n in (1, 2)} == finished  # same rows: not recognised again
    found = cli(archive, "search", f'"{texts[2][2:12]}"', "--json")
    assert json.loads(found.stdout)["total"] == 1


def test_vertical_text_is_read_right_to_left() -> None:
    from ocrkit import font
    from PIL import ImageDraw

    from archive.ocr.recognise import page_text, recognise_image

    columns = ["长春汽车产业高质量发展", "一汽集团推动智能网联", "新能源汽车产量翻番"]
    page = Image.new("RGB", (400, 500), "white")
    draw = ImageDraw.Draw(page)
    for i, text in enumerate(columns):
        for j, ch in enumerate(text):
            draw.text((320 - i * 60, 30 + j * 38), ch, font=font(32), fill="black")
    ocr = recognise_image(page)
    assert page_text(ocr) == "".join(columns)
    assert [ln.box[0] for ln in ocr.lines] == sorted((ln.box[0] for ln in ocr.lines),
                                                     reverse=True)


def test_jpeg_and_webp_pages_are_read(tmp_path) -> None:
    _, paras = corpus_article(2)
    page = render_page(paras[3:5], width_in=5)
    page.save(tmp_path / "clip.jpg", quality=85)
    page.save(tmp_path / "clip.webp", quality=90)
    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([tmp_path / "clip.jpg", tmp_path / "clip.webp"])
        # the same text twice: the second is a duplicate of the first, named as such
        assert len(report.added) == 1 and len(report.duplicates) == 1, report.to_dict()
        assert lib.get(report.added[0]).source_format == "jpeg"
        phrase = paras[3].strip()[4:14]
        assert lib.search(f'"{phrase}"').total == 1


def test_a_scanned_pdf_in_a_large_batch_is_read_by_ocr_in_the_main_process(
        tmp_path, monkeypatch) -> None:
    import archive.ingest

    monkeypatch.setattr(archive.ingest, "PARALLEL_MIN_FILES", 2)  # worker processes
    _, paras = corpus_article(4)
    scan = render_page(paras[:2], width_in=5)
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(595, 842))
    pdf.drawImage(ImageReader(scan), 40, 400, width=500, height=500 * scan.height / scan.width)
    pdf.showPage()
    pdf.save()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(buf.getvalue())
    for i in range(3):
        (folder / f"note{i}.txt").write_text(f"第{i}篇笔记\n\n" + paras[5 + i], encoding="utf-8")
    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([folder])
        assert len(report.added) == 4 and not report.failed, report.to_dict()
        assert lib.search('"焊花飞溅的生产线"').total == 1
        pdf_id = next(a for a in report.added if lib.get(a).source_format == "pdf")
        assert [p.page_no for p in lib.ocr_pages(pdf_id)] == [1]
