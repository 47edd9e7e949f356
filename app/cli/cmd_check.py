"""``check``: does the index agree with SQLite, article by article?"""

from __future__ import annotations

from archive.opening import open_library as open_archive

from .base import EXIT_FAILED, EXIT_OK, error_line, print_json

NAME = "check"
HELP = "check that the search index agrees with the archive database (exit 1 if not)"


def configure(p) -> None:
    p.add_argument("--repair", action="store_true",
                   help="then finish what an interrupted write left and check again")


def run(args, open_library) -> int:
    # Opened without the automatic recovery, so the check sees the archive as it is.
    with open_archive(args.archive, recover=False) as lib:
        report = lib.check_index()
        if args.repair and not report["ok"]:
            lib.reconcile()
            report = {**lib.check_index(), "repaired": report["problems"]}
    if args.json:
        print_json(report)
    else:
        print(f"articles: {report['articles']}, indexed: {report['indexed']}")
        print("the index agrees with the database" if report["ok"]
              else f"{len(report['problems'])} problems")
    for problem in report["problems"]:
        error_line(problem)
    return EXIT_OK if report["ok"] else EXIT_FAILED
