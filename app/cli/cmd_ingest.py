"""``ingest PATH...``: add files, folders (recursive) and .zip archives."""

from __future__ import annotations

import sys
from pathlib import Path

from archive.readers.names import display_name

from .base import EXIT_FAILED, EXIT_OK, error_line, print_json, progress_printer, terminal_safe

NAME = "ingest"
HELP = "add files, folders (recursive) or .zip archives to the archive"


def configure(p) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")


def run(args, open_library) -> int:
    missing = [p for p in args.paths if not p.exists()]
    present = [p for p in args.paths if p.exists()]
    failed = [{"path": display_name(str(p)), "error": "No such file or directory"}
              for p in missing]
    report = None
    if present:
        with open_library() as lib:
            report = lib.ingest(present, progress=progress_printer(not args.json))
        failed = report.failed + failed
    added = report.added if report else []
    duplicates = report.duplicates if report else []
    versions = report.versions if report else []
    warnings = report.warnings if report else []
    if args.json:
        print_json({"added": added, "duplicates": duplicates, "versions": versions,
                    "warnings": warnings, "failed": failed})
    else:
        print(f"{len(added)} added, {len(duplicates)} duplicate, "
              f"{len(versions)} version of an earlier article, {len(failed)} failed")
        for d in duplicates:
            if d.get("trashed"):
                print(terminal_safe(f"{d['path']}: article {d['id']} is in the trash"
                                    f" (bring it back with: trash restore {d['id']})"))
    for w in warnings:
        print(terminal_safe(f"warning: {' '.join(w['path'].split())}: {w['warning']}"),
              file=sys.stderr)
    for f in failed:
        error_line(f"{f['path']}: {f['error']}")
    return EXIT_FAILED if failed else EXIT_OK
