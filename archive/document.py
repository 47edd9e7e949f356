"""Plain data passed between readers, metadata extraction, the store and exporters.

Nothing here touches files, SQLite or the index: these are the shapes the layers agree on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds of an article's structured body, in reading order.
BLOCK_KINDS = ("kicker", "title", "subtitle", "byline", "heading", "paragraph", "caption")


@dataclass
class Block:
    """One piece of an article's body: a heading, a paragraph, a caption, ..."""

    kind: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass
class RawDocument:
    """What a format reader yields for one article, before metadata extraction.

    ``text`` is the article as written: one paragraph a line (blank lines allowed),
    line endings normalised to ``\\n``. The hints carry what the markup of the format
    told for sure (an HTML ``<h1>``, a DOCX Heading 1, an e-mail Date header); the
    metadata extractor prefers them to guesses from the text.
    """

    text: str
    title_hint: str | None = None
    heading_hints: list[str] = field(default_factory=list)
    caption_hints: list[str] = field(default_factory=list)
    author_hints: list[str] = field(default_factory=list)
    date_hint: str | None = None  # ISO date, possibly partial ("2023", "2023-10")
    # When the file says it was made (DOCX/PDF/EPUB properties): used only if the text and
    # the markup tell no date.
    metadata_date: str | None = None
    part: str | None = None  # where in the file: an EPUB chapter, a ZIP member, an attachment


@dataclass
class ArticleMeta:
    """Everything extracted from one article's text."""

    title: str
    subtitle: str | None = None
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    date: str | None = None  # ISO, possibly partial
    year: int | None = None
    date_source: str | None = None  # dateline, explicit, event, inferred, manual, hint
    language: str = "zh"
    companies: dict[str, int] = field(default_factory=dict)  # canonical name -> mentions
    topics: list[tuple[str, float]] = field(default_factory=list)  # (topic, score), best first

    @property
    def captions(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "caption"]

    @property
    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "heading"]


@dataclass
class Article:
    """An article as stored in the archive, with its metadata and provenance."""

    id: int
    title: str
    text: str
    blocks: list[Block]
    subtitle: str | None = None
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    year: int | None = None
    date_source: str | None = None
    language: str = "zh"
    companies: list[str] = field(default_factory=list)  # canonical names, most mentioned first
    topics: list[str] = field(default_factory=list)  # best first
    word_count: int = 0
    sha256: str = ""
    source_id: int | None = None
    source_name: str | None = None
    source_sha256: str | None = None
    source_format: str | None = None
    edited: bool = False
    manual_fields: list[str] = field(default_factory=list)
    duplicate_of: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    deleted_at: str | None = None  # when it was moved to the trash; None for a live article
    row_version: int = 1  # raised by every change to the row (archive/conflicts.py)
    collections: list[str] = field(default_factory=list)  # the user's (archive/organise.py)
    tags: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def captions(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "caption"]

    def to_dict(self) -> dict:
        """The article as plain JSON-ready data (the shape of ``show --json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "kicker": self.kicker,
            "authors": self.authors,
            "date": self.date,
            "year": self.year,
            "date_source": self.date_source,
            "language": self.language,
            "companies": self.companies,
            "topics": self.topics,
            "captions": self.captions,
            "blocks": [b.to_dict() for b in self.blocks],
            "word_count": self.word_count,
            "sha256": self.sha256,
            "source": {
                "id": self.source_id,
                "name": self.source_name,
                "sha256": self.source_sha256,
                "format": self.source_format,
            },
            "edited": self.edited,
            "manual_fields": self.manual_fields,
            "duplicate_of": self.duplicate_of,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "collections": self.collections,
            "tags": self.tags,
            "note": self.note,
            "text": self.text,
        }
