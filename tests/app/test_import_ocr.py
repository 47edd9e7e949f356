"""Importing a scan in the app: the import bar follows OCR page by page, Cancel stops
before the next page, and importing the file again reads only the pages not yet read."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import Qt

pytestmark = [pytest.mark.gui, pytest.mark.slow]

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttf"
PAGES = ["一汽解放新能源重卡在长春下线，宁德时代为其提供电池。",
         "长春汽开区新能源汽车产业集群加速成形。"]


def scan(path: Path) -> None:
    """A two-page TIFF, one printed line a page."""
    font = ImageFont.truetype(str(FONT), 28)
    images = []
    for text in PAGES:
        page = Image.new("L", (900, 200), 255)
        ImageDraw.Draw(page).text((40, 80), text, font=font, fill=0)
        images.append(page)
    images[0].save(path, save_all=True, append_images=images[1:])


def _report(qtbot, win, old=None):
    qtbot.waitUntil(lambda: win.report_dialog is not None and win.report_dialog is not old
                    and win.report_dialog.isVisible(), timeout=120000)
    return win.report_dialog


def test_ocr_pages_show_in_the_import_bar_and_cancel_keeps_finished_pages(
        qtbot, window, library, tmp_path, monkeypatch):
    tif = tmp_path / "scan.tif"
    scan(tif)
    gate = threading.Event()
    real = library.ingest

    def ingest(paths, progress=None, cancel=None, ocr_progress=None):
        def pages(done, total, name):
            ocr_progress(done, total, name)
            if done == 1:
                gate.wait(60)  # page 1 is read; the user cancels before page 2
        return real(paths, progress, cancel, ocr_progress=pages)

    monkeypatch.setattr(library, "ingest", ingest)
    window.start_import([str(tif)])
    bar = window.import_progress
    qtbot.waitUntil(lambda: "page 2 of 2" in bar.label.text(), timeout=120000)
    assert bar.label.text() == "Recognising text (OCR), page 2 of 2: scan.tif"
    assert (bar.bar.value(), bar.bar.maximum()) == (1, 2)
    qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    first = _report(qtbot, window)
    assert first.report.cancelled and not first.report.added and not first.report.failed
    assert len(library.store.query("SELECT page_no FROM ocr_pages")) == 1
    first.close()

    monkeypatch.setattr(library, "ingest", real)
    window.start_import([str(tif)])
    second = _report(qtbot, window, first)
    assert len(second.report.added) == 1
    article = library.get(second.report.added[0])
    assert "宁德时代" in article.text and "产业集群" in article.text
    assert [p.page_no for p in library.ocr_pages(article.id)] == [1, 2]
