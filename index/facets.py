"""Per-document facet values as compact arrays, for counting and filtering in bulk.

The arrays are read from the index's columns once per segment and kept; counting the
facets of a query is then a few NumPy operations over its match mask, whatever the
number of matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .schema import VALUE_SEPARATOR

FACETS = ("year", "company", "topic")
UNKNOWN_YEAR = "unknown"


@dataclass
class _Segment:
    aid: np.ndarray  # article id per document
    year: np.ndarray  # 0 when unknown
    date_key: np.ndarray  # sortable date rank (higher is newer)
    date: list[str]
    multi: dict[str, tuple[np.ndarray, np.ndarray]]  # facet -> (doc per entry, value per entry)


@dataclass
class FacetTable:
    """Facet arrays for every document of one searcher (deleted ones masked out)."""

    aid: np.ndarray
    year: np.ndarray
    date_key: np.ndarray
    live: np.ndarray
    multi: dict[str, tuple[np.ndarray, np.ndarray]]
    values: dict[str, list[str]]  # facet -> value by id
    value_ids: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.aid)

    def docnum_of(self) -> dict[int, int]:
        """Article id -> document number, for live documents."""
        live = np.nonzero(self.live)[0]
        return dict(zip(self.aid[live].tolist(), live.tolist(), strict=True))

    def selection_mask(self, facet: str, selected: list[str]) -> np.ndarray | None:
        """Documents having any of ``selected`` values of ``facet``; None when nothing is selected."""
        if not selected:
            return None
        if facet == "year":
            years = [0 if s == UNKNOWN_YEAR else int(s) for s in selected if _is_year(s)]
            return np.isin(self.year, np.array(years, dtype=self.year.dtype))
        docs, vals = self.multi[facet]
        ids = self.value_ids[facet]
        chosen = np.zeros(len(self.values[facet]) + 1, dtype=bool)
        for s in selected:
            if s in ids:
                chosen[ids[s]] = True
        mask = np.zeros(self.size, dtype=bool)
        mask[docs[chosen[vals]]] = True
        return mask

    def counts(self, facet: str, mask: np.ndarray) -> dict[str, int]:
        """Value -> number of documents in ``mask``, most frequent first."""
        if facet == "year":
            years = self.year[mask]
            uniq, cnt = np.unique(years, return_counts=True)
            pairs = [(UNKNOWN_YEAR if y == 0 else str(int(y)), int(c)) for y, c in zip(uniq, cnt, strict=True)]
            known = sorted((p for p in pairs if p[0] != UNKNOWN_YEAR), key=lambda p: p[0], reverse=True)
            return dict(known + [p for p in pairs if p[0] == UNKNOWN_YEAR])
        docs, vals = self.multi[facet]
        cnt = np.bincount(vals[mask[docs]], minlength=len(self.values[facet]))
        nz = np.nonzero(cnt)[0]
        order = nz[np.lexsort((nz, -cnt[nz]))]
        names = self.values[facet]
        return {names[i]: int(cnt[i]) for i in order}


def _is_year(s: str) -> bool:
    return s == UNKNOWN_YEAR or (s.isdigit() and len(s) == 4)


def date_rank(date: str) -> int:
    """A sortable integer for an ISO (partial) date; 0 for unknown."""
    if not date:
        return 0
    parts = (date.split("-") + ["0", "0"])[:3]
    try:
        y, m, d = (int(p) for p in parts)
    except ValueError:
        return 0
    return y * 10000 + m * 100 + d


def read_segment(reader) -> _Segment:
    """Read the facet columns of one segment reader."""
    n = reader.doc_count_all()
    aid = np.fromiter(reader.column_reader("aid_c"), dtype=np.int64, count=n)
    year = np.fromiter(reader.column_reader("year_c"), dtype=np.int32, count=n)
    dates_raw = list(reader.column_reader("date_c"))
    dates = [d.decode("utf-8") if isinstance(d, bytes) else (d or "") for d in dates_raw]
    date_key = np.fromiter((date_rank(d) for d in dates), dtype=np.int64, count=n)
    multi_raw: dict[str, list[list[str]]] = {}
    for facet in ("company", "topic"):
        col = reader.column_reader(f"{facet}_c")
        multi_raw[facet] = [
            [v for v in (b.decode("utf-8") if b else "").split(VALUE_SEPARATOR) if v] for b in col
        ]
    return _Segment(aid, year, date_key, dates, multi_raw)  # type: ignore[arg-type]


def build_table(segments: list[tuple[_Segment, np.ndarray]]) -> FacetTable:
    """Join per-segment arrays (with each segment's live mask) into one table."""
    values: dict[str, list[str]] = {f: [] for f in ("company", "topic")}
    value_ids: dict[str, dict[str, int]] = {f: {} for f in ("company", "topic")}
    multi_docs: dict[str, list[int]] = {f: [] for f in ("company", "topic")}
    multi_vals: dict[str, list[int]] = {f: [] for f in ("company", "topic")}
    offset = 0
    for seg, _live in segments:
        for facet, lists in seg.multi.items():
            ids = value_ids[facet]
            for docnum, vals in enumerate(lists):
                for v in vals:
                    vid = ids.get(v)
                    if vid is None:
                        vid = ids[v] = len(values[facet])
                        values[facet].append(v)
                    multi_docs[facet].append(offset + docnum)
                    multi_vals[facet].append(vid)
        offset += len(seg.aid)

    def cat(arrays: list[np.ndarray], dtype) -> np.ndarray:
        return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype=dtype)

    return FacetTable(
        aid=cat([s.aid for s, _ in segments], np.int64),
        year=cat([s.year for s, _ in segments], np.int32),
        date_key=cat([s.date_key for s, _ in segments], np.int64),
        live=cat([live for _, live in segments], bool),
        multi={
            f: (np.array(multi_docs[f], dtype=np.int64), np.array(multi_vals[f], dtype=np.int64))
            for f in ("company", "topic")
        },
        values=values,
        value_ids=value_ids,
    )
