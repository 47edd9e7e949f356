"""``versions ID``: the articles of an article's version group (same text, other files)."""

from __future__ import annotations

from .base import EXIT_FAILED, EXIT_OK, CliError, print_json

NAME = "versions"
HELP = "list the versions of an article (the same text from other files, formats or scripts)"


def configure(p) -> None:
    p.add_argument("id", type=int, metavar="ID")


def run(args, open_library) -> int:
    with open_library() as lib:
        group = lib.versions(args.id)
    if not group:
        raise CliError(f"no article with id {args.id}", EXIT_FAILED)
    rows = [{"id": a.id, "title": a.title, "source": a.source_name, "format": a.source_format,
             "added": a.created_at, "first": a.duplicate_of is None} for a in group]
    if args.json:
        print_json({"id": args.id, "versions": rows})
        return EXIT_OK
    if len(rows) == 1:
        print(f"article {args.id} has no other versions")
        return EXIT_OK
    for r in rows:
        mark = "*" if r["id"] == args.id else " "
        print(f"{mark}{r['id']:>7}  {r['format'] or '?':<5} {(r['added'] or '')[:19]:<19}  "
              f"{r['source'] or '?'}  {r['title']}")
    return EXIT_OK
