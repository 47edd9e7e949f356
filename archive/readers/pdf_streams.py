"""Decoded sizes of a PDF's streams, checked before PDFium parses a page.

A 300 KB PDF can hold a page content stream that inflates to hundreds of MB, and PDFium
keeps a page's whole decoded content plus an object per drawing operator in memory (about
100 bytes of memory per byte of text operators). So every stream is measured first, by
inflating it in 1 MB steps and throwing the output away (memory stays at one step):

- page contents, form XObjects and other small streams (anything that is not an image,
  a font program or an embedded file) may decode to ``max_pdf_content_bytes``;
- font programs and object streams (PDFium loads them whole) to ``max_pdf_stream_bytes``;
- images are not measured: text extraction never decodes them.

Streams are found by their ``stream`` keyword in the raw file, with the dictionary in
front of it; only FlateDecode streams can grow, other filters are measured raw.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_STREAM = re.compile(rb"(?<![A-Za-z])stream\r?\n")
_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FONT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_OTHER = re.compile(rb"/Type\s*/(?:ObjStm|XRef|Metadata|EmbeddedFile)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_STEP = 1 << 20
_FEED = 1 << 16


@dataclass(frozen=True)
class OversizedStream:
    """A stream over its limit: what kind it is, its object number, its decoded size."""

    kind: str  # "content" or "data"
    obj: int | None
    size: int  # bytes decoded before giving up (just over the limit)
    limit: int


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """Bytes a zlib stream at ``start`` inflates to, counting stops just past ``limit``."""
    z = zlib.decompressobj()
    pos = start
    feed = data[pos : pos + _FEED]
    pos += _FEED
    total = 0
    try:
        while True:
            out = z.decompress(feed, _STEP)
            total += len(out)
            if total > limit or z.eof:
                return total
            if z.unconsumed_tail:
                if not out:
                    return total
                feed = z.unconsumed_tail
            elif pos < len(data):
                feed = data[pos : pos + _FEED]
                pos += _FEED
            else:
                return total
    except zlib.error:
        return total  # a damaged stream: PDFium decodes no more of it than this either


def oversized_stream(data: bytes, content_limit: int, data_limit: int) -> OversizedStream | None:
    """The first stream of ``data`` whose decoded size breaks its limit, or None."""
    for m in _STREAM.finditer(data):
        head_start = max(0, m.start() - 4096)
        head = data[head_start : m.start()]
        objs = list(_OBJ.finditer(head))
        obj = int(objs[-1].group(1)) if objs else None
        if objs:
            head = head[objs[-1].end() :]
        if _IMAGE.search(head):
            continue
        kind = "data" if _FONT.search(head) or _OTHER.search(head) else "content"
        limit = content_limit if kind == "content" else data_limit
        if _FLATE.search(head):
            size = _inflated_size(data, m.end(), limit)
        else:
            end = data.find(b"endstream", m.end())
            size = (len(data) if end < 0 else end) - m.end()
        if size > limit:
            return OversizedStream(kind, obj, size, limit)
    return None
