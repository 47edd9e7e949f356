"""Term trends: articles per year (or month) that contain a term, and their share of all
the articles of that period, under the same facet selections.

Years come from the engine's facet counts (a search for the term with year counts, and
an empty search for the totals). Months come from the index's per-document dates
(``date_key`` = yyyymmdd, 0 unknown) of the hit ids; an article dated only to the year
has no month and is counted as ``undated`` in the monthly view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from index.engine import Filters, SearchIndex
from index.facets import UNKNOWN_YEAR
from index.groups import Groups
from index.query import Resolver

BY = ("year", "month")


@dataclass
class Trend:
    """Counts per period for each term, the period totals, and what had no period."""

    terms: list[str]
    by: str
    totals: dict[str, int]  # period -> articles of that period (filters applied)
    counts: dict[str, dict[str, int]]  # term -> period -> articles with the term
    undated: dict[str, int] = field(default_factory=dict)  # term -> articles with no period

    @property
    def periods(self) -> list[str]:
        """Every period with at least one article, oldest first."""
        return sorted(self.totals)

    def share(self, term: str, period: str) -> float:
        total = self.totals.get(period, 0)
        return self.counts[term].get(period, 0) / total if total else 0.0

    def to_dict(self) -> dict:
        return {
            "terms": self.terms, "by": self.by,
            "series": {t: {p: {"articles": self.counts[t].get(p, 0),
                               "share": round(self.share(t, p), 6)} for p in self.periods}
                       for t in self.terms},
            "totals": {p: self.totals[p] for p in self.periods},
            "undated": self.undated,
        }

    def to_rows(self) -> list[list]:
        """CSV rows: term, period, articles, period total, share."""
        rows: list[list] = [["term", "period", "articles", "total", "share"]]
        for t in self.terms:
            for p in self.periods:
                rows.append([t, p, self.counts[t].get(p, 0), self.totals[p],
                             f"{self.share(t, p):.6f}"])
        return rows


def _by_year(index: SearchIndex, query: str, filters: Filters, resolve: Resolver | None,
             groups: Groups | None) -> tuple[dict[str, int], int]:
    years = index.search(query, filters, limit=0, resolve=resolve, groups=groups).facets["year"]
    # the year facet ignores its own selection (drill sideways): honour it here
    if filters.year:
        years = {y: c for y, c in years.items() if y in filters.year}
    undated = years.pop(UNKNOWN_YEAR, 0)
    return years, undated


def _by_month(index: SearchIndex, query: str, filters: Filters, resolve: Resolver | None,
              groups: Groups | None) -> tuple[dict[str, int], int]:
    page = index.search(query, filters, limit=0, resolve=resolve, groups=groups, facets=False)
    ids = page.all_ids
    table = index.table()
    mask = np.isin(table.aid, ids) & table.live
    keys = table.date_key[mask] // 100  # yyyymm; yyyy00 when only the year is known
    uniq, cnt = np.unique(keys, return_counts=True)
    out: dict[str, int] = {}
    undated = 0
    for k, c in zip(uniq.tolist(), cnt.tolist(), strict=True):
        if k % 100 == 0:
            undated += c
        else:
            out[f"{k // 100:04d}-{k % 100:02d}"] = c
    return out, undated


def term_trend(index: SearchIndex, terms: list[str], filters: Filters, by: str = "year",
               resolve: Resolver | None = None, groups: Groups | None = None) -> Trend:
    """Articles per period containing each of ``terms`` (each a query); raises
    ``QueryError`` for a malformed one and ``ValueError`` for an unknown ``by``."""
    if by not in BY:
        raise ValueError(f"--by must be year or month, not {by!r}")
    terms = list(dict.fromkeys(t.strip() for t in terms if t.strip()))
    count = _by_year if by == "year" else _by_month
    totals, _ = count(index, "", filters, resolve, groups)
    counts: dict[str, dict[str, int]] = {}
    undated: dict[str, int] = {}
    for term in terms:
        counts[term], undated[term] = count(index, term, filters, resolve, groups)
    return Trend(list(terms), by, totals, counts, undated)
