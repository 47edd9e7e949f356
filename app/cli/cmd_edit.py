"""``edit ID...``: correct articles' metadata; corrections are kept as manual.

One ID edits one article; several IDs get the same correction in one step (one transaction:
all of them or none). A bad value (an empty name, an impossible date, an unknown id or
topic) is one error line and exit 1; contradictory options are a usage error (exit 2).
"""

from __future__ import annotations

from archive.editing import validate
from archive.library import Edit, EditError, Organise

from .base import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliError, print_json, terminal_safe

NAME = "edit"
HELP = ("correct the headline, date, companies or topics of one or more articles (kept as"
        " manual); tag them, put them in collections, write a note")


def configure(p) -> None:
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--date", metavar="D", help="2023, 2023-10 or 2023-10-17; '' clears it")
    p.add_argument("--year", metavar="Y", help="same as --date Y")
    p.add_argument("--clear-date", action="store_true", help="the date is unknown")
    p.add_argument("--add-company", action="append", default=[], metavar="C")
    p.add_argument("--remove-company", action="append", default=[], metavar="C")
    p.add_argument("--add-topic", action="append", default=[], metavar="T")
    p.add_argument("--remove-topic", action="append", default=[], metavar="T")
    p.add_argument("--alias", nargs=2, action="append", default=[], metavar=("COMPANY", "ALIAS"),
                   help="also teach the gazetteer another name of a company (applied on reindex)")
    p.add_argument("--add-tag", action="append", default=[], metavar="T")
    p.add_argument("--remove-tag", action="append", default=[], metavar="T")
    p.add_argument("--add-collection", action="append", default=[], metavar="C",
                   help="put the articles in collection C ('Parent/Child' nests)")
    p.add_argument("--remove-collection", action="append", default=[], metavar="C")
    p.add_argument("--note", metavar="TEXT",
                   help="the note of the articles (plain text or Markdown, searchable; '' removes it)")


def _edit(args) -> Edit:
    dates = [v for v in (args.date, args.year) if v is not None]
    if len(dates) + bool(args.clear_date) > 1:
        raise CliError("give one of --date, --year and --clear-date", EXIT_USAGE)
    if args.title is not None and len(args.ids) > 1:
        raise CliError("--title edits one article; give one ID", EXIT_USAGE)
    edit = Edit(
        title=args.title, date="" if args.clear_date else (dates[0] if dates else None),
        add_companies=args.add_company, remove_companies=args.remove_company,
        add_topics=args.add_topic, remove_topics=args.remove_topic,
    )
    try:
        validate(edit)
    except EditError as exc:
        raise CliError(str(exc), EXIT_FAILED) from None
    return edit


def run(args, open_library) -> int:
    edit = _edit(args)
    change = Organise(args.add_tag, args.remove_tag, args.add_collection,
                      args.remove_collection, args.note)
    with open_library() as lib:
        try:
            change.cleaned()  # a bad name stops the command before anything is changed
            for company, alias in args.alias:
                lib.add_company_alias(company, alias)
            if edit != Edit() or change.empty:
                if len(args.ids) == 1:
                    lib.edit(args.ids[0], edit)
                else:
                    lib.edit_many(args.ids, edit)
            if not change.empty:
                lib.organise(args.ids, change)
            articles = [a for a in (lib.get(i) for i in args.ids) if a is not None]
        except EditError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    if args.json:
        if len(articles) == 1:
            print_json(articles[0].to_dict())
        else:
            print_json([a.to_dict() for a in articles])
        return EXIT_OK
    for article in articles:
        print(f"#{article.id} {article.title}")
        print(f"date: {article.date or 'unknown'}  companies: {', '.join(article.companies)}"
              f"  topics: {', '.join(article.topics)}")
        print(f"manual: {', '.join(article.manual_fields)}")
        if article.collections or article.tags:
            print(f"collections: {', '.join(article.collections)}  tags: {', '.join(article.tags)}")
        if article.note:
            print(terminal_safe(f"note: {article.note}"))
    return EXIT_OK
