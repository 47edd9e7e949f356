"""``delete ID...``: move articles (with their versions) to the trash."""

from __future__ import annotations

from archive.library import TrashError

from .base import EXIT_FAILED, EXIT_OK, CliError, print_json

NAME = "delete"
HELP = "move articles to the trash (kept with their originals until 'trash empty')"


def configure(p) -> None:
    p.add_argument("ids", nargs="+", type=int, metavar="ID")


def run(args, open_library) -> int:
    with open_library() as lib:
        try:
            moved = lib.delete(args.ids)
        except TrashError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    if args.json:
        print_json({"trashed": moved})
    else:
        extra = len(moved) - len(set(args.ids))
        print(f"moved {len(set(args.ids))} article(s) to the trash"
              + (f" with {extra} version(s)" if extra else "")
              + "; 'trash restore ID' brings one back")
    return EXIT_OK
