"""Character error rate of the OCR pipeline on real screenshots nobody here made.

    /work/main/.venv/bin/python tests/perf/ocr_real.py [tests/data/ocr_real] [--show]

Reads every ``<name>.png`` of the folder (KiCad's Chinese UI screenshots, see SOURCES.md
there) the way an import does (``archive.ocr.images.load_page``: transparency on white,
scaled to the OCR pixel limit; then ``recognise_image`` and ``page_text``) and compares the
text with the hand transcription ``<name>.txt``. CER is ``tests/perf/ocr_cer.py``'s, imported
from there: NFKC, every whitespace character removed, Levenshtein distance / true length;
the overall figure is the sum of the distances over the sum of the true lengths.
Two more columns split the error: "no dots" is the CER with runs of full stops and
ellipses removed from both texts (a menu's "..." is read as ".", "…" or "……"), "no order"
the order-free distance (what is left if the characters could be reordered: reading order
costs the rest). ``--show`` prints each read text beside the truth. CPU seconds are the process's own.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's archive package, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ocr_cer import cer, normalise

DOTS = re.compile("[.\u2026\u22ef]+")  # "...", "…" and "……" alike


def bag_distance(truth: str, hyp: str) -> int:
    """Order-free part of the error: edits left if the characters could be reordered
    (the larger of the true characters missing and the read characters extra)."""
    t, h = Counter(normalise(truth)), Counter(normalise(hyp))
    return max(sum((t - h).values()), sum((h - t).values()))


def read_png(path: Path) -> str:
    """The text the import's OCR pipeline reads from one image file."""
    from archive.ocr.images import load_page, open_image
    from archive.ocr.recognise import page_text, recognise_image

    im = open_image(path.read_bytes())
    return page_text(recognise_image(load_page(im, 1)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=ROOT / "tests" / "data" / "ocr_real")
    ap.add_argument("--show", action="store_true", help="print the read text and the truth")
    args = ap.parse_args(argv)
    pngs = sorted(args.folder.glob("*.png"))
    if not pngs:
        print(f"error: no .png files in {args.folder}", file=sys.stderr)
        return 2
    read_png(pngs[0])  # the models load outside the timing
    tot = [0, 0, 0, 0, 0]  # true chars, edits, edits without dots, their true chars, bag
    print(f"{'image':28} {'size':>8} {'chars':>5} {'edits':>5} {'CER %':>6} "
          f"{'no dots':>7} {'no order':>8} {'CPU s':>5}")
    for png in pngs:
        truth = png.with_suffix(".txt").read_text("utf-8")
        t0 = time.process_time()
        text = read_png(png)
        cpu = time.process_time() - t0
        d, n = cer(truth, text)
        d2, n2 = cer(DOTS.sub("", truth), DOTS.sub("", text))
        bag = bag_distance(truth, text)
        tot = [a + b for a, b in zip(tot, (n, d, d2, n2, bag))]
        from PIL import Image

        with Image.open(png) as im:
            size = f"{im.width}x{im.height}"
        print(f"{png.stem:28} {size:>8} {n:5d} {d:5d} {100 * d / n:6.1f} "
              f"{100 * d2 / n2:7.1f} {100 * bag / n:8.1f} {cpu:5.1f}")
        if args.show:
            print("  read: " + text.replace("\n", " | "))
            print("  true: " + truth.strip().replace("\n", " | "))
    n, d, d2, n2, bag = tot
    print(f"{'overall':28} {'':>8} {n:5d} {d:5d} {100 * d / n:6.1f} "
          f"{100 * d2 / n2:7.1f} {100 * bag / n:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
