"""``trash list|restore ID...|empty``: what is in the trash, bring it back, or remove it."""

from __future__ import annotations

from archive.library import TrashError

from .base import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliError, print_json

NAME = "trash"
HELP = ("list the trash, restore articles from it (restore ID...), or empty it for good"
        " (removes the articles and the original files no other source uses)")


def configure(p) -> None:
    p.add_argument("action", choices=["list", "restore", "empty"])
    p.add_argument("ids", nargs="*", type=int, metavar="ID")


def run(args, open_library) -> int:
    if args.action == "restore" and not args.ids:
        raise CliError("trash restore needs the ids of the articles to bring back", EXIT_USAGE)
    if args.action != "restore" and args.ids:
        raise CliError(f"trash {args.action} takes no ids", EXIT_USAGE)
    with open_library() as lib:
        if args.action == "list":
            return _list(lib, args.json)
        if args.action == "restore":
            try:
                restored = lib.restore(args.ids)
            except TrashError as exc:
                raise CliError(str(exc), EXIT_FAILED) from None
            if args.json:
                print_json({"restored": restored})
            else:
                print(f"restored {len(restored)} article(s): "
                      + ", ".join(str(i) for i in restored))
            return EXIT_OK
        report = lib.empty_trash()
    if args.json:
        print_json(report.to_dict())
    else:
        print(f"removed {report.articles} article(s) for good, {report.sources} source(s)"
              f" and {report.files} original file(s)")
    return EXIT_OK


def _list(lib, as_json: bool) -> int:
    articles = lib.trashed()
    if as_json:
        print_json({"trashed": [
            {"id": a.id, "title": a.title, "date": a.date, "deleted_at": a.deleted_at,
             "version_of": a.duplicate_of, "source": a.source_name} for a in articles]})
        return EXIT_OK
    if not articles:
        print("the trash is empty")
        return EXIT_OK
    for a in articles:
        version = f"  (version of {a.duplicate_of})" if a.duplicate_of else ""
        print(f"{a.id:>7}  {a.deleted_at or '':<25}  {a.date or 'date unknown':<10}  "
              f"{a.title}{version}")
    return EXIT_OK
