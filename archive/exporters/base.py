"""What every exporter shares: options, errors, the registry and the per-export context.

An exporter is a module that registers a :class:`Format`. Document formats (PDF, DOCX,
HTML, Markdown, TXT) write *one document* holding the articles they are given to a binary
stream; the ZIP bundle reuses them to write one document per article. Table formats (CSV,
JSON) write one row or object per article.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from ..document import Article, Block

Progress = Callable[[int, int, str], None]
OriginalOf = Callable[[Article], "Path | None"]


class ExportError(Exception):
    """An export that cannot be done, told in one line (unknown id, unwritable folder...)."""


class UnknownArticles(ExportError):
    """Some requested article ids are not in the archive."""

    def __init__(self, ids: list[int]):
        self.ids = ids
        shown = ", ".join(str(i) for i in ids[:10]) + (" ..." if len(ids) > 10 else "")
        super().__init__(f"no article with id {shown}" if len(ids) == 1
                         else f"no articles with ids {shown}")


class ExportCancelled(ExportError):
    """The user cancelled; nothing was left at the destination."""

    def __init__(self) -> None:
        super().__init__("export cancelled")


@dataclass
class ExportOptions:
    """What a person can choose in the export dialog or on the command line."""

    full_text: bool = False  # CSV/JSON: add the article text
    toc: bool = True  # documents with several articles: a table of contents first
    bundle_format: str = "md"  # ZIP: the document format of each article
    split: bool = False  # documents: one file per article in the destination folder
    citation: bool = True  # documents: a GB/T 7714 citation under each article
    title: str | None = None  # the document title (default: the headline or "N articles")


@dataclass
class Format:
    """One export format: its name, file extension, and how it writes."""

    name: str  # the key: pdf, docx, html, md, txt, csv, json, zip
    label: str  # shown in the dialog
    extension: str  # without the dot
    write: Callable[[Sequence[Article], BinaryIO, ExportContext], None]
    document: bool = True  # one document of articles (can be split or bundled)
    description: str = ""


REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    REGISTRY[fmt.name] = fmt
    return fmt


@dataclass
class ExportContext:
    """Options plus progress and cancel, handed to a format's writer."""

    options: ExportOptions
    original_of: OriginalOf = lambda _a: None
    progress: Progress | None = None
    cancel: threading.Event | None = None
    total: int = 0
    done: int = 0
    extra: dict = field(default_factory=dict)

    def check(self) -> None:
        """Raise ExportCancelled when the user has asked to stop."""
        if self.cancel is not None and self.cancel.is_set():
            raise ExportCancelled()

    def step(self, current: str = "", advance: int = 1) -> None:
        """One unit of work is about to start (or finished): check cancel, report."""
        self.check()
        self.done = min(self.done + advance, self.total)
        self.report(current)

    def report(self, current: str = "") -> None:
        if self.progress is not None:
            self.progress(self.done, self.total, current)

    def quiet(self) -> ExportContext:
        """The same options and cancel, without progress (for nested writers)."""
        return ExportContext(self.options, self.original_of, None, self.cancel, 0, 0, self.extra)


class LazyArticles(Sequence[Article]):
    """Articles loaded from the archive in chunks as they are read, so a large export
    never holds every article text in memory at once."""

    CHUNK = 200

    def __init__(self, ids: list[int], load: Callable[[list[int]], dict[int, Article]]):
        self.ids = list(ids)
        self._load = load
        self._cache: dict[int, Article] = {}
        self._chunk_start = -1

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.ids)
        start = index - index % self.CHUNK
        if start != self._chunk_start:
            chunk = self.ids[start : start + self.CHUNK]
            self._cache = self._load(chunk)
            self._chunk_start = start
        article = self._cache.get(self.ids[index])
        if article is None:
            raise UnknownArticles([self.ids[index]])
        return article

    def __iter__(self) -> Iterator[Article]:
        for i in range(len(self.ids)):
            yield self[i]


# ----- helpers for document writers ------------------------------------------------------

