"""``trend TERM...``: articles per year or month containing each term, and their share."""

from __future__ import annotations

import csv
import sys

from archive.trends import BY

from .base import (
    EXIT_OK,
    EXIT_USAGE,
    INDEXED_FACETS,
    CliError,
    add_facet_flags,
    print_json,
    terminal_safe,
)

NAME = "trend"
HELP = "term trends: articles per year or month containing each TERM, and their share"


def configure(p) -> None:
    p.add_argument("terms", nargs="+", metavar="TERM", help="a word or query (quote several words)")
    add_facet_flags(p, INDEXED_FACETS)
    p.add_argument("--by", choices=BY, default="year", help="count per year (default) or month")
    p.add_argument("--csv", action="store_true", help="print CSV instead of text")


def run(args, open_library) -> int:
    if not any(t.strip() for t in args.terms):
        raise CliError("give at least one TERM", EXIT_USAGE)
    if args.json and args.csv:
        raise CliError("give --json or --csv, not both", EXIT_USAGE)
    with open_library() as lib:
        trend = lib.trend(args.terms, args.year, args.company, args.topic, by=args.by)
    if args.json:
        print_json(trend.to_dict())
    elif args.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(trend.to_rows())
    else:
        for term in trend.terms:
            print(terminal_safe(f"{term}:"))
            for p in trend.periods:
                n = trend.counts[term].get(p, 0)
                print(f"  {p:<8} {n:6d} of {trend.totals[p]:6d}  {trend.share(term, p):6.1%}")
            if trend.undated[term]:
                print(f"  no {trend.by}: {trend.undated[term]} articles (not in the series)")
    return EXIT_OK
