"""Plain text: the encoding is detected and line endings normalised to ``\\n``.

Nothing visible changes: only trailing blanks of lines and blank lines at the two ends of
the file are dropped (and a byte order mark).
"""

from __future__ import annotations

from archive.document import RawDocument
from archive.readers.base import ReadContext, Reader, ReadError, ReadResult, register
from archive.readers.textcodec import decode_text
from archive.readers.textutil import tidy_lines


def read_txt(data: bytes, ctx: ReadContext) -> ReadResult:
    """One article: the whole file, as written."""
    text, encoding = decode_text(data)
    if len(text) > ctx.limits.max_text_chars:
        raise ReadError("The text is too long to be one article.")
    return ReadResult("txt", encoding, [RawDocument(text=tidy_lines(text.split("\n")))])


register(
    Reader(
        format="txt",
        extensions=(".txt", ".text", ".asc"),
        read=read_txt,
        label="text file",
        sniff_order=1000,
    )
)