# Characters XML 1.0 forbids (DOCX is XML): C0 controls but tab/newline, lone surrogates,
# U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def xml_safe_article(article: Article) -> Article:
    """A copy of the article whose every string can go into an XML document."""
    return replace(
        article,
        title=xml_safe(article.title), text=xml_safe(article.text),
        subtitle=xml_safe(article.subtitle) or None, kicker=xml_safe(article.kicker) or None,
        authors=[xml_safe(a) for a in article.authors],
        companies=[xml_safe(c) for c in article.companies],
        topics=[xml_safe(t) for t in article.topics],
        blocks=[Block(b.kind, xml_safe(b.text)) for b in article.blocks],
        source_name=xml_safe(article.source_name) or None,
        date=xml_safe(article.date) or None,
        collections=[xml_safe(c) for c in article.collections],
        tags=[xml_safe(t) for t in article.tags], note=xml_safe(article.note),
    )


LABELS = {
    "zh": {
        "authors": "作者", "date": "日期", "companies": "公司", "topics": "主题",
        "source": "来源文件", "citation": "引用", "contents": "目录", "caption": "图",
        "articles": "篇文章", "page": "第 {n} 页 / 共 {total} 页", "id": "编号",
        "collections": "收藏集", "tags": "标签", "note": "笔记",
    },
    "en": {
        "authors": "Authors", "date": "Date", "companies": "Companies", "topics": "Topics",
        "source": "Source file", "citation": "Cite as", "contents": "Contents",
        "caption": "Caption", "articles": "articles", "page": "Page {n} of {total}", "id": "ID",
        "collections": "Collections", "tags": "Tags", "note": "Note",
    },
}


def labels(article: Article | None) -> dict[str, str]:
    """Field labels in the article's language (Chinese unless it is English)."""
    lang = (article.language if article else "zh") or "zh"
    return LABELS["en" if lang.startswith("en") else "zh"]


def document_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Labels for what belongs to the whole document (contents, page numbers)."""
    if len(articles) and all((a.language or "").startswith("en") for a in articles[:50]):
        return LABELS["en"]
    return LABELS["zh"]


def meta_rows(article: Article) -> list[tuple[str, str]]:
    """The metadata lines shown on top of an article: (label, value), empty ones left out."""
    lab = labels(article)
    sep = "、" if lab is LABELS["zh"] else ", "
    rows = [
        (lab["authors"], sep.join(article.authors)),
        (lab["date"], article.date or ""),
        (lab["companies"], sep.join(article.companies)),
        (lab["topics"], sep.join(article.topics)),
        (lab["source"], article.source_name or ""),
        (lab["collections"], sep.join(article.collections)),
        (lab["tags"], sep.join(article.tags)),
        (lab["note"], " / ".join(line.strip() for line in article.note.splitlines()
                                 if line.strip())),
    ]
    return [(k, v) for k, v in rows if v]


BODY_KINDS = ("heading", "paragraph", "caption", "byline", "subtitle", "kicker")


def body_blocks(article: Article) -> list[Block]:
    """The body in reading order, without what the header already shows.

    The header shows the kicker, headline and subtitle fields, so blocks repeating them are
    left out (a second subtitle or kicker line stays); a byline block is left out when the
    authors line names the same people.
    """
    blocks = article.blocks or [Block("paragraph", p.strip())
                                for p in article.text.split("\n") if p.strip()]
    shown = {
        "kicker": article.kicker or "",
        "title": article.title or "",
        "subtitle": article.subtitle or "",
    }
    out: list[Block] = []
    started = False
    for b in blocks:
        text = b.text.strip()
        if not text:
            continue
        if b.kind in shown and text in shown[b.kind]:
            continue
        if b.kind == "title" and not started:
            continue  # a second headline line above the body is part of the headline
        if not started and b.kind == "paragraph" and text == shown["title"]:
            continue
        if b.kind == "byline" and article.authors and all(a in text for a in article.authors):
            continue
        started = True
        kind = {"title": "heading"}.get(b.kind, b.kind)
        kind = kind if kind in BODY_KINDS else "paragraph"
        out.append(Block(kind, text))
    return out


def document_title(articles: Sequence[Article], options: ExportOptions) -> str:
    if options.title:
        return options.title
    if len(articles) == 1:
        return articles[0].title or f"#{articles[0].id}"
    return f"{len(articles)} {document_labels(articles)['articles']}"
