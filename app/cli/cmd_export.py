"""``export ID... --format F --out PATH``: write articles as PDF, DOCX, HTML, Markdown,
TXT, CSV, JSON or a ZIP bundle with the originals; ``--query Q`` exports a result set."""

from __future__ import annotations

from pathlib import Path

from archive.exporters import ExportError, ExportOptions, format_for_path, formats
from archive.library import SORTS, QueryError

from .base import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    INDEXED_FACETS,
    CliError,
    add_facet_flags,
    print_json,
    progress_printer,
)

NAME = "export"
HELP = "export articles (by id, or every result of --query) to pdf, docx, html, md, txt, csv, json or zip"


def configure(p) -> None:
    names = [f.name for f in formats()]
    documents = [f.name for f in formats() if f.document]
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help="article ids, in export order")
    p.add_argument("--format", "-f", choices=names, default=None,
                   help="output format (default: from the --out file name)")
    p.add_argument("--out", "-o", type=Path, required=True, metavar="PATH",
                   help="file to write, or a folder to write into")
    p.add_argument("--query", "-q", default=None, metavar="Q",
                   help="export every article this search finds instead of IDs")
    add_facet_flags(p, INDEXED_FACETS)  # with --query (or alone: every article they select)
    p.add_argument("--sort", choices=SORTS, default="relevance",
                   help="order of a --query export")
    p.add_argument("--full-text", action="store_true", help="csv/json: add each article's text")
    p.add_argument("--no-toc", dest="toc", action="store_false",
                   help="no table of contents before several articles")
    p.add_argument("--no-citation", dest="citation", action="store_false",
                   help="no GB/T 7714 citation under each article")
    p.add_argument("--bundle-format", choices=documents, default="md",
                   help="zip: the format of each article's file (default md)")
    p.add_argument("--split", action="store_true",
                   help="documents: one file per article in the folder --out")
    p.add_argument("--title", default=None, help="document title (default: the headline)")


def run(args, open_library) -> int:
    by_query = args.query is not None or args.year or args.company or args.topic
    if args.ids and by_query:
        raise CliError("give article IDs or --query (with facet flags), not both", EXIT_USAGE)
    if not args.ids and not by_query:
        raise CliError("give article IDs or --query Q to export", EXIT_USAGE)
    fmt = args.format
    if fmt is None:
        guessed = format_for_path(args.out)
        if guessed is None:
            raise CliError(f"cannot tell the format from {str(args.out)!r}: add --format",
                           EXIT_USAGE)
        fmt = guessed.name
    options = ExportOptions(full_text=args.full_text, toc=args.toc, citation=args.citation,
                            bundle_format=args.bundle_format, split=args.split,
                            title=args.title)
    progress = progress_printer(not args.json)
    with open_library() as lib:
        try:
            if by_query:
                written = lib.export_query(args.query or "", args.year, args.company,
                                           args.topic, fmt, args.out, options, progress,
                                           sort=args.sort)
            else:
                written = lib.export(args.ids, fmt, args.out, options, progress)
        except ExportError as exc:  # unknown id, unwritable destination, cancelled ...
            raise CliError(str(exc), EXIT_FAILED) from None
        except (QueryError, OSError, KeyboardInterrupt):
            raise  # main() reports these in one line
        except Exception as exc:  # noqa: BLE001 - a writer's bug must not print a traceback
            raise CliError(f"export failed: {exc.__class__.__name__}: {exc}") from None
    if args.json:
        print_json({"format": fmt, "files": [str(p) for p in written]})
    else:
        for path in written:
            print(path)
    return EXIT_OK
