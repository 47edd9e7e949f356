"""``kwic QUERY``: keyword in context, every occurrence of a query in its results."""

from __future__ import annotations

import csv
import sys

from archive.kwic import DEFAULT_CAP, DEFAULT_WIDTH, SORTS, sort_key

from .base import (
    EXIT_OK,
    EXIT_USAGE,
    INDEXED_FACETS,
    CliError,
    add_facet_flags,
    print_json,
    terminal_safe,
)

NAME = "kwic"
HELP = "keyword in context: each occurrence of QUERY in its results, with the text around it"


def configure(p) -> None:
    p.add_argument("query", metavar="QUERY")
    add_facet_flags(p, INDEXED_FACETS)
    p.add_argument("--width", type=int, default=DEFAULT_WIDTH, metavar="N",
                   help=f"characters of context each side (default {DEFAULT_WIDTH})")
    p.add_argument("--limit", type=int, default=DEFAULT_CAP, metavar="N",
                   help=f"at most N rows (default and most {DEFAULT_CAP}); the output says "
                        "when there were more")
    p.add_argument("--sort", choices=SORTS, default="result",
                   help="row order: result order (default), left or right context, date, article")
    p.add_argument("--csv", action="store_true", help="print CSV instead of text")


def run(args, open_library) -> int:
    if not args.query.strip():
        raise CliError("give a QUERY to find in context", EXIT_USAGE)
    if not 1 <= args.width <= 500:
        raise CliError("--width must be between 1 and 500", EXIT_USAGE)
    if not 1 <= args.limit <= DEFAULT_CAP:
        raise CliError(f"--limit must be between 1 and {DEFAULT_CAP}", EXIT_USAGE)
    if args.json and args.csv:
        raise CliError("give --json or --csv, not both", EXIT_USAGE)
    with open_library() as lib:
        stream = lib.kwic(args.query, args.year, args.company, args.topic,
                          width=args.width, cap=args.limit)
        rows = sorted(stream.all(), key=sort_key(args.sort))
    if args.json:
        print_json(stream.to_dict(rows))
    elif args.csv:
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["id", "date", "left", "hit", "right"])
        out.writerows([r.id, r.date or "", r.left, r.hit, r.right] for r in rows)
    else:
        width = args.width
        for r in rows:
            print(terminal_safe(f"{r.id:>6}  {r.date or '':<10}  {r.left:>{width}} "
                                f"[{r.hit}] {r.right}"))
        more = f" (capped at {args.limit}: there are more)" if stream.capped else ""
        print(f"{len(rows)} occurrences in {stream.scanned} of {stream.articles} "
              f"articles{more}")
    return EXIT_OK
