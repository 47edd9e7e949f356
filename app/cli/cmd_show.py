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
        versions = lib.store.versions_of(article.id)
    if args.json:
        data = article.to_dict()
        data["versions"] = versions
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
    ]
    for key, value in rows:
        if value:
            print(f"{key + ':':<11}{terminal_safe(value)}")
    print()
    print(terminal_safe(article.text.strip()))
    return EXIT_OK
