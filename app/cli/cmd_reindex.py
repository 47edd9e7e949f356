"""``reindex``: rebuild the search index from the SQLite archive."""

from __future__ import annotations

from .base import EXIT_OK, print_json, progress_printer

NAME = "reindex"
HELP = "rebuild the search index from the archive database"


def configure(p) -> None:
    pass


def run(args, open_library) -> int:
    with open_library() as lib:
        count = lib.reindex(progress=progress_printer(not args.json))
    if args.json:
        print_json({"indexed": count})
    else:
        print(f"{count} articles indexed")
    return EXIT_OK
