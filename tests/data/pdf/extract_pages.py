"""Copy a few pages of a real PDF into a small test PDF (how the files here were made).

usage: python tests/data/pdf/extract_pages.py SOURCE.pdf OUT.pdf PAGE... (1-based)
"""

from __future__ import annotations

import sys

import pypdf


def main(source: str, out: str, pages: list[int]) -> None:
    reader = pypdf.PdfReader(source)
    writer = pypdf.PdfWriter()
    for number in pages:
        writer.add_page(reader.pages[number - 1])
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    with open(out, "wb") as fh:
        writer.write(fh)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], [int(p) for p in sys.argv[3:]])
