"""``edit ID...``: correct articles' metadata; corrections are kept as manual.

One ID edits one article; several IDs get the same correction in one step (one transaction:
all of them or none). A bad value (an empty name, an impossible date, an unknown id or
topic) is one error line and exit 1; contradictory options are a usage error (exit 2).

``--if-version N`` (one N per ID, in order; ``show ID --json`` gives ``row_version``) saves
only if nobody changed the articles since the versions read: otherwise nothing is changed,
one line names the article and its version now, and the exit code is 1. Without it the
correction is merged into the article as it is then (other fields stay as someone else
left them).
"""

from __future__ import annotations

from archive.editing import validate
from archive.library import Edit, EditConflict, EditError, Organise

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
    p.add_argument("--if-version", type=int, nargs="+", metavar="N",
                   help="save only if each article is still at this row_version (one N per"
                        " ID, as 'show ID --json' gave it); else change nothing and exit 1")


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


def _expected(args) -> dict[int, int] | None:
    """``--if-version``: the row version each ID must still have (None when not given)."""
    if args.if_version is None:
        return None
    if len(args.if_version) != len(args.ids):
        raise CliError(f"--if-version takes one version per ID ({len(args.ids)} IDs,"
                       f" {len(args.if_version)} versions)", EXIT_USAGE)
    return dict(zip(args.ids, args.if_version, strict=True))


def conflict_line(aid: int, title: str, expected: int, current: int | None) -> str:
    """The one line a CLI user reads when an article changed after they read it."""
    if current is None:
        now = "it has been moved to the trash or deleted since"
    else:
        now = f"someone changed it since: it is at version {current} now"
    return (f"article {aid} (“{title}”) is no longer at version {expected}: {now}; nothing"
            f" was changed (read it again with 'show {aid} --json')")


def _check_versions(lib, expected: dict[int, int]) -> None:
    """Stop before any change if an article is not at the version the user read."""
    current = lib.row_versions(list(expected))
    for aid, version in expected.items():
        article = lib.get(aid)
        if aid not in current:
            raise CliError(lib.missing_reason(aid), EXIT_FAILED)
        if article is None or current[aid] != version:
            title = article.title if article is not None else f"article {aid}"
            raise CliError(conflict_line(aid, title, version,
                                         None if article is None else current[aid]))


def run(args, open_library) -> int:
    edit = _edit(args)
    expected = _expected(args)
    change = Organise(args.add_tag, args.remove_tag, args.add_collection,
                      args.remove_collection, args.note)
    with open_library() as lib:
        try:
            change.cleaned()  # a bad name stops the command before anything is changed
            if expected is not None:
                _check_versions(lib, expected)
            for company, alias in args.alias:
                lib.add_company_alias(company, alias)
            if edit != Edit() or change.empty:
                if len(args.ids) == 1:
                    lib.edit(args.ids[0], edit,
                             expected[args.ids[0]] if expected is not None else None)
                else:
                    lib.edit_many(args.ids, edit, expected)
            if not change.empty:
                lib.organise(args.ids, change)
            articles = [a for a in (lib.get(i) for i in args.ids) if a is not None]
        except EditConflict as exc:  # changed between the check and the save
            raise CliError(conflict_line(exc.article_id, exc.title, exc.expected,
                                         exc.current)) from None
        except EditError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    if args.json:  # with each article's row_version now (for a next --if-version)
        data = [{**a.to_dict(), "row_version": a.row_version} for a in articles]
        print_json(data[0] if len(data) == 1 else data)
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
