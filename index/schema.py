"""The index schema and the plain document it indexes.

Bump ``SCHEMA_VERSION`` whenever a field or the analysis changes: an index written under
another version is rebuilt from the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh.analysis import Token, Tokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, TEXT, Schema

from .analysis import GramAnalyzer, WordAnalyzer
from .folding import fold

SCHEMA_VERSION = 1
VALUE_SEPARATOR = "\x1f"
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


class ValueTokenizer(Tokenizer):
    """Splits a facet field on VALUE_SEPARATOR; each folded value is one term."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):  # noqa: PLR0913
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for n, part in enumerate(p for p in value.split(VALUE_SEPARATOR) if p.strip()):
            t.text = fold(part.strip())
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + n
            yield t


def ValueAnalyzer() -> ValueTokenizer:  # noqa: N802 (Whoosh naming convention)
    """Analyzer for the company, topic and author fields."""
    return ValueTokenizer()


def build_schema() -> Schema:
    """The Whoosh schema: word fields rank, gram fields recall, columns feed facets."""
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=WordAnalyzer(), phrase=True, field_boost=TITLE_BOOST),
        title_g=TEXT(analyzer=GramAnalyzer(), phrase=True, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=WordAnalyzer(), phrase=True),
        body_g=TEXT(analyzer=GramAnalyzer(), phrase=True),
        author=KEYWORD(analyzer=ValueAnalyzer(), scorable=False),
        company=KEYWORD(analyzer=ValueAnalyzer(), scorable=False),
        topic=KEYWORD(analyzer=ValueAnalyzer(), scorable=False),
        year=NUMERIC(int, bits=32, signed=False),
        # Columns read per document for facets and date sorting.
        aid_c=NUMERIC(int, bits=64, signed=False, sortable=True),
        year_c=NUMERIC(int, bits=32, signed=False, sortable=True),
        date_c=ID(sortable=True),
        company_c=COLUMN(VarBytesColumn()),
        topic_c=COLUMN(VarBytesColumn()),
    )


def to_fields(doc: IndexDocument) -> dict:
    """The Whoosh field values of ``doc``."""
    companies = VALUE_SEPARATOR.join(c.replace(VALUE_SEPARATOR, " ") for c in doc.companies)
    topics = VALUE_SEPARATOR.join(t.replace(VALUE_SEPARATOR, " ") for t in doc.topics)
    return {
        "id": str(doc.id),
        "title": doc.title,
        "title_g": doc.title,
        "body": doc.body,
        "body_g": doc.body,
        "author": VALUE_SEPARATOR.join(doc.authors),
        "company": companies,
        "topic": topics,
        "year": doc.year or 0,
        "aid_c": doc.id,
        "year_c": doc.year or 0,
        "date_c": doc.date or "",
        "company_c": companies.encode("utf-8"),
        "topic_c": topics.encode("utf-8"),
    }
