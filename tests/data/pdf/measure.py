"""Print text-quality figures of the PDF reader on whole books (not a test; see SOURCES.md).

usage: python tests/data/pdf/measure.py BOOK.pdf [REFERENCE.txt.gz] ...
(a .txt.gz argument is the plain-text edition of the PDF before it)

Per book: ms per page for read_bytes (wall clock and CPU time); the share of CJK lines where 3 or more CJK
characters stand alone between spaces (justification spaces: "对 于 使 用"); running-head lines left (a line
holding the book's head text followed by a page number); contents lines with dot leaders
left; with a reference, the share of its CJK characters found in the extracted text
(covered by a 6-character run of the CJK-only stream that the extraction also has),
without the reference's own table of contents.
"""

from __future__ import annotations

import gzip
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from archive.readers import read_bytes

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
SINGLE = re.compile(f"(?<= )[{CJK}](?= )")
HEAD = re.compile(
    r"(?:参考手册|參考手冊|Skolelinux \d+ \w+ 手[册冊])\s*(?:[ivxlc]+\b|\d+\s*/\s*\d+)"
)
LEADER = re.compile(r"(?:\.\s*){5,}\d+\s*$")


def without_contents(ref: str) -> str:
    """The reference text without its own table of contents (the PDF's is dropped too):
    from the "目录" line to the next rule of dashes."""
    return re.sub(r"\n(?:目录|內容目錄|目錄)\n.*?\n-{20,}\n", "\n", ref, count=1, flags=re.DOTALL)


def cjk_only(text: str) -> str:
    return "".join(re.findall(f"[{CJK}]", text))


def coverage(ref: str, got: str, n: int = 6) -> float:
    r, g = cjk_only(ref), cjk_only(got)
    grams = {g[i : i + n] for i in range(len(g) - n + 1)}
    covered = bytearray(len(r))
    for i in range(len(r) - n + 1):
        if r[i : i + n] in grams:
            covered[i : i + n] = b"\x01" * n
    return sum(covered) / max(1, len(r))


def main(args: list[str]) -> None:
    i = 0
    while i < len(args):
        pdf = Path(args[i])
        ref = Path(args[i + 1]) if i + 1 < len(args) and args[i + 1].endswith(".gz") else None
        i += 2 if ref else 1
        data = pdf.read_bytes()
        t, cpu = time.perf_counter(), time.process_time()
        text = read_bytes(data, pdf.name).documents[0].text
        elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(data))
        lines = [ln for ln in text.split("\n") if re.search(f"[{CJK}]", ln)]
        spaced = sum(1 for ln in lines if len(SINGLE.findall(ln)) >= 3)
        heads = len(HEAD.findall(text))
        leaders = sum(1 for ln in text.split("\n") if LEADER.search(ln))
        print(
            f"{pdf.name}: {pages} pages, {1000 * elapsed / pages:.1f} ms/page "
            f"({1000 * cpu / pages:.1f} ms/page of CPU time)"
        )
        print(
            f"  lines with >=3 spaced-out CJK characters: {spaced}/{len(lines)} = {spaced / max(1, len(lines)):.2%}"
        )
        print(f"  running-head lines left: {heads}; dot-leader contents lines left: {leaders}")
        if ref:
            reftext = gzip.decompress(ref.read_bytes()).decode("utf-8")
            print(
                f"  CJK characters of {ref.name} found: {coverage(without_contents(reftext), text):.2%}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
