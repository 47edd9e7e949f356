"""The query language: parse a user's query into a small tree and the terms to highlight.

Syntax: words (each must occur), "phrases", AND / OR / NOT, -word, parentheses,
field:value (title:, author:, company:, topic:, year:2021 or year:2021..2023 or
year:unknown), prefix*. Any CJK string matches wherever it occurs in the text, however a
segmenter would cut it; English words match case-insensitively as substrings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .folding import fold
from .grams import query_grams

FIELDS = ("title", "author", "company", "topic", "year", "body")
_TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<lparen>\() | (?P<rparen>\)) |
        (?P<field>[A-Za-z]+):(?:"(?P<fphrase>[^"]*)"?|(?P<fvalue>[^\s()"]*)) |
        "(?P<phrase>[^"]*)("|$) |
        (?P<minus>-)(?=[^\s-]) |
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
_YEAR_RE = re.compile(r"^(\d{4})?(?:\.\.(\d{4})?)?$")
MAX_QUERY_CHARS = 1000  # a query longer than this is refused (parsing, grams and scoring grow with it)
MAX_DEPTH = 32  # parentheses and NOTs nested deeper than this are refused (parsing recurses)


class QueryError(ValueError):
    """A query that cannot be understood; the message says why, for the user."""


@dataclass
class Text:
    """A string that must occur (in ``field``, or in title or body when None)."""

    typed: str
    grams: list[tuple[int, bool]]
    field: str | None = None


@dataclass
class Values:
    """A facet field (company, topic, author) having one of ``values``."""

    field: str
    values: list[str]


@dataclass
class YearRange:
    """Publication year between ``low`` and ``high`` (inclusive); 0..0 is unknown."""

    low: int | None
    high: int | None


@dataclass
class Every:
    """Matches every document."""


@dataclass
class And:
    must: list
    must_not: list = field(default_factory=list)


@dataclass
class Or:
    should: list


Node = Text | Values | YearRange | Every | And | Or


@dataclass
class ParsedQuery:
    """A parsed query: what to match and which strings to highlight."""

    root: Node | None  # None: match everything
    highlights: list[str] = field(default_factory=list)  # folded strings
    text_terms: list[str] = field(default_factory=list)  # positive free-text terms, as typed


Resolver = Callable[[str, str], list[str]]  # (field, value) -> facet values


@dataclass
class _Tok:
    kind: str
    value: str = ""
    field: str = ""


def _lex(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError(f"Cannot read the query near “{text[pos:pos + 10]}”.")
        pos = m.end()
        if m.group("lparen"):
            toks.append(_Tok("("))
        elif m.group("rparen"):
            toks.append(_Tok(")"))
        elif m.group("field"):
            name = m.group("field").lower()
            if name not in FIELDS:
                raise QueryError(
                    f"Unknown field “{name}:”; use one of: {', '.join(f + ':' for f in FIELDS)}."
                )
            value = m.group("fphrase") if m.group("fphrase") is not None else m.group("fvalue")
            toks.append(_Tok("field", value or "", name))
        elif m.group("phrase") is not None:
            toks.append(_Tok("phrase", m.group("phrase")))
        elif m.group("minus"):
            toks.append(_Tok("NOT"))
        else:
            word = m.group("word")
            if word in ("AND", "OR", "NOT"):
                toks.append(_Tok(word))
            elif word in ("&&", "||"):
                toks.append(_Tok("AND" if word == "&&" else "OR"))
            else:
                toks.append(_Tok("word", word))
    return toks


class _Parser:
    def __init__(self, toks: list[_Tok], resolve: Resolver | None):
        self.toks = toks
        self.i = 0
        self.resolve = resolve
        self.highlights: list[str] = []
        self.text_terms: list[str] = []
        self.negated = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        if not self.toks:
            return None
        q = self.or_expr()
        if self.peek() is not None:
            tok = self.peek()
            raise QueryError("Unbalanced parenthesis: “)” without “(”." if tok.kind == ")"
                             else "Cannot read the end of the query.")
        return q

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while self.peek() is not None and self.peek().kind == "OR":
            self.take()
            if self.peek() is None or self.peek().kind in (")", "OR", "AND"):
                raise QueryError("OR needs a term on both sides.")
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Or(parts)

    def and_expr(self) -> Node:
        positives: list[Node] = []
        negatives: list[Node] = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind in (")", "OR"):
                break
            if tok.kind == "AND":
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in (")", "OR", "AND") or not (positives or negatives):
                    raise QueryError("AND needs a term on both sides.")
                continue
            if tok.kind == "NOT":
                self.take()
                if self.peek() is None or self.peek().kind in (")", "OR", "AND"):
                    raise QueryError("NOT (or -) needs a term after it.")
                self.negated += 1
                if self.negated > MAX_DEPTH:
                    raise QueryError(f"The query nests NOT more than {MAX_DEPTH} deep.")
                negatives.append(self.unary())
                self.negated -= 1
            else:
                positives.append(self.unary())
        if not positives and not negatives:
            raise QueryError("Empty group in the query.")
        if len(positives) == 1 and not negatives:
            return positives[0]
        return And(positives or [Every()], negatives)

    def unary(self) -> Node:
        tok = self.take()
        if tok.kind == "(":
            if self.peek() is None:
                raise QueryError("Unbalanced parenthesis: “(” without “)”.")
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"The query nests parentheses more than {MAX_DEPTH} deep.")
            q = self.or_expr()
            self.depth -= 1
            if self.peek() is None or self.take().kind != ")":
                raise QueryError("Unbalanced parenthesis: “(” without “)”.")
            return q
        if tok.kind == ")":
            raise QueryError("Unbalanced parenthesis: “)” without “(”.")
        if tok.kind == "field":
            return self.field_query(tok.field, tok.value)
        if tok.kind in ("word", "phrase"):
            return self.text_query(tok.value, ("title", "body"), prefix=tok.kind == "word")
        raise QueryError(f"Unexpected “{tok.kind}” in the query.")

    def note(self, typed: str, folded: str) -> None:
        if not self.negated:
            self.highlights.append(folded)
            self.text_terms.append(typed)

    def text_query(self, typed: str, fields: tuple[str, ...], prefix: bool) -> Node:
        # A trailing * asks for a prefix; substring matching already finds every prefix.
        raw = typed.rstrip("*") if prefix and typed.endswith("*") and len(typed) > 1 else typed
        grams = query_grams(raw)
        if not grams:
            raise QueryError(f"“{typed}” has no letters, digits or characters to search for.")
        self.note(raw, fold(raw))
        return Text(raw, grams, fields[0] if len(fields) == 1 else None)

    def field_query(self, name: str, value: str) -> Node:
        if not value.strip():
            raise QueryError(f"“{name}:” needs a value.")
        if name in ("title", "body"):
            return self.text_query(value, (name,), prefix=True)
        if name == "year":
            return _year_query(value)
        values = self.resolve(name, value) if self.resolve else []
        return Values(name, values or [value])


def _year_query(value: str) -> YearRange:
    if value.lower() in ("unknown", "none", "未知"):
        return YearRange(0, 0)
    m = _YEAR_RE.match(value)
    if not m or not (m.group(1) or m.group(2)):
        raise QueryError(f"“year:{value}” is not a year or a range like year:2021..2023.")
    low = int(m.group(1)) if m.group(1) else None
    if ".." not in value:
        return YearRange(low, low)
    high = int(m.group(2)) if m.group(2) else None
    if low and high and low > high:
        raise QueryError(f"“year:{value}”: the range starts after it ends.")
    return YearRange(low or 1, high)


def parse_query(text: str, resolve: Resolver | None = None) -> ParsedQuery:
    """Parse ``text``; raise QueryError with a clear message when it is malformed."""
    text = text.strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is too long ({len(text):,} characters; the limit is {MAX_QUERY_CHARS:,})."
        )
    parser = _Parser(_lex(text), resolve)
    root = parser.parse()
    return ParsedQuery(root, parser.highlights, parser.text_terms)
