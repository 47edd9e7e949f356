"""Tables for spreadsheets and scripts: CSV (UTF-8 with BOM, for Excel) and JSON.

One row or object per article: id, headline, authors, date, year, companies, topics, word
count, the source file's name and checksum, a citation, and with ``full_text`` the text.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import BinaryIO

from ..document import Article
from .base import ExportContext, Format, register
from .citation import citation

COLUMNS = [
    "id", "title", "subtitle", "authors", "date", "year", "companies", "topics",
    "word_count", "language", "source_name", "source_format", "source_sha256", "sha256",
    "citation", "collections", "tags", "note",
]
LIST_SEPARATOR = "; "  # inside one CSV cell; JSON keeps real lists
# Cells a spreadsheet would run as a formula ("=HYPERLINK(...)" in a headline), also when
# the sign is full-width (＝＋－＠, which spreadsheets in CJK locales read as ASCII) or
# comes after leading blanks, tabs or line breaks.
_FORMULA_START = ("=", "+", "@", "\t", "\r", "\n", "-")
_LEADING_BLANKS = " \t\r\n\u3000\u00a0"


def record(article: Article, full_text: bool = False) -> dict:
    """The article as one flat record (lists stay lists)."""
    row = {
        "id": article.id,
        "title": article.title,
        "subtitle": article.subtitle,
        "authors": list(article.authors),
        "date": article.date,
        "year": article.year,
        "companies": list(article.companies),
        "topics": list(article.topics),
        "word_count": article.word_count,
        "language": article.language,
        "source_name": article.source_name,
        "source_format": article.source_format,
        "source_sha256": article.source_sha256,
        "sha256": article.sha256,
        "citation": citation(article),
        "collections": list(article.collections),
        "tags": list(article.tags),
        "note": article.note,
    }
    if full_text:
        row["text"] = article.text
    return row


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    if _looks_like_formula(text):
        text = "'" + text  # shown as text, never evaluated
    return text


def _looks_like_formula(text: str) -> bool:
    if text.startswith(_FORMULA_START):
        return not _is_number(text)
    first = text.lstrip(_LEADING_BLANKS)[:1]
    return bool(first) and unicodedata.normalize("NFKC", first) in ("=", "+", "-", "@")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_csv(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    columns = COLUMNS + (["text"] if ctx.options.full_text else [])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    fh.write(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    for article in articles:
        ctx.step(article.title)
        rec = record(article, ctx.options.full_text)
        writer.writerow([_cell(rec[c]) for c in columns])
        fh.write(buf.getvalue().encode("utf-8"))
        buf.seek(0)
        buf.truncate()
    fh.write(buf.getvalue().encode("utf-8"))


def write_json(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    fh.write(b"[")
    for i, article in enumerate(articles):
        ctx.step(article.title)
        item = json.dumps(record(article, ctx.options.full_text), ensure_ascii=False, indent=2)
        fh.write(((",\n" if i else "\n") + item).encode("utf-8"))
    fh.write(b"\n]\n")


register(Format("csv", "Spreadsheet (.csv)", "csv", write_csv, document=False,
                description="one row per article, UTF-8 with BOM for Excel"))
register(Format("json", "JSON (.json)", "json", write_json, document=False,
                description="an array with one object per article"))
