"""``split ID``: take an article out of its version group; it becomes its own article."""

from __future__ import annotations

from archive.library import EditError

from .base import EXIT_FAILED, EXIT_OK, CliError, print_json

NAME = "split"
HELP = "take an article out of its version group (search then shows it on its own)"


def configure(p) -> None:
    p.add_argument("id", type=int, metavar="ID")


def run(args, open_library) -> int:
    with open_library() as lib:
        try:
            rest = lib.split(args.id)
        except EditError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    if args.json:
        print_json({"id": args.id, "split_from": rest})
    else:
        print(f"article {args.id} split from its group; "
              f"the group keeps {len(rest)} article{'s' if len(rest) != 1 else ''}: "
              + ", ".join(str(i) for i in rest))
    return EXIT_OK
