"""How well the page view's hit boxes land on the words: render pages with known lines, read
them with our OCR, box every 2-4 character word of each line, and compare with where the word
was drawn. Not a test; run it and read the figures:

    .venv/bin/python tests/perf/page_hits_accuracy.py [--held-out] [--font FILE]

Prints, per way of placing a hit inside its line (characters counted equal, or as
``page_hits`` does: a Chinese character as wide as two Latin letters or digits, wide
punctuation at a line's ends half), the mean intersection over union of boxed and drawn
words and the share of words whose box covers at least half the drawn word.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "app")]

LINES = (
    "2024年5月8日，一汽解放新能源重卡在长春下线。",
    "宁德时代为这批重卡提供动力电池，续航超过四百公里。",
    "第3季度销量达到12,800辆，同比增长35%，创历史新高。",
    "AI芯片与5G模组由本地工厂供应，成本下降两成。",
    "当地政府同时公布了氢燃料汽车的扶持计划。",
)


def iou(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0, w) * max(0, h)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def covered(box, drawn) -> float:
    w = min(box[2], drawn[2]) - max(box[0], drawn[0])
    h = min(box[3], drawn[3]) - max(box[1], drawn[1])
    return max(0, w) * max(0, h) / ((drawn[2] - drawn[0]) * (drawn[3] - drawn[1]))


def held_out_lines(n: int = 6, width: int = 26) -> tuple[str, ...]:
    """Lines cut from the first sample article's body (text not used to tune the rule)."""
    sample = min((ROOT / "resources" / "corpus").glob("*.txt"))
    text = "".join(sample.read_text(encoding="utf-8").split("\n")[4:])
    return tuple(text[i:i + width] for i in range(0, n * width, width))


def main() -> int:
    import argparse

    from page_images import FONT, render_page
    from PIL import Image

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, default=FONT)
    parser.add_argument("--held-out", action="store_true",
                        help="lines from a sample article instead of the tuning lines")
    args = parser.parse_args()
    lines = held_out_lines() if args.held_out else LINES

    from archive.ocr import page_hits
    from archive.ocr.recognise import page_text, recognise_image

    words = sorted({line[i:i + n] for line in lines for n in (2, 4)
                    for i in range(0, len(line) - n + 1, 3)})
    words = [w for w in words if sum(line.count(w) for line in lines) == 1
             and not any(c in "，。、%,“”" for c in w) and w.strip() == w]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        drawn = render_page(path, words, lines=lines, font=args.font)
        page = recognise_image(Image.open(path))
    text = page_text(page)
    results: dict[str, tuple[list[float], list[float]]] = {}
    by_width = page_hits._share

    def equal(line, offset: int) -> float:
        return min(max(offset - line.start, 0), line.end - line.start) / (line.end - line.start)

    for name, share in (("characters counted equal", equal), ("by width (page_hits)", by_width)):
        page_hits._share = share
        scores, hits = [], []
        for word in words:
            at = text.find(word)
            if at < 0 or text.find(word, at + 1) >= 0 or not drawn[word]:
                continue
            boxes = page_hits.hit_boxes([page], {"body": [(at, at + len(word))]})
            if not boxes:
                continue
            scores.append(iou(boxes[0].box, drawn[word][0]))
            hits.append(covered(boxes[0].box, drawn[word][0]))
        results[name] = (scores, hits)
    page_hits._share = by_width
    for name, (scores, hits) in results.items():
        good = sum(1 for c in hits if c >= 0.5)
        print(f"{name:28s} words {len(scores):3d}  mean IoU {statistics.mean(scores):.3f}  "
              f"min IoU {min(scores):.3f}  box covers >= half the word: {good}/{len(hits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
