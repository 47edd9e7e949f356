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
    _cache: dict = field(default_factory=dict, repr=False)  # derived arrays, built on first use

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

    def month_counts(self, ids: np.ndarray) -> tuple[dict[str, int], int]:
        """Live documents among article ``ids`` per ``yyyy-mm``, and the number without a
        known month."""
        mask = np.isin(self.aid, ids) & self.live
        keys = self.date_key[mask] // 100  # yyyymm; yyyy00 when only the year is known
        uniq, cnt = np.unique(keys, return_counts=True)
        out: dict[str, int] = {}
        undated = 0
        for k, c in zip(uniq.tolist(), cnt.tolist(), strict=True):
            if k % 100 == 0:
                undated += c
            else:
                out[f"{k // 100:04d}-{k % 100:02d}"] = c
        return out, undated

    def value_mask(self, facet: str, wanted: list[str]) -> np.ndarray:
        """Documents having a value of ``facet`` equal (after folding) to one of ``wanted``."""
        folded = {fold(w) for w in wanted}
        chosen = [v for v in self.values[facet] if fold(v) in folded]
        mask = self.selection_mask(facet, chosen)
        return mask if mask is not None else np.zeros(self.size, dtype=bool)

    def counts(self, facet: str, mask: np.ndarray) -> dict[str, int]:
        """Value -> number of documents in ``mask``, most frequent first."""
        cnt = self._count(facet, mask)
        nz = np.nonzero(cnt)[0]
        if facet == "year":
            years = self._years()[1]
            known = [(str(int(years[i])), int(cnt[i])) for i in nz[::-1] if years[i] != 0]
            unknown = [(UNKNOWN_YEAR, int(cnt[i])) for i in nz if years[i] == 0]
            return dict(known + unknown)
        order = nz[np.lexsort((nz, -cnt[nz]))]
        names = self.values[facet]
        return {names[i]: int(cnt[i]) for i in order}

    def _count(self, facet: str, mask: np.ndarray) -> np.ndarray:
        """Documents in ``mask`` per value number of ``facet``.

        Only the documents of the mask are looked at, or, when it holds more than half
        of them, only the others (their counts taken from the counts of all), so a
        query that matches nearly everything costs as little as one that matches little.
        """
        inside = np.count_nonzero(mask)
        if inside * 2 > len(mask):
            return self._all_counts(facet) - self._count_docs(facet, np.flatnonzero(~mask))
        return self._count_docs(facet, np.flatnonzero(mask))

    def _count_docs(self, facet: str, docs: np.ndarray) -> np.ndarray:
        if facet == "year":
            index, years = self._years()
            return np.bincount(index[docs], minlength=len(years))
        indptr, vals = self._by_doc(facet)
        picked = vals[_ranges(indptr[docs], indptr[docs + 1] - indptr[docs])]
        return np.bincount(picked, minlength=len(self.values[facet]))

    def _all_counts(self, facet: str) -> np.ndarray:
        key = ("all", facet)
        if key not in self._cache:
            if facet == "year":
                index, years = self._years()
                self._cache[key] = np.bincount(index, minlength=len(years))
            else:
                self._cache[key] = np.bincount(self.multi[facet][1],
                                               minlength=len(self.values[facet]))
        return self._cache[key]

    def _years(self) -> tuple[np.ndarray, np.ndarray]:
        """Each document's place in the sorted distinct years, and those years."""
        if "years" not in self._cache:
            years, index = np.unique(self.year, return_inverse=True)
            self._cache["years"] = (index.ravel(), years)
        return self._cache["years"]

    def _by_doc(self, facet: str) -> tuple[np.ndarray, np.ndarray]:
        """The facet's pairs by document: ``vals[indptr[d]:indptr[d + 1]]`` are the value
        numbers of document ``d``."""
        key = ("by_doc", facet)
        if key not in self._cache:
            docs, vals = self.multi[facet]
            if len(docs) > 1 and np.any(docs[1:] < docs[:-1]):
                order = np.argsort(docs, kind="stable")
                docs, vals = docs[order], vals[order]
            self._cache[key] = (np.searchsorted(docs, np.arange(self.size + 1)), vals)
        return self._cache[key]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices ``starts[i] .. starts[i] + lengths[i] - 1`` of every ``i``, in turn."""
    keep = lengths > 0
    starts, lengths = starts[keep], lengths[keep]
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    step = np.ones(total, dtype=np.int64)
    step[0] = starts[0]
    step[np.cumsum(lengths)[:-1]] = starts[1:] - (starts[:-1] + lengths[:-1] - 1)
    return np.cumsum(step)


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
