"""Plain text: the encoding is detected and line endings normalised to ``\\n``.

Nothing visible changes: only trailing blanks of lines and blank lines at the two ends of
the file are dropped (and a byte order mark).
"""

from __future__ import annotations

from archive.document import RawDocument
from archive.readers.base import ReadContext, Reader, ReadError, ReadResult, register
from archive.readers.limits import human_size
from archive.readers.textcodec import decode_mixed
from archive.readers.textutil import cut_long_lines, long_lines_warning, tidy_lines


def read_txt(data: bytes, ctx: ReadContext) -> ReadResult:
    """One article: the whole file, as written (over-long lines cut, with a warning)."""
    if len(data) > 4 * ctx.limits.max_text_chars:  # more bytes than any encoding needs
        raise ReadError(
            f"The text is too long to be one article ({human_size(len(data))}; the limit is "
            f"{ctx.limits.max_text_chars:,} characters)."
        )
    text, encoding, warning = decode_mixed(data)
    if len(text) > ctx.limits.max_text_chars:
        raise ReadError(
            f"The text is too long to be one article ({len(text):,} characters; the limit is "
            f"{ctx.limits.max_text_chars:,})."
        )
    warnings = [warning] if warning else []
    text, cut = cut_long_lines(text, ctx.limits.max_line_chars)
    if cut:
        warnings.append(long_lines_warning(cut, ctx.limits.max_line_chars))
    doc = RawDocument(text=tidy_lines(text.split("\n")))
    return ReadResult("txt", encoding, [doc], warnings)


register(
    Reader(
        format="txt",
        extensions=(".txt", ".text", ".asc"),
        read=read_txt,
        label="text file",
        sniff_order=1000,
    )
)
