"""EPUB: each chapter that is an article becomes one document, in spine order.

The container is checked like any zip (no bombs), ``META-INF/container.xml`` names the
OPF package, whose spine orders the XHTML chapters; each chapter is parsed with lxml and
walked like an HTML body (no boilerplate scoring: a chapter is content).

Skipped: the navigation document, ``linear="no"`` items, and chapters whose ``epub:type``
(or file name) says cover, title page, table of contents, copyright page or colophon.

A chapter with only a few short lines and no real body (a kicker, a banner, a part
title) is not an article of its own: its lines lead the next chapter (or trail the
previous one when it is last). Its heading is dropped when it only repeats the next
chapter's headline or the book title (pandoc puts the book title on a chapter that holds
the text before the first heading).

Hints per chapter: its first ``<h1>`` (else first heading) is ``title_hint``, other
headings ``heading_hints``, ``<figcaption>`` ``caption_hints``. The package's
``dc:creator`` is not used (often the publication's name); its ``dc:date`` dates the
e-book (often the day it was made), so it is only ``metadata_date``: used when the
chapter's text tells no date.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import lxml.etree

from archive.document import RawDocument
from archive.readers.base import (
    ReadContext,
    Reader,
    ReadError,
    ReadResult,
    is_zip,
    register,
)
from archive.readers.docmeta import iso_text
from archive.readers.html import HtmlBlock, body_blocks, decode_html
from archive.readers.textutil import tidy_lines, visible_len
from archive.readers.zipsafe import open_zip, read_member

_SKIP_TYPES = {
    "cover", "titlepage", "halftitlepage", "toc", "landmarks", "loi", "lot", "copyright-page",
    "colophon", "imprint", "frontispiece", "index", "page-list", "seriespage",
}  # fmt: skip
_SKIP_NAME = re.compile(
    r"(^|[/_\-.])(cover|title[_\-]?page|titlepage|toc|nav|copyright|colophon)([_\-.]|$)",
    re.IGNORECASE,
)
_EPUB_TYPE = re.compile(r"epub:type\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)

# "Only a few short lines and no real body".
_STUB_MAX_LINES = 6
_STUB_MAX_LINE_CHARS = 80
_STUB_MAX_CHARS = 300


@dataclass
class _Chapter:
    href: str
    blocks: list[HtmlBlock] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        for b in self.blocks:
            if b.kind == "title":
                return b.text
        for b in self.blocks:
            if b.kind == "heading":
                return b.text
        return None

    def is_stub(self) -> bool:
        body = [b for b in self.blocks if b.kind not in ("title", "heading")]
        if not body:
            return True
        if len(body) > _STUB_MAX_LINES:
            return False
        if any(visible_len(b.text) > _STUB_MAX_LINE_CHARS for b in body):
            return False
        return sum(visible_len(b.text) for b in body) <= _STUB_MAX_CHARS


def _xml(data: bytes, what: str) -> lxml.etree._Element:
    # A parser per call: lxml parsers must not be shared between threads. No entities,
    # no network, no huge trees: an e-book's XML is untrusted input.
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError:
        root = None
    if root is None:
        raise ReadError(f"The e-book's {what} is damaged.")
    return root


CONTAINER = "META-INF/container.xml"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _container(names: set[str]) -> str | None:
    """The container file: ``META-INF/container.xml`` at the root, or (as some tools
    pack books) inside one top folder, whose name then prefixes every path."""
    found = sorted((n for n in names if n == CONTAINER or n.endswith("/" + CONTAINER)),
                   key=lambda n: n.count("/"))
    return found[0] if found else None


def _package_path(zf, names: set[str], ctx: ReadContext) -> str:
    container = _container(names)
    if container is not None:
        prefix = container[: -len(CONTAINER)]
        root = _xml(read_member(zf, container, ctx.limits), "container.xml")
        for el in root.iter():
            if _local(el.tag) == "rootfile" and el.get("full-path"):
                path = prefix + unquote(el.get("full-path"))
                if path in names:
                    return path
    opfs = sorted(n for n in names if n.lower().endswith(".opf"))
    if not opfs:
        raise ReadError("This e-book has no package document (content.opf), so it cannot be read.")
    return opfs[0]


def _spine(opf: lxml.etree._Element, opf_dir: str) -> tuple[list[tuple[str, str]], str | None]:
    """[(href in zip, properties + id)] in spine order, and the book title."""
    manifest: dict[str, tuple[str, str, str]] = {}
    spine: list[tuple[str, str]] = []
    title = None
    for el in opf.iter():
        name = _local(el.tag)
        if name == "item" and el.get("id") and el.get("href"):
            href = posixpath.normpath(
                posixpath.join(opf_dir, unquote(el.get("href").split("#")[0]))
            )
            manifest[el.get("id")] = (href, el.get("media-type") or "", el.get("properties") or "")
        elif name == "title" and title is None and (el.text or "").strip():
            title = el.text.strip()
    for el in opf.iter():
        if _local(el.tag) == "itemref":
            if (el.get("linear") or "yes").lower() == "no":
                continue
            item = manifest.get(el.get("idref") or "")
            if item is None:
                continue
            href, media, props = item
            if "nav" in props.split() or not (
                "html" in media or href.lower().endswith((".xhtml", ".html", ".htm"))
            ):
                continue
            spine.append((href, f"{props} {el.get('idref')}"))
    return spine, title


def _skip_chapter(href: str, props: str, raw: bytes) -> bool:
    if "cover-image" in props or "nav" in props.split():
        return True
    types: set[str] = set()
    for m in _EPUB_TYPE.finditer(raw[:4000].decode("utf-8", "replace")):
        types.update(m.group(1).split())
    if types & _SKIP_TYPES and not types & {"bodymatter", "chapter"}:
        return True
    return bool(_SKIP_NAME.search(posixpath.basename(href)))


def _merge_stubs(chapters: list[_Chapter], book_title: str | None) -> list[_Chapter]:
    merged: list[_Chapter] = []
    pending: list[_Chapter] = []
    for ch in chapters:
        if ch.is_stub():
            pending.append(ch)
            continue
        if pending:
            lead: list[HtmlBlock] = []
            for stub in pending:
                for b in stub.blocks:
                    if b.kind in ("title", "heading") and b.text in (ch.title, book_title):
                        continue  # a repeated headline, not a line of the article
                    kind = "paragraph" if b.kind == "title" else b.kind
                    lead.append(HtmlBlock(kind, b.text))
            ch = _Chapter(ch.href, lead + ch.blocks)
            pending = []
        merged.append(ch)
    if pending:
        tail = [
            HtmlBlock("paragraph" if b.kind == "title" else b.kind, b.text)
            for s in pending
            for b in s.blocks
        ]
        if merged:
            merged[-1].blocks.extend(tail)
        else:
            merged.append(_Chapter(pending[0].href, [b for s in pending for b in s.blocks]))
    return merged


def read_epub(data: bytes, ctx: ReadContext) -> ReadResult:
    if not is_zip(data):
        raise ReadError("This .epub file is not a valid e-book (it is not a zip archive).")
    zf = open_zip(data, ctx.limits, "e-book")
    with zf:
        names = set(zf.namelist())
        opf_path = _package_path(zf, names, ctx)
        opf = _xml(read_member(zf, opf_path, ctx.limits), "package document")
        spine, book_title = _spine(opf, posixpath.dirname(opf_path))
        book_date = next((iso_text(el.text) for el in opf.iter()
                          if _local(el.tag) == "date" and iso_text(el.text)), None)
        if len(spine) > ctx.limits.max_documents:
            raise ReadError(
                f"The e-book has too many chapters ({len(spine)}; the limit is "
                f"{ctx.limits.max_documents})."
            )
        chapters: list[_Chapter] = []
        for href, props in spine:
            ctx.deadline.check()
            if href not in names:
                continue  # a broken manifest entry: skip it, read the rest
            raw = read_member(zf, href, ctx.limits)
            if _skip_chapter(href, props, raw):
                continue
            text, _enc = decode_html(raw)
            try:
                blocks, _root = body_blocks(text, italic_captions=True)
            except ReadError:
                continue  # an empty chapter file
            if blocks:
                chapters.append(_Chapter(href, blocks))
    documents = []
    for ch in _merge_stubs(chapters, book_title):
        title = ch.title
        documents.append(
            RawDocument(
                text=tidy_lines([b.text for b in ch.blocks]),
                title_hint=title,
                heading_hints=[
                    b.text for b in ch.blocks if b.kind in ("heading", "title") and b.text != title
                ],
                caption_hints=[b.text for b in ch.blocks if b.kind == "caption"],
                part=ch.href,
                metadata_date=book_date,
            )
        )
    return ReadResult("epub", "utf-8", documents)


def _is_epub(data: bytes) -> bool:
    if not is_zip(data):
        return False
    # The spec puts an uncompressed "mimetype" member first; be lenient and look inside.
    if data[30:38] == b"mimetype" and b"application/epub+zip" in data[38:100]:
        return True
    from archive.readers.base import zip_names

    names = zip_names(data)
    return _container(names) is not None and any(n.lower().endswith(".opf") for n in names)


register(
    Reader(
        format="epub",
        extensions=(".epub",),
        read=read_epub,
        magic=_is_epub,
        binary=True,
        mismatch="it is not a zip archive",
        label="e-book (EPUB)",
        sniff_order=21,
    )
)
