"""Limits that keep one bad or hostile input from stalling or exhausting an ingest.

Every limit is checked before the expensive work it guards (zip sizes are checked from
the declared sizes in the central directory *before* anything is inflated), and breaking
one raises :class:`~archive.readers.base.ReadError` for that file only: the batch goes on.

==========================  ============  ====================================================
limit                       default       what it guards
==========================  ============  ====================================================
``max_file_bytes``          200 MB        any one input: a file on disk or a zip member
``max_zip_member_bytes``    200 MB        declared uncompressed size of one zip member
                                          (also the parts of a .docx or .epub)
``max_zip_total_bytes``     1 GB          sum of declared uncompressed sizes in one zip
``max_zip_ratio``           100           uncompressed / compressed size of one member (only
                                          for members over ``zip_ratio_floor_bytes`` = 1 MB,
                                          as tiny members compress absurdly well)
``max_zip_members``         10,000        entries in one zip (a .docx has about 20)
``max_zip_depth``           3             zips inside zips: a.zip!/b.zip!/c.zip is depth 3
``max_inner_zip_bytes``     64 MB         declared size of a zip inside a zip (it is unpacked
                                          into memory to be opened)
``max_nested_zip_bytes``    1 GB          sum of declared uncompressed sizes over a zip and
                                          every zip inside it, however deep (checked on each
                                          inner zip's directory before its members inflate)
``max_inner_zips_held``     128 MB        inner zips held in memory at once for one outer
                                          zip (their declared sizes, summed)
``max_pdf_pages``           2,000         pages of one PDF
``max_pdf_content_bytes``   4 MB          decoded size of one PDF content or form stream, and
                                          of one page's content streams together (PDFium
                                          holds about 100 bytes of memory per byte of text
                                          operators: 4 MB stays under 500 MB); measured by
                                          inflating in 1 MB steps before PDFium opens the file
``max_pdf_stream_bytes``    64 MB         decoded size of any other PDF stream but images (a
                                          font program, an object stream); images are never
                                          decoded to read text, so they are not limited
``max_pdf_page_chars``      100,000       characters in the text layer of one PDF page (a
                                          dense page of small type has about 5,000)
``max_documents``           2,000         articles from one file (EPUB chapters, e-mail parts)
``max_text_chars``          2,000,000     characters of text in one article (a long novel
                                          is 1 M; storing and indexing one costs about 120
                                          bytes of memory a character: 3.8 M took 550 MB)
``max_line_chars``          100,000       one line of plain text or e-mail; a longer one is
                                          cut at its last sentence end or space before the
                                          limit (a warning says how many were cut)
``max_header_bytes``        1 MB          the header block of an e-mail (real ones are a few
                                          KB; a 30 MB Subject took 3 GB to parse)
``max_header_chars``        16,000        one decoded e-mail header such as Subject (cut, not
                                          refused)
``max_parse_seconds``       60 s          wall time to read one file; checked between pages,
                                          chapters and blocks, so one call into a parser
                                          library (one PDF page, one XML part) can overrun it
==========================  ============  ====================================================

Pass a different :class:`Limits` to ``read_bytes`` / ``iter_inputs`` to tighten them
(tests do); ``LIMITS`` is the default instance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds for one input file; see the module docstring for the table."""

    max_file_bytes: int = 200 * MB
    max_zip_member_bytes: int = 200 * MB
    max_zip_total_bytes: int = 1024 * MB
    max_zip_ratio: float = 100.0
    zip_ratio_floor_bytes: int = 1 * MB
    max_zip_members: int = 10_000
    max_zip_depth: int = 3
    max_inner_zip_bytes: int = 64 * MB
    max_nested_zip_bytes: int = 1024 * MB
    max_inner_zips_held: int = 128 * MB
    max_pdf_pages: int = 2_000
    max_pdf_content_bytes: int = 4 * MB
    max_pdf_stream_bytes: int = 64 * MB
    max_pdf_page_chars: int = 100_000
    max_documents: int = 2_000
    max_text_chars: int = 2_000_000
    max_line_chars: int = 100_000
    max_header_bytes: int = 1 * MB
    max_header_chars: int = 16_000
    max_parse_seconds: float = 60.0


LIMITS = Limits()


class Deadline:
    """A cooperative time limit: readers call ``check()`` between units of work."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() > self._end

    def check(self) -> None:
        """Raise ReadError once the time is up."""
        if self.expired():
            from archive.readers.base import ReadError

            raise ReadError(
                f"Reading this file took longer than {self.seconds:g} seconds, so it was skipped."
            )


def human_size(n: float) -> str:
    """``1536`` -> ``"1.5 KB"``: sizes in error messages."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            if unit == "bytes":
                return f"{int(size)} bytes"
            return f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return f"{size:.1f} GB"  # pragma: no cover
