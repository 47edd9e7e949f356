"""How much of each HTML page's main content reaches the stored text.

Usage::

    python tests/perf/extraction_coverage.py PATH... [--repo CHECKOUT] [--min-cjk N] [--quiet]

PATH is an HTML file or a folder (searched recursively for ``*.htm*``). For every page it
prints the share of the main content's CJK characters that the HTML reader keeps, and the
same share for Latin words, then the totals. ``--repo`` imports the reader from another
checkout (e.g. ``/work/main``) to compare before and after.

The reference is computed here with lxml alone, independently of the reader: the body's
text as a browser shows it, without ``<script>``/``<style>``/``<noscript>``/``<template>``,
hidden elements, ``<nav>``/``<header>``/``<footer>``/``<aside>``/``<menu>``, and elements
whose class, id or role marks navigation (nav, menu, breadcrumb, sidebar, toc frames,
header, footer, banner ...). Coverage counts characters as a multiset: for each CJK
character, min(times in the reference, times in the output), summed, over the reference's
count. Pages with fewer than ``--min-cjk`` CJK characters in the reference (English pages)
are listed but left out of the CJK total.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html

_DROP_TAGS = {
    "script", "style", "noscript", "template", "head", "title", "meta", "link",
    "nav", "header", "footer", "aside", "menu",
}  # fmt: skip
_NAV_TOKEN = re.compile(
    r"(^|[\s_-])(nav\w*|navigation|menu\w*|breadcrumbs?|crumbs?|sidebar|side-bar|"
    r"toc-?sidebar|tocframe|toc-?frame|header|footer|banner|masthead|topbar)([\s_-]|$)",
    re.IGNORECASE,
)
_NAV_ROLES = {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _is_chrome(el: lxml.html.HtmlElement) -> bool:
    if el.tag in _DROP_TAGS:
        return True
    if el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
        return True
    if (el.get("role") or "").strip().lower() in _NAV_ROLES:
        return True
    return any(_NAV_TOKEN.search(el.get(attr) or "") for attr in ("class", "id"))


def reference_text(data: bytes) -> str:
    """The page's main content as a reader of the page sees it (see the module docstring)."""
    text = data.decode("utf-8", "replace")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    root = lxml.html.document_fromstring(text)
    body = root.find("body")
    body = root if body is None else body
    doomed = [
        el
        for el in body.iter()
        if not isinstance(el.tag, str) or (el is not body and _is_chrome(el))
    ]
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent
    return body.text_content()


def coverage(ref: Counter, out: Counter) -> tuple[int, int]:
    """(kept, total): the multiset intersection's size and the reference's size."""
    return sum(min(n, out[c]) for c, n in ref.items()), sum(ref.values())


def _pages(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*.htm*") if q.is_file()))
        elif p.is_file():
            found.append(p)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repo", default=str(Path(__file__).resolve().parents[2]))
    parser.add_argument("--min-cjk", type=int, default=50)
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args(argv)
    sys.path.insert(0, args.repo)
    from archive.readers import read_bytes
    from archive.readers.base import ReadError

    kept_total = ref_total = wkept_total = wref_total = 0
    below = wbelow = 0
    pages = _pages(args.paths)
    seconds = 0.0
    if not args.quiet:
        print(f"{'page':58} {'CJK ref':>8} {'kept':>7} {'words':>7}")
    for page in pages:
        data = page.read_bytes()
        ref = reference_text(data)
        start = time.process_time()
        try:
            out = "\n".join(d.text for d in read_bytes(data, page.name).documents)
        except ReadError as exc:
            out = ""
            print(f"{page.name}: {exc}", file=sys.stderr)
        seconds += time.process_time() - start
        kept, total = coverage(Counter(_CJK.findall(ref)), Counter(_CJK.findall(out)))
        wkept, wtotal = coverage(Counter(_WORD.findall(ref)), Counter(_WORD.findall(out)))
        wkept_total += wkept
        wref_total += wtotal
        wbelow += wtotal >= 50 and wkept / wtotal < 0.9
        counted = total >= args.min_cjk
        if counted:
            kept_total += kept
            ref_total += total
            below += kept / total < 0.9
        share = f"{kept / total:7.1%}" if total else "    n/a"
        wshare = f"{wkept / wtotal:7.1%}" if wtotal else "    n/a"
        if not args.quiet:
            mark = "" if counted else "  (few CJK, not in total)"
            name = str(page.relative_to(page.parents[1])) if len(page.parents) > 1 else page.name
            print(f"{name[-58:]:58} {total:8d} {share} {wshare}{mark}")
    counted_pages = len(pages)
    cjk = f"{kept_total / ref_total:.2%}" if ref_total else "n/a"
    print(
        f"TOTAL {counted_pages} pages: CJK kept {kept_total}/{ref_total} = {cjk}; "
        f"pages below 90 %: {below}; Latin words kept {wkept_total / max(wref_total, 1):.2%}"
        f" (pages below 90 %: {wbelow}); "
        f"reader CPU {1000 * seconds / max(counted_pages, 1):.1f} ms/page"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
