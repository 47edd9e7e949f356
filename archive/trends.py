"""Term trends: articles per year (or month) that contain a term, and their share of all
the articles of that period, under the same facet selections.

Years come from the engine's facet counts (a search for the term with year counts, and
an empty search for the totals). Months come from the search backend's ``month_counts``
(the per-document dates of the hit ids); an article dated only to the year
has no month and is counted as ``undated`` in the monthly view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.engine import Filters
from index.facets import UNKNOWN_YEAR
from index.query import Resolver

from .backends import SearchBackend, SearchSpec

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


def _by_year(search: SearchBackend, query: str, filters: Filters,
             resolve: Resolver | None) -> tuple[dict[str, int], int]:
    years = search.search(SearchSpec(query, filters, limit=0, resolve=resolve)).facets["year"]
    # the year facet ignores its own selection (drill sideways): honour it here
    if filters.year:
        years = {y: c for y, c in years.items() if y in filters.year}
    undated = years.pop(UNKNOWN_YEAR, 0)
    return years, undated


def _by_month(search: SearchBackend, query: str, filters: Filters,
              resolve: Resolver | None) -> tuple[dict[str, int], int]:
    return search.month_counts(SearchSpec(query, filters, limit=0, facets=False,
                                          resolve=resolve))


def term_trend(search: SearchBackend, terms: list[str], filters: Filters, by: str = "year",
               resolve: Resolver | None = None) -> Trend:
    """Articles per period containing each of ``terms`` (each a query); raises
    ``QueryError`` for a malformed one and ``ValueError`` for an unknown ``by``."""
    if by not in BY:
        raise ValueError(f"--by must be year or month, not {by!r}")
    terms = list(dict.fromkeys(t.strip() for t in terms if t.strip()))
    count = _by_year if by == "year" else _by_month
    totals, _ = count(search, "", filters, resolve)
    counts: dict[str, dict[str, int]] = {}
    undated: dict[str, int] = {}
    for term in terms:
        counts[term], undated[term] = count(search, term, filters, resolve)
    return Trend(list(terms), by, totals, counts, undated)
