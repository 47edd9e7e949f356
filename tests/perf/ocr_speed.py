"""OCR ingest speed and memory: page images rendered from the sample articles, imported
with the command line in a child process.

    python tests/perf/ocr_speed.py [PAGES] [--dpi 150] [--columns 2]

Prints pages per minute (wall clock, model loading included), seconds a page and the
child's peak RSS. The pages are A4, one headline and the sample articles' paragraphs in
``--columns`` columns, written as PNG (every fourth one as a 2-page TIFF, so multi-page
files are in the mix).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "archive"))
sys.path.insert(0, str(ROOT))

from ocrkit import corpus_article, render_page


def make_pages(folder: Path, pages: int, dpi: int, columns: int) -> int:
    """Write ``pages`` page images into ``folder``; return the number of pages written."""
    written = 0
    n = 0
    while written < pages:
        head, paras = corpus_article(n % 5)
        start = (n // 5) * 3 % max(1, len(paras) - 8)
        page = render_page(paras[start:start + 8], headline=head, columns=columns, dpi=dpi,
                           height_in=11.69)
        if n % 4 == 3 and written + 2 <= pages:
            second = render_page(paras[start + 8:start + 16] or paras[:8], columns=columns,
                                 dpi=dpi, height_in=11.69)
            page.save(folder / f"page{n:03d}.tif", save_all=True, append_images=[second],
                      compression="tiff_deflate")
            written += 2
        else:
            page.save(folder / f"page{n:03d}.png")
            written += 1
        n += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", type=int, default=10)
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--columns", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = make_pages(folder, args.pages, args.dpi, args.columns)
        start = time.perf_counter()
        run = subprocess.run([sys.executable, str(ROOT / "main.py"), "ingest", str(folder),
                              "--json", "--archive", str(Path(tmp) / "archive")],
                             capture_output=True, text=True, cwd=ROOT, check=False)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = json.loads(run.stdout) if run.stdout.strip() else {}
    print(f"{pages} pages ({args.dpi} dpi, {args.columns} column(s)) in {seconds:.1f} s: "
          f"{pages / seconds * 60:.1f} pages/min, {seconds / pages:.2f} s a page; "
          f"peak RSS {peak:.0f} MB; {len(report.get('added', []))} articles added, "
          f"{len(report.get('failed', []))} failed")
    if run.returncode not in (0, 1):
        print(run.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
