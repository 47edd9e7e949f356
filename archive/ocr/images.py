"""Image files (JPG, PNG, TIFF with several pages, WebP) read by OCR.

Each format registers a reader in the reader registry. Reading checks the declared size
of every page against ``limits`` before decoding it, decodes page by page, and gives
each page to ``session.recognise_pages`` (which keeps finished pages of a killed import).
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings

from archive.readers.base import ReadContext, Reader, ReadError, ReadResult, register

from . import limits
from .session import recognise_pages
from .textdoc import ocr_document

_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _pil():
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.MAX_PAGE_PIXELS
    return Image


def label_of(data: bytes) -> str:
    """``"PNG image"``, ... by the file's signature (``"image"`` when none matches)."""
    for sig, label in ((_MAGIC[0], "PNG image"), (_MAGIC[1], "JPEG image"),
                       (_MAGIC[2], "TIFF image"), (_MAGIC[3], "TIFF image")):
        if data.startswith(sig):
            return label
    return "WebP image" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else "image"


def open_image(data: bytes):
    """Open (not decode) an image file; ReadError when it is not a readable image."""
    Image = _pil()
    try:
        with warnings.catch_warnings():  # sizes up to twice the limit: check_size tells
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:  # more than twice the limit
        count = re.search(r"\((\d+) pixels\)", str(exc))
        raise ReadError(_too_many_pixels(None, int(count.group(1)) if count else None)) \
            from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ReadError(f"This {label_of(data)} cannot be read: it is damaged or cut off "
                        "before its image data.") from None


def page_count(im) -> int:
    return max(1, int(getattr(im, "n_frames", 1) or 1))


def check_pages(n: int, what: str = "The image file") -> None:
    if n > limits.MAX_PAGES:
        raise ReadError(f"{what} has too many pages for OCR ({n:,}; the limit is "
                        f"{limits.MAX_PAGES:,}).")


def _too_many_pixels(size: tuple[int, int] | None, count: int | None = None) -> str:
    dims = f" ({size[0]:,} x {size[1]:,} pixels)" if size else \
        f" ({count:,} pixels)" if count else ""
    return (f"The image is too large to read{dims}; the limit is "
            f"{limits.MAX_PAGE_PIXELS:,} pixels a page: it could be a decompression bomb.")


def check_size(size: tuple[int, int], page_no: int = 1) -> None:
    """ReadError for a page whose declared dimensions break the limits."""
    w, h = size
    if w <= 0 or h <= 0:
        raise ReadError(f"Page {page_no} of the image has no pixels ({w} x {h}).")
    if max(w, h) > limits.MAX_SIDE:
        raise ReadError(f"The image is too large to read ({w:,} x {h:,} pixels; the limit "
                        f"is {limits.MAX_SIDE:,} pixels a side).")
    if w * h > limits.MAX_PAGE_PIXELS:
        raise ReadError(_too_many_pixels(size))


def load_page(im, page_no: int):
    """Page ``page_no`` (1-based) decoded as an RGB image, scaled to ``OCR_PIXELS``."""
    Image = _pil()
    try:
        im.seek(page_no - 1)
        check_size(im.size, page_no)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im.load()
            page = _flatten(im)
    except ReadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ReadError(_too_many_pixels(im.size)) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        text = str(exc).lower()
        if "truncated" in text or isinstance(exc, EOFError) or "broken" in text:
            raise ReadError(f"The image is truncated: page {page_no} is cut off before its "
                            "end.") from None
        raise ReadError(f"Page {page_no} of the image cannot be decoded "
                        f"({_detail(exc)}).") from None
    return scale_for_ocr(page)


def _flatten(im):
    """RGB, with transparency painted on white (scans saved with alpha, a 16-bit grey)."""
    Image = _pil()
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        back = Image.new("RGB", rgba.size, "white")
        back.paste(rgba, mask=rgba.getchannel("A"))
        return back
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        return im.point(lambda v: v / 256).convert("L").convert("RGB")
    return im.convert("RGB")


def scale_for_ocr(page):
    """A page above ``OCR_PIXELS`` scaled down to it (boxes then refer to this size)."""
    w, h = page.size
    if w * h <= limits.OCR_PIXELS:
        return page
    f = (limits.OCR_PIXELS / (w * h)) ** 0.5
    return page.resize((max(1, int(w * f)), max(1, int(h * f))), _pil().Resampling.LANCZOS)


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
    return text.rstrip(".")


def read_image(data: bytes, ctx: ReadContext) -> ReadResult:
    """OCR every page of an image file into one article."""
    im = open_image(data)
    n = page_count(im)
    check_pages(n)
    for i in range(n):  # every page's declared size, before any is decoded
        im.seek(i)
        check_size(im.size, i + 1)
    sha = hashlib.sha256(data).hexdigest()
    pages = recognise_pages(sha, ctx.name, list(range(1, n + 1)),
                            lambda page_no: load_page(im, page_no))
    doc, warns = ocr_document(pages)
    return ReadResult(_format(im), None, [doc], warns)


def _format(im) -> str:
    return {"JPEG": "jpeg", "PNG": "png", "TIFF": "tiff", "WEBP": "webp"}.get(
        im.format or "", "image")


def is_image(data: bytes) -> bool:
    """Whether the bytes are an image file OCR reads (by its signature)."""
    return data.startswith(_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _register(fmt: str, exts: tuple[str, ...], magic, label: str) -> None:
    register(Reader(format=fmt, extensions=exts, read=read_image, magic=magic, binary=True,
                    label=label, sniff_order=15,
                    mismatch=f"it does not start with a {label.split()[0]} signature"))


_register("png", (".png",), lambda d: d.startswith(_MAGIC[0]), "PNG image")
_register("jpeg", (".jpg", ".jpeg", ".jpe", ".jfif"), lambda d: d.startswith(_MAGIC[1]),
          "JPEG image")
_register("tiff", (".tif", ".tiff"), lambda d: d.startswith(_MAGIC[2:]),
          "TIFF image")
_register("webp", (".webp",), lambda d: d[:4] == b"RIFF" and d[8:12] == b"WEBP", "WebP image")
