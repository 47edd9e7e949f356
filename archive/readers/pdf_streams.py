"""Decoded sizes of a PDF's streams, checked before PDFium parses a page.

A 300 KB PDF can hold a page content stream that inflates to hundreds of MB, and PDFium
keeps a page's whole decoded content plus an object per drawing operator in memory (about
100 bytes of memory per byte of text operators). So every stream is measured first, by
inflating it in 1 MB steps and throwing the output away (memory stays at one step):

- page contents, form XObjects and other small streams (anything that is not an image,
  a font program or an embedded file) may decode to ``max_pdf_content_bytes``, and so
  may the streams of one page's ``/Contents [...]`` array together (page dictionaries
  are looked for in the file and in its object streams);
- font programs and object streams (PDFium loads them whole) to ``max_pdf_stream_bytes``;
- images are not measured: text extraction never decodes them.

Streams are found by their ``stream`` keyword in the raw file, with the dictionary in
front of it; only FlateDecode streams can grow, other filters are measured raw. Not
covered: streams of an encrypted PDF (they cannot be inflated before decryption), and
one form drawn many times on a page.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_STREAM = re.compile(rb"stream\r?\n")
_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj$")
_FONT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_OTHER = re.compile(rb"/Type\s*/(?:ObjStm|XRef|Metadata|EmbeddedFile)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_CONTENTS_ARRAY = re.compile(rb"/Contents\s*\[([0-9\sR]*)\]")
_REF = re.compile(rb"(\d+)\s+\d+\s+R")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_STEP = 1 << 20
_FEED = 1 << 16


@dataclass(frozen=True)
class OversizedStream:
    """A stream over its limit: what kind it is, its object number, its decoded size."""

    kind: str  # "content", "page" (a page's content streams together) or "data"
    obj: int | None
    size: int  # bytes decoded before giving up (just over the limit)
    limit: int


def _inflate(data: bytes, start: int, limit: int, keep: bool = False) -> tuple[int, bytes]:
    """Size of the zlib stream at ``start`` once inflated (counting stops just past
    ``limit``), and its bytes when ``keep`` (an object stream, to find page dictionaries)."""
    z = zlib.decompressobj()
    pos = start
    feed = data[pos : pos + _FEED]
    pos += _FEED
    total = 0
    kept: list[bytes] = []
    try:
        while True:
            out = z.decompress(feed, _STEP)
            total += len(out)
            if keep:
                kept.append(out)
            if total > limit or z.eof:
                break
            if z.unconsumed_tail:
                if not out:
                    break
                feed = z.unconsumed_tail
            elif pos < len(data):
                feed = data[pos : pos + _FEED]
                pos += _FEED
            else:
                break
    except zlib.error:
        pass  # a damaged stream: PDFium decodes no more of it than this either
    return total, b"".join(kept)


def oversized_stream(data: bytes, content_limit: int, data_limit: int) -> OversizedStream | None:
    """The first stream of ``data`` whose decoded size breaks its limit, or None.

    A page may split its content over several streams (``/Contents [4 0 R 5 0 R]``):
    their sum is held to the content limit too, for the page dictionaries in the file and
    in its object streams.
    """
    content_sizes: dict[int, int] = {}
    dictionaries = [data]
    for m in _STREAM.finditer(data):
        if m.start() and data[m.start() - 1 : m.start()].isalpha():
            continue  # "endstream", not a stream's start
        head_start = max(0, m.start() - 4096)
        head = data[head_start : m.start()]
        obj = None
        k = head.rfind(b"obj")  # this stream's "12 0 obj", the last one before it
        tail = _OBJ.search(head[max(0, k - 40) : k + 3]) if k >= 0 else None
        if tail:
            obj = int(tail.group(1))
            head = head[k + 3 :]
        if _IMAGE.search(head):
            continue
        kind = "data" if _FONT.search(head) or _OTHER.search(head) else "content"
        limit = content_limit if kind == "content" else data_limit
        if _FLATE.search(head):
            keep = kind == "data" and _OBJSTM.search(head) is not None
            size, inflated = _inflate(data, m.end(), limit, keep)
            if keep:
                dictionaries.append(inflated)
        else:
            end = data.find(b"endstream", m.end())
            size = (len(data) if end < 0 else end) - m.end()
        if size > limit:
            return OversizedStream(kind, obj, size, limit)
        if kind == "content" and obj is not None:
            content_sizes[obj] = size
    for text in dictionaries:
        for array in _CONTENTS_ARRAY.finditer(text):
            refs = [int(n) for n in _REF.findall(array.group(1))]
            total = sum(content_sizes.get(n, 0) for n in refs)
            if total > content_limit:
                return OversizedStream("page", refs[0] if refs else None, total, content_limit)
    return None
