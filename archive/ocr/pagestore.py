"""The ``ocr_pages`` table (migration 9): each page's lines, boxes and confidence.

Rows are keyed by the file's sha256 and the page number. A page is committed as soon as it
is recognised, before its file's article is stored, so a killed import resumes without
reading finished pages again; the article finds its pages through its source's sha256.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .layout import OcrLine, OcrPage

if TYPE_CHECKING:
    from archive.backends import ArchiveRepository as ArchiveStore


def _encode(page: OcrPage) -> str:
    return json.dumps([[ln.text, *ln.box, round(ln.confidence, 4)]
                       + ([int(ln.joined)] if ln.joined is not None else [])
                       for ln in page.lines], ensure_ascii=False)


def _decode(row) -> OcrPage:
    lines = tuple(OcrLine(text, (x0, y0, x1, y1), conf, "body", -1, -1,
                          bool(joined[0]) if joined else None)
                  for text, x0, y0, x1, y1, conf, *joined in json.loads(row["lines"]))
    return OcrPage(page_no=row["page_no"], width=row["width"], height=row["height"],
                   confidence=row["confidence"], needs_review=bool(row["needs_review"]),
                   lines=lines)


def save_page(store: ArchiveStore, sha256: str, page: OcrPage) -> None:
    """Commit one recognised page (replacing an earlier reading of it)."""
    from archive.store import now_iso

    with store.transaction():
        store.execute(
            "INSERT INTO ocr_pages (sha256, page_no, width, height, confidence,"
            " needs_review, lines, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (sha256, page_no) DO UPDATE SET width = excluded.width,"
            " height = excluded.height, confidence = excluded.confidence,"
            " needs_review = excluded.needs_review, lines = excluded.lines,"
            " created_at = excluded.created_at",
            (sha256, page.page_no, page.width, page.height, page.confidence,
             int(page.needs_review), _encode(page), now_iso()))


def load_page(store: ArchiveStore, sha256: str, page_no: int) -> OcrPage | None:
    """A page recognised earlier (offsets not set: -1), or None."""
    rows = store.query("SELECT * FROM ocr_pages WHERE sha256 = ? AND page_no = ?",
                       [sha256, page_no])
    return _decode(rows[0]) if rows else None


def pages_of(store: ArchiveStore, sha256: str) -> list[OcrPage]:
    """Every stored page of a file, in page order (offsets not set: -1)."""
    rows = store.query("SELECT * FROM ocr_pages WHERE sha256 = ? ORDER BY page_no", [sha256])
    return [_decode(r) for r in rows]


def forget_unused(store: ArchiveStore, shas: list[str]) -> int:
    """Remove the stored pages of these files where no article is made from the file any
    more (its articles were removed for good); return the rows removed. Pages of a file
    with no source at all (an import cancelled before its article was stored) are not
    asked about: they wait for the import to be run again. Portable SQL, one transaction
    of the caller's."""
    removed = 0
    for sha in dict.fromkeys(shas):
        removed += store.execute(
            "DELETE FROM ocr_pages WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM sources s"
            " JOIN articles a ON a.source_id = s.id WHERE s.sha256 = ?)", (sha, sha))
    return removed


def review_ids(store: ArchiveStore) -> list[int]:
    """Articles made from a file with an OCR'd page of low confidence ("needs review")."""
    shas = [r[0] for r in store.query(  # a partial index: instant when there are none
        "SELECT DISTINCT sha256 FROM ocr_pages WHERE needs_review = 1")]
    ids: list[int] = []
    for i in range(0, len(shas), 500):
        chunk = shas[i:i + 500]
        ids.extend(r[0] for r in store.query(
            "SELECT a.id FROM sources s JOIN articles a ON a.source_id = s.id WHERE s.sha256 IN"
            f" ({', '.join('?' * len(chunk))})", chunk))
    return sorted(ids)


def review_facet(store: ArchiveStore):
    """The "needs review" selection as the search engine takes an external facet."""
    import numpy as np

    from index.engine import ExternalFacet

    return ExternalFacet({"needs review": np.array(review_ids(store), dtype=np.int64)})
