"""Bad images get one clear line each in the import report, and the batch goes on.

Every file here is a real image file made in the test (or bytes that pretend to be one):
truncated, too wide, a decompression bomb, not an image at all, too many pages.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from ocrkit import render_page
from PIL import Image

from archive.library import Library
from archive.ocr import limits


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` and holds almost no pixel data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b""))


def png_bomb(side: int) -> bytes:
    """A valid grey PNG of ``side`` x ``side`` white pixels, a few hundred KB on disk."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * side
    parts = []
    rows = 256
    for start in range(0, side, rows):
        parts.append(packer.compress(row * min(rows, side - start)))
    parts.append(packer.flush())
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", b"".join(parts))
            + _chunk(b"IEND", b""))


def text_png() -> bytes:
    out = io.BytesIO()
    render_page(["长春汽车产业发展迅速。"], dpi=100, width_in=4).save(out, "PNG")
    return out.getvalue()


def tiff_pages(n: int) -> bytes:
    pages = [Image.new("L", (200, 100), 255) for _ in range(n)]
    out = io.BytesIO()
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:])
    return out.getvalue()


def ingest_one(tmp_path: Path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([path])
    assert not report.added and len(report.failed) == 1
    error = report.failed[0]["error"]
    assert "\n" not in error and "Traceback" not in error and "<" not in error
    return report.failed[0]


def test_a_truncated_png_is_one_clear_error(tmp_path: Path) -> None:
    data = text_png()
    failed = ingest_one(tmp_path, "cut.png", data[: len(data) * 2 // 3])
    assert failed["error"] == "The image is truncated: page 1 is cut off before its end."


def test_huge_dimensions_are_refused_before_decoding(tmp_path: Path) -> None:
    failed = ingest_one(tmp_path, "wide.png", png_header_only(40_000, 200))
    assert failed["error"] == ("The image is too large to read (40,000 x 200 pixels; the limit "
                               "is 30,000 pixels a side).")


def test_a_decompression_bomb_is_refused(tmp_path: Path) -> None:
    data = png_bomb(9_000)  # 81 M pixels from a file of a few hundred KB
    assert len(data) < 1_000_000
    failed = ingest_one(tmp_path, "bomb.png", data)
    assert failed["error"] == ("The image is too large to read (9,000 x 9,000 pixels); the limit"
                               " is 64,000,000 pixels a page: it could be a decompression bomb.")


def test_a_bomb_beyond_pillows_own_limit_is_refused_too(tmp_path: Path) -> None:
    failed = ingest_one(tmp_path, "huge.png", png_header_only(20_000, 20_000))
    assert "400,000,000 pixels" in failed["error"] and "decompression bomb" in failed["error"]


@pytest.mark.parametrize("name,data,expected", [
    ("photo.png", "这不是图片，只是文字。".encode() * 20,
     "This file is named .png but is not a valid PNG image"),
    ("scan.tiff", b"II*\x00" + b"\x13" * 300, "This TIFF image cannot be read"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "JPEG image"),
])
def test_not_an_image_is_one_clear_error(tmp_path: Path, name: str, data: bytes,
                                         expected: str) -> None:
    assert expected in ingest_one(tmp_path, name, data)["error"]


def test_too_many_pages_is_one_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_PAGES", 2)
    failed = ingest_one(tmp_path, "pages.tif", tiff_pages(3))
    assert failed["error"] == "The image file has too many pages for OCR (3; the limit is 2)."


def test_a_bad_image_does_not_stop_the_batch(tmp_path: Path, sample_dir: Path) -> None:
    (sample_dir / "cut.png").write_bytes(text_png()[:300])
    with Library(tmp_path / "archive") as lib:
        report = lib.ingest([sample_dir])
    assert len(report.added) == 5
    assert [f["path"].rsplit("/", 1)[-1] for f in report.failed] == ["cut.png"]
