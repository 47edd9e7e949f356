"""``saved add NAME QUERY | list | remove NAME``: searches kept under a name."""

from __future__ import annotations

import argparse

from archive.library import EditError, SavedSearch

from .base import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    add_facet_flags,
    facet_selection,
    print_json,
    terminal_safe,
)

NAME = "saved"
HELP = "save a search (query, filters, sort) under a name, list saved searches with counts, remove one"


def configure(p) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    add = sub.add_parser("add", help="save QUERY with its filters and sort as NAME")
    add.add_argument("name", metavar="NAME")
    add.add_argument("query", nargs="?", default="", metavar="QUERY")
    add_facet_flags(add)
    add.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    sub.add_parser("list", help="every saved search with its number of articles now")
    remove = sub.add_parser("remove", help="forget the saved search NAME")
    remove.add_argument("name", metavar="NAME")
    for action in (add, sub.choices["list"], remove):  # also after the action's own arguments
        action.add_argument("--archive", default=argparse.SUPPRESS, metavar="FOLDER|URL",
                            help="archive folder or postgresql:// URL"
                                 " (default: the user data folder)")
        action.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                            help="print JSON instead of text")


def run(args, open_library) -> int:
    if not args.action:
        raise CliError("give an action: add, list or remove", EXIT_USAGE)
    with open_library() as lib:
        try:
            if args.action == "add":
                search = lib.save_search(SavedSearch(
                    args.name, args.query,
                    facet_selection(args), args.sort))
                out = {**search.to_dict(), "count": lib.saved_count(search)}
                rows = [out]
            elif args.action == "remove":
                lib.remove_saved(args.name)
                rows = []
            else:
                rows = [{**s.to_dict(), "count": lib.saved_count(s)}
                        for s in lib.saved_searches()]
        except EditError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    if args.action == "remove":
        if args.json:
            print_json({"removed": args.name})
        else:
            print(terminal_safe(f"removed saved search {args.name!r}"))
        return EXIT_OK
    if args.json:
        print_json(rows[0] if args.action == "add" else rows)
        return EXIT_OK
    for row in rows:
        filters = "  ".join(f"{k}:{'|'.join(v)}" for k, v in row["filters"].items())
        count = "?" if row["count"] is None else row["count"]
        print(terminal_safe(f"{count:>7}  {row['name']}  {row['query']!r}  {filters}"
                            f"  sort:{row['sort']}"))
    if not rows:
        print("no saved searches")
    return EXIT_OK
