"""Dates from document properties: DOCX core properties, a PDF's info dictionary or XMP,
an EPUB's ``dc:date``.

They say when the file was made or last saved, which is the publication date only when the
text itself tells none; so readers pass them as ``RawDocument.metadata_date`` and the date
detector uses them last, as evidence "from the file's metadata".
"""

from __future__ import annotations

import datetime as dt
import re

from archive.isodate import iso_date

_ISO_RE = re.compile(r"^\s*((?:18|19|20)\d{2})(?:-(\d{2})(?:-(\d{2}))?)?")
_PDF_DATE_RE = re.compile(
    rb"/(?:CreationDate|ModDate)\s*\(\s*D:((?:18|19|20)\d{2})(\d{2})?(\d{2})?"
    rb"|<xmp:(?:CreateDate|ModifyDate)>\s*((?:18|19|20)\d{2})-(\d{2})-(\d{2})"
)


def iso_text(value: str | None) -> str | None:
    """"2026-11-22T01:16:18Z" or "2024-05" as an ISO date (possibly partial), else None."""
    m = _ISO_RE.match(value or "")
    return iso_date(m.group(1), m.group(2), m.group(3)) if m else None


def docx_date(core_properties) -> str | None:
    """The created (else modified) date of a python-docx document's core properties."""
    for value in (core_properties.created, core_properties.modified):
        if isinstance(value, dt.datetime) and value.year > 1900:
            return value.date().isoformat()
    return None


def pdf_date(data: bytes) -> str | None:
    """/CreationDate (or /ModDate, or XMP CreateDate) of a PDF, when stored as plain text."""
    m = _PDF_DATE_RE.search(data)
    if not m:
        return None
    if m.group(1):
        return iso_date(m.group(1).decode(), (m.group(2) or b"").decode() or None,
                    (m.group(3) or b"").decode() or None)
    return iso_date(m.group(4).decode(), m.group(5).decode(), m.group(6).decode())
