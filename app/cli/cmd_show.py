"""``show ID``: one article with all its metadata and text."""

from __future__ import annotations

from .base import EXIT_FAILED, EXIT_OK, CliError, print_json, terminal_safe

NAME = "show"
HELP = "show one article with its metadata and text"


def configure(p) -> None:
    p.add_argument("id", type=int, metavar="ID")


def run(args, open_library) -> int:
    with open_library() as lib:
        article = lib.get(args.id)
        if article is None:
            raise CliError(lib.missing_reason(args.id), EXIT_FAILED)
        versions = [a.id for a in lib.versions(article.id) if a.id != article.id]
    if args.json:
        data = article.to_dict()
        data["versions"] = versions
        data["row_version"] = article.row_version  # what ``edit --if-version`` compares
        print_json(data)
        return EXIT_OK
    print(terminal_safe(article.title))
    if article.subtitle:
        print(terminal_safe(article.subtitle))
    rows = [
        ("id", str(article.id)),
        ("authors", ", ".join(article.authors)),
        ("date", f"{article.date or 'unknown'}"
                 + (f" ({article.date_source})" if article.date_source else "")),
        ("companies", ", ".join(article.companies)),
        ("topics", ", ".join(article.topics)),
        ("source", f"{article.source_name} ({article.source_format})"),
        ("versions", ", ".join(f"#{v}" for v in versions)),
        ("collections", ", ".join(article.collections)),
        ("tags", ", ".join(article.tags)),
    ]
    for key, value in rows:
        if value:
            print(f"{key + ':':<13}{terminal_safe(value)}")
    if article.note:
        print("note:")
        for line in article.note.splitlines():
            print(terminal_safe(f"  {line}"))
    print()
    print(terminal_safe(article.text.strip()))
    return EXIT_OK
