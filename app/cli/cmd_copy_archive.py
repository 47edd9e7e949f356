"""``copy-archive SRC DEST``: copy an archive between a folder and a server, and verify it."""

from __future__ import annotations

from archive.copying import CopyError, copy_archive, open_location

from .base import EXIT_FAILED, EXIT_OK, CliError, print_json, progress_printer

NAME = "copy-archive"
HELP = ("copy a whole archive (originals, corrections, collections...) from SRC to the "
        "empty DEST, each a folder or a postgresql:// URL, and verify counts and checksums")


def configure(p) -> None:
    p.add_argument("src", metavar="SRC", help="archive folder or postgresql:// URL to copy")
    p.add_argument("dest", metavar="DEST", help="new (empty) archive folder or database URL")


def _redact(location: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(location)
    if parts.password:
        return location.replace(f":{parts.password}@", ":***@", 1)
    return location


def run(args, open_library) -> int:
    try:
        import psycopg

        server_errors: tuple[type[BaseException], ...] = (psycopg.Error,)
    except ImportError:  # pragma: no cover - psycopg is a dependency
        server_errors = ()
    src = dest = None
    try:
        src = open_location(args.src, must_exist=True)
        dest = open_location(args.dest)
        report = copy_archive(src, dest, progress_printer(not args.json))
    except CopyError as exc:
        raise CliError(f"copy-archive: {exc}", EXIT_FAILED) from None
    except server_errors as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CliError(f"copy-archive: the server said: {first}", EXIT_FAILED) from None
    finally:
        for lib in (dest, src):
            if lib is not None:
                lib.close()
    if args.json:
        print_json({"src": _redact(args.src), "dest": _redact(args.dest), **report.to_dict()})
    else:
        tables = ", ".join(f"{n} {t}" for t, n in report.rows.items() if n)
        print(f"copied {_redact(args.src)} -> {_redact(args.dest)}: {tables}; "
              f"{report.originals} originals ({report.original_bytes} bytes); "
              f"counts and sha256 checksums verified")
    return EXIT_OK
