"""``undo-import``: move every article the last import added to the trash."""

from __future__ import annotations

from archive.library import TrashError

from .base import EXIT_FAILED, EXIT_OK, CliError, print_json

NAME = "undo-import"
HELP = ("move every article the last import added to the trash"
        " ('trash restore ID...' brings them back)")


def configure(p) -> None:
    pass


def run(args, open_library) -> int:
    with open_library() as lib:
        try:
            batch = lib.undo_last_import()
        except TrashError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    if args.json:
        print_json({"batch": batch.id, "started_at": batch.started_at, "trashed": batch.live})
    else:
        print(f"moved the {len(batch.live)} article(s) of the import of {batch.started_at}"
              " to the trash")
    return EXIT_OK
