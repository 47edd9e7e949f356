"""Per-document facet values as compact arrays, for counting and filtering in bulk.

The arrays are built once per gram-index segment and kept; counting the facets of a query
is then a few NumPy operations over its match mask, whatever the number of matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .facet_registry import INDEXED, UNKNOWN_YEAR
from .folding import fold

FACETS = INDEXED  # the facets the index counts itself (facet_registry defines them all)
MULTI = ("company", "topic", "author")
__all__ = ["FACETS", "MULTI", "UNKNOWN_YEAR", "FacetTable", "build_table"]


@dataclass
class FacetTable:
    """Facet arrays for every document of one snapshot (deleted ones masked out)."""

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

    def value_mask(self, facet: str, wanted: list[str]) -> np.ndarray:
        """Documents having a value of ``facet`` equal (after folding) to one of ``wanted``."""
        folded = {fold(w) for w in wanted}
        chosen = [v for v in self.values[facet] if fold(v) in folded]
        mask = self.selection_mask(facet, chosen)
        return mask if mask is not None else np.zeros(self.size, dtype=bool)

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


def build_table(snapshot) -> FacetTable:
    """Facet arrays for a gram-index snapshot (per-segment parts are cached)."""
    multi: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    values: dict[str, list[str]] = {}
    value_ids: dict[str, dict[str, int]] = {}
    for facet in MULTI:
        names: list[str] = []
        ids: dict[str, int] = {}
        docs_parts, vals_parts = [], []
        for seg, base in zip(snapshot.segments, snapshot.bases, strict=True):
            pairs = seg.facets[facet]
            docs, vals, local_values = pairs.docs, pairs.vals, pairs.names
            remap = np.empty(len(local_values), dtype=np.int64)
            for i, v in enumerate(local_values):
                gid = ids.get(v)
                if gid is None:
                    gid = ids[v] = len(names)
                    names.append(v)
                remap[i] = gid
            docs_parts.append(docs + base)
            vals_parts.append(remap[vals] if len(vals) else vals)
        multi[facet] = (
            np.concatenate(docs_parts) if docs_parts else np.zeros(0, dtype=np.int64),
            np.concatenate(vals_parts) if vals_parts else np.zeros(0, dtype=np.int64),
        )
        values[facet] = names
        value_ids[facet] = ids
    return FacetTable(
        aid=snapshot.aid, year=snapshot.year, date_key=snapshot.date_key, live=snapshot.live,
        multi=multi, values=values, value_ids=value_ids,
    )
