"""Keyword in context: every occurrence of a query in a result set, aligned on the hit.

Rows are computed article by article in result order, so the first screens come at once
and the rest is fetched as the reader scrolls (``KwicStream.more``); the stream stops at a
cap and says so. Hits are located with the search engine's folding (``find_spans``), so a
traditional query finds simplified text and the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.folding import fold
from index.snippets import find_spans

from .document import Article

DEFAULT_WIDTH = 30  # characters of context each side
PART_ROWS = 200  # an article with more rows than a screen needs gives this many a call
DEFAULT_CAP = 10_000  # rows at most
BATCH = 50  # articles read from SQLite at a time, at most
FIRST_PAGE = 12  # ids a search hands over at once: the first screen's reads (4, then 8)
FIRST_BATCH = 4  # the first read of a call is this small: a first screen needs few articles
SORTS = ("result", "left", "right", "date", "article")


@dataclass
class KwicRow:
    """One occurrence: its article, the context left and right, and where it is."""

    id: int
    title: str
    date: str | None
    left: str
    hit: str
    right: str
    start: int  # offset of the hit in the article's text
    rank: int  # position in result order (article, then offset)

    def to_dict(self) -> dict:
        return {"id": self.id, "date": self.date, "left": self.left, "hit": self.hit,
                "right": self.right}


_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    """Runs of white space (line breaks included) as one space: a row is one line."""
    return _SPACE.sub(" ", text)


def article_rows(article: Article, terms: list[str], width: int, rank: int,
                 limit: int, skip: int = 0) -> list[KwicRow]:
    """The concordance rows of one article (at most ``limit``, after its first ``skip``),
    in text order."""
    text = kwic_text(article)
    rows = []
    for n, (s, e) in enumerate(find_spans(text, terms, limit=skip + limit)[skip:]):
        left = _flat(text[max(0, s - width * 2):s])[-width:]
        right = _flat(text[e:e + width * 2])[:width]
        rows.append(KwicRow(article.id, article.title, article.date, left,
                            _flat(text[s:e]), right, s, rank + n))
    return rows


def kwic_text(article: Article) -> str:
    """The text a concordance reads: the headline, then the article's plain text."""
    if article.text.lstrip().startswith(article.title):
        return article.text
    return f"{article.title}\n{article.text}"


def sort_key(how: str) -> Callable[[KwicRow], tuple]:
    """A key for ``sorted``: ``left`` reads leftwards from the hit, ``right`` rightwards,
    ``date`` oldest first (undated last), ``article`` by headline then offset, ``result``
    in result order."""
    if how == "left":
        return lambda r: (fold(r.left)[::-1], fold(r.hit), r.rank)
    if how == "right":
        return lambda r: (fold(r.hit), fold(r.right), r.rank)
    if how == "date":
        return lambda r: (r.date is None, r.date or "", r.rank)
    if how == "article":
        return lambda r: (fold(r.title), r.id, r.start)
    if how == "result":
        return lambda r: (r.rank,)
    raise ValueError(f"unknown sort {how!r}; choose one of {', '.join(SORTS)}")


class ResultOrder(Sequence[int]):
    """A result's article ids in order: the first page's at once, the whole order (a sort
    of every hit) worked out only when reading goes past them."""

    def __init__(self, first: list[int], total: int, order: Callable[[], list[int]]):
        self._first, self._total, self._order = list(first), total, order
        self._all: list[int] | None = None

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, key):
        if (isinstance(key, slice) and key.step is None and 0 <= (key.start or 0)
                and key.stop is not None and key.stop <= len(self._first)):
            return self._first[key]
        if self._all is None:
            self._all = list(self._order())
        return self._all[key]


@dataclass
class KwicStream:
    """The concordance of a result set, computed on demand in result order."""

    query: str
    ids: Sequence[int]
    terms: list[str]
    fetch: Callable[[list[int]], dict[int, Article]]
    width: int = DEFAULT_WIDTH
    cap: int = DEFAULT_CAP
    rows: list[KwicRow] = field(default_factory=list)
    scanned: int = 0  # articles read so far
    taken: int = 0  # rows already read from the article at ``scanned`` (read in parts)
    capped: bool = False

    @property
    def articles(self) -> int:
        """Articles in the result set."""
        return len(self.ids)

    @property
    def done(self) -> bool:
        return self.capped or self.scanned >= len(self.ids)

    def more(self, min_rows: int = 100, max_articles: int = 1000) -> list[KwicRow]:
        """Read on until at least ``min_rows`` new rows (or ``max_articles`` articles, or
        the end, or the cap); return the new rows (also appended to ``rows``)."""
        new: list[KwicRow] = []
        read = 0
        while not self.done and len(new) < min_rows and read < max_articles:
            size = min(BATCH, max(FIRST_BATCH, 2 * read), max_articles - read)  # grows
            chunk = self.ids[self.scanned:self.scanned + size]
            found = self.fetch(list(chunk))
            for aid in chunk:
                article = found.get(aid)
                if article is not None:
                    room = self.cap - len(self.rows) - len(new)
                    want = min(room, max(min_rows - len(new), PART_ROWS))
                    got = article_rows(article, self.terms, self.width,
                                       len(self.rows) + len(new), want + 1, skip=self.taken)
                    partial = len(got) > want
                    got = got[:want]
                    new.extend(got)
                    self.taken += len(got)
                    if partial and want == room:
                        self.capped = True
                    elif partial:
                        break  # a long article (a book): its other rows on the next call
                self.scanned += 1
                read += 1
                self.taken = 0
                if self.capped:
                    break
        self.rows.extend(new)
        return new

    def all(self) -> list[KwicRow]:
        """Every row up to the cap."""
        while not self.done:
            self.more(min_rows=self.cap, max_articles=len(self.ids))
        return self.rows

    def to_dict(self, rows: list[KwicRow] | None = None) -> dict:
        rows = self.rows if rows is None else rows
        return {"query": self.query, "total": len(rows), "capped": self.capped,
                "articles": self.articles, "rows": [r.to_dict() for r in rows]}
