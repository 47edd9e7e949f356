"""``edit ID``: correct an article's metadata; corrections are kept as manual."""

from __future__ import annotations

from archive.library import Edit, EditError

from .base import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliError, print_json

NAME = "edit"
HELP = "correct an article's headline, date, companies or topics (kept as manual edits)"


def configure(p) -> None:
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--date", metavar="D", help="2023, 2023-10 or 2023-10-17; '' clears it")
    p.add_argument("--year", metavar="Y", help="same as --date Y")
    p.add_argument("--add-company", action="append", default=[], metavar="C")
    p.add_argument("--remove-company", action="append", default=[], metavar="C")
    p.add_argument("--add-topic", action="append", default=[], metavar="T")
    p.add_argument("--remove-topic", action="append", default=[], metavar="T")
    p.add_argument("--alias", nargs=2, action="append", default=[], metavar=("COMPANY", "ALIAS"),
                   help="also teach the gazetteer another name of a company (applied on reindex)")


def run(args, open_library) -> int:
    if args.date is not None and args.year is not None:
        raise CliError("give --date or --year, not both", EXIT_USAGE)
    edit = Edit(
        title=args.title, date=args.date if args.date is not None else args.year,
        add_companies=args.add_company, remove_companies=args.remove_company,
        add_topics=args.add_topic, remove_topics=args.remove_topic,
    )
    with open_library() as lib:
        try:
            for company, alias in args.alias:
                lib.add_company_alias(company, alias)
            article = lib.edit(args.id, edit)
        except EditError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    if args.json:
        print_json(article.to_dict())
    else:
        print(f"#{article.id} {article.title}")
        print(f"date: {article.date or 'unknown'}  companies: {', '.join(article.companies)}"
              f"  topics: {', '.join(article.topics)}")
        print(f"manual: {', '.join(article.manual_fields)}")
    return EXIT_OK
