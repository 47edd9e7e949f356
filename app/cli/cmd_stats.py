"""``stats``: how much the archive holds."""

from __future__ import annotations

from .base import EXIT_OK, print_json

NAME = "stats"
HELP = "show how many articles, sources, companies and topics the archive holds"


def configure(p) -> None:
    pass


def run(args, open_library) -> int:
    with open_library() as lib:
        stats = lib.stats()
    if args.json:
        print_json(stats)
    else:
        for key, value in stats.items():
            print(f"{key + ':':<16}{value}")
    return EXIT_OK
