"""``ingest PATH...``: add files, folders (recursive) and .zip archives.

SIGTERM and SIGINT (Ctrl+C) stop the ingest after the files in hand and still print the
report of what was stored; so does a failing disk (the report says why it stopped).
"""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from archive.readers.names import display_name

from .base import EXIT_FAILED, EXIT_OK, error_line, print_json, progress_printer, terminal_safe
from .ocr_progress import ocr_progress_printer

NAME = "ingest"
HELP = "add files, folders (recursive) or .zip archives to the archive"
_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def configure(p) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")


@contextmanager
def _stop_on_signals(cancel: threading.Event, caught: list[str]):
    """While inside, SIGTERM/SIGINT set ``cancel`` (a second one stops at once)."""

    def handler(signum, _frame):
        if cancel.is_set():
            raise KeyboardInterrupt
        caught.append(signal.Signals(signum).name)
        cancel.set()

    previous = {s: signal.signal(s, handler) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def run(args, open_library) -> int:
    missing = [p for p in args.paths if not p.exists()]
    present = [p for p in args.paths if p.exists()]
    failed = [{"path": display_name(str(p)), "error": "No such file or directory"}
              for p in missing]
    report = None
    cancel, caught = threading.Event(), []
    if present:
        with _stop_on_signals(cancel, caught), open_library() as lib:
            report = lib.ingest(present, progress=progress_printer(not args.json),
                                cancel=cancel,
                                ocr_progress=ocr_progress_printer(not args.json))
        failed = report.failed + failed
    added = report.added if report else []
    duplicates = report.duplicates if report else []
    versions = report.versions if report else []
    warnings = report.warnings if report else []
    review = report.needs_review if report else []  # OCR'd pages of low confidence
    stopped = None
    if report is not None and report.error:
        stopped = f"the ingest stopped early: {report.error}"
    elif caught:
        stopped = f"the ingest was interrupted ({caught[0]}); files not reached were not imported"
    if args.json:
        out = {"added": added, "duplicates": duplicates, "versions": versions,
               "warnings": warnings, "failed": failed}
        if review:
            out["needs_review"] = review
        if stopped:
            out["stopped"] = stopped
        print_json(out)
    else:
        print(f"{len(added)} added, {len(duplicates)} duplicate, "
              f"{len(versions)} version of an earlier article, {len(warnings)} with a warning,"
              f" {len(failed)} failed")
        for d in duplicates:
            if d.get("trashed"):
                print(terminal_safe(f"{d['path']}: article {d['id']} is in the trash"
                                    f" (bring it back with: trash restore {d['id']})"))
        for r in review:
            pages = ", ".join(map(str, r["pages"]))
            print(terminal_safe(f"needs review: {r['path']}: article {r['id']}, low OCR "
                                f"confidence on page {pages}"))
    for w in warnings:
        print(terminal_safe(f"warning: {' '.join(w['path'].split())}: {w['warning']}"),
              file=sys.stderr)
    for f in failed:
        error_line(f"{f['path']}: {f['error']}")
    if stopped:
        error_line(stopped)
    return EXIT_FAILED if failed or stopped else EXIT_OK
