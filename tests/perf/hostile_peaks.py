"""Peak memory and time of ingesting each crafted hostile file, for a before/after table.

    python tests/perf/hostile_peaks.py [REPO]   # REPO: the checkout whose main.py to run

Writes the crafted files to a temporary folder, ingests each into a fresh archive in a
child process, and prints its exit code, peak RSS (MB) and wall time.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "hostile"))

import conftest
import crafted


def main() -> None:
    if len(sys.argv) > 1:
        conftest.ROOT = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "e-mail, 30 MB Subject": crafted.eml_with_huge_subject(folder / "subject.eml"),
            "text, 50 MB one line": crafted.one_line_text(folder / "oneline.txt"),
            "zip of six 150 MB zips": crafted.zip_of_big_zips(folder / "nested.zip"),
        }
        for label, path in files.items():
            archive = folder / f"archive-{path.stem}"
            run = conftest.run_measured("ingest", str(path), "--json", archive=archive,
                                        timeout=600)
            last = (run.stderr.strip().splitlines() or [""])[-1][:110]
            print(f"{label:<24} exit {run.code}  peak {run.peak_mb:7.0f} MB  "
                  f"{run.seconds:6.1f} s  {last}")


if __name__ == "__main__":
    main()
