"""``facets [QUERY]``: counts per year, company and topic."""

from __future__ import annotations

from .base import EXIT_OK, print_json

NAME = "facets"
HELP = "show the year, company and topic counts of a query (or of the whole archive)"


def configure(p) -> None:
    p.add_argument("query", nargs="?", default="", metavar="QUERY")


def run(args, open_library) -> int:
    with open_library() as lib:
        facets = lib.facets(args.query)
    if args.json:
        print_json(facets)
        return EXIT_OK
    for name, counts in facets.items():
        print(f"{name}:")
        for value, count in counts.items():
            print(f"  {count:6d}  {value}")
    return EXIT_OK
