"""``search QUERY`` and ``search --batch FILE``: find articles, with facet counts."""

from __future__ import annotations

from pathlib import Path

from archive.library import SORTS, EditError, QueryError

from .base import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    error_line,
    print_json,
    terminal_safe,
)

NAME = "search"
HELP = "search the archive (query syntax: words, \"phrases\", AND/OR/NOT, field:value, prefix*)"


def configure(p) -> None:
    p.add_argument("query", nargs="?", default=None, metavar="QUERY")
    p.add_argument("--batch", type=Path, metavar="FILE", help="run one query per line of FILE")
    p.add_argument("--year", action="append", default=[], metavar="Y",
                   help="only these years (repeat for OR; 'unknown' for no year)")
    p.add_argument("--company", action="append", default=[], metavar="C")
    p.add_argument("--topic", action="append", default=[], metavar="T")
    p.add_argument("--tag", action="append", default=[], metavar="T",
                   help="only articles with this tag (repeat for OR)")
    p.add_argument("--collection", action="append", default=[], metavar="C",
                   help="only articles in this collection (repeat for OR)")
    p.add_argument("--needs-review", action="store_true",
                   help="only articles made by OCR with a page of low confidence")
    p.add_argument("--saved", metavar="NAME",
                   help="run the saved search NAME (see the saved command)")
    p.add_argument("--sort", choices=SORTS, default="relevance",
                   help="result order: relevance, date (newest first), date_asc (oldest first), "
                   "title, title_desc, added (latest imported first), added_asc")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--offset", type=int, default=0, metavar="N")


def run(args, open_library) -> int:
    if args.saved is not None:
        return _run_saved(args, open_library)
    if args.query is None and args.batch is None and (args.tag or args.collection or args.year
                                                      or args.company or args.topic
                                                      or args.needs_review):
        args.query = ""  # filters alone: every article they select
    if (args.query is None) == (args.batch is None):
        raise CliError("give either a QUERY or --batch FILE", EXIT_USAGE)
    if args.limit < 0 or args.offset < 0:
        raise CliError("--limit and --offset must not be negative", EXIT_USAGE)
    if args.batch is not None:
        try:
            # One query a line, split on "\n" only: str.splitlines would also cut a query at
            # a form feed or U+2028, which are characters of the query.
            lines = args.batch.read_text(encoding="utf-8-sig").split("\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read {args.batch}: {getattr(exc, 'strerror', None) or exc}")
        queries = [q.rstrip("\r").strip() for q in lines if q.strip()]
    else:
        queries = [args.query]
    code = EXIT_OK
    with open_library() as lib:
        for q in queries:
            try:
                result = lib.search(q, args.year, args.company, args.topic, args.sort,
                                    args.offset, args.limit, tags=args.tag,
                                    collections=args.collection,
                                    needs_review=args.needs_review)
            except QueryError as exc:
                if args.batch is None:
                    raise
                code = EXIT_FAILED
                if args.json:
                    print_json({"query": q, "error": str(exc)})
                error_line(f"bad query {q!r}: {exc}")
                continue
            if args.json:
                print_json(result.to_dict())
            else:
                _print_human(result)
    return code


def _run_saved(args, open_library) -> int:
    """``search --saved NAME``: the saved query, filters and sort (filters given too are added)."""
    if args.query is not None or args.batch is not None:
        raise CliError("--saved runs a saved query; give no QUERY or --batch", EXIT_USAGE)
    if args.limit < 0 or args.offset < 0:
        raise CliError("--limit and --offset must not be negative", EXIT_USAGE)
    with open_library() as lib:
        try:
            saved = lib.saved_search(args.saved)
        except EditError as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
        for key, extra in (("year", args.year), ("company", args.company), ("topic", args.topic),
                           ("tag", args.tag), ("collection", args.collection)):
            if extra:
                saved.filters[key] = list(dict.fromkeys(saved.filters.get(key, []) + extra))
        result = lib.run_saved(saved, args.offset, args.limit)
    if args.json:
        out = result.to_dict()
        out["saved"] = saved.to_dict()
        print_json(out)
    else:
        print(terminal_safe(f"saved search {saved.name!r}"))
        _print_human(result)
    return EXIT_OK


def _print_human(result) -> None:
    print(f"{result.total} articles for {result.query!r}" if result.query
          else f"{result.total} articles")
    if result.total == 0 and result.suggestion:
        print(f"did you mean: {result.suggestion}")
    if result.note:
        print(result.note)
    for hit in result.hits:
        date = hit.date or "(no date)"
        companies = f"  [{', '.join(hit.companies[:4])}]" if hit.companies else ""
        versions = f"  ({hit.versions} versions)" if hit.versions > 1 else ""
        print(terminal_safe(f"#{hit.id}  {date}  {hit.title}{companies}{versions}"))
        if hit.snippet:
            print(terminal_safe(f"    {hit.snippet.to_marked('【', '】')}"))
