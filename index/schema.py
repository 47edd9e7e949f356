"""The plain document the index takes, and the schema of its Whoosh word view.

Bump ``SCHEMA_VERSION`` whenever the analysis, the gram layout or a field changes: an
index written under another version is rebuilt from the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh.fields import ID, KEYWORD, Schema

from .analysis import key_words
from .folding import fold
from .segments import SegmentDoc

SCHEMA_VERSION = 8
KEY_WORDS = 40
TITLE_BOOST = 3.0


@dataclass
class IndexDocument:
    """One article as the index sees it: texts and facet values, nothing else."""

    id: int
    title: str
    body: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    date: str | None = None  # ISO, possibly partial; sorts as text
    companies: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    words: dict | None = None  # the word-view fields, when computed ahead (see word_fields)

    def segment_doc(self) -> SegmentDoc:
        return SegmentDoc(self.id, self.title, self.body, self.year, self.date,
                          list(self.companies), list(self.topics), list(self.authors))


def build_schema() -> Schema:
    """The Whoosh word view: each article's title words and key words (segmented, folded).

    Key words, not every word: they are what "more like this" compares and "did you mean"
    draws on, and keep the view small and quick to write.
    """
    return Schema(
        id=ID(stored=True, unique=True),
        title=KEYWORD(scorable=True, field_boost=TITLE_BOOST),
        keywords=KEYWORD(scorable=True),
    )


def word_fields(title: str, body: str) -> dict:
    """The word-view fields of a text (computed ahead, e.g. in a worker process)."""
    return {
        "title": " ".join(key_words(fold(title), 20)),
        "keywords": " ".join(key_words(fold(body), KEY_WORDS)),
    }


def to_fields(doc: IndexDocument) -> dict:
    """The Whoosh field values of ``doc``."""
    return {"id": str(doc.id), **(doc.words or word_fields(doc.title, doc.body))}
