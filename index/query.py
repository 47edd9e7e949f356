"""The query language: parse a user's query into a small tree and the terms to highlight.

Syntax: words (each must occur), "phrases", AND / OR / NOT, -word, parentheses,
field:value (title:, author:, company:, topic:, year:2021 or year:2021..2023 or
year:unknown), prefix*. Any CJK string matches wherever it occurs in the text, however a
segmenter would cut it. Latin words match whole words, case-folded, in their singular
and plural forms (``battery`` also finds "batteries"); ``word*`` matches words starting
with it.

``parse_query(text, split=True)`` is the fallback for unspaced Chinese that is not found
as typed: each unquoted CJK word of three or more characters is cut into its words
(rjieba), which must all occur, closer together ranking higher (``And.near``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .cjk import is_gram_char
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
    # other word forms (plural or singular) whose occurrences count as this term's
    variants: list[list[tuple[int, bool]]] = dataclasses.field(default_factory=list)


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
    near: bool = False  # the words of one unspaced query word: rank by their proximity


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
    splits: list[tuple[str, list[str]]] = field(default_factory=list)  # (word, its words)
    shown: str = ""  # the query as searched: the typed one, or with split words spaced

    @property
    def fallback(self) -> str | None:
        """The spaced query when unspaced words were split (``split=True``), else None."""
        return self.shown if self.splits else None


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
    def __init__(self, toks: list[_Tok], resolve: Resolver | None, split: bool = False):
        self.toks = toks
        self.i = 0
        self.resolve = resolve
        self.split = split
        self.splits: list[tuple[str, list[str]]] = []
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
        tok = self.peek()
        if tok is not None:
            raise QueryError("Unbalanced parenthesis: “)” without “(”." if tok.kind == ")"
                             else "Cannot read the end of the query.")
        return q

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR", "AND"):
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
                nxt = self.peek()
                if nxt is None or nxt.kind in (")", "OR", "AND"):
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
        # A trailing * asks for a prefix (of a Latin word; CJK matches any substring anyway).
        star = prefix and typed.endswith("*") and len(typed.rstrip("*")) > 0
        raw = typed.rstrip("*") if star else typed
        field_name = fields[0] if len(fields) == 1 else None
        grams = query_grams(raw, prefix=star)
        if not grams:
            raise QueryError(f"“{typed}” has no letters, digits or characters to search for.")
        if self.split and prefix and not star and not self.negated:
            words = split_words(raw)
            if len(words) >= 2:
                self.splits.append((raw, words))
                parts = [self.text_query(w, fields, prefix=False) for w in words]
                return And(parts, near=True)
        folded = fold(raw)
        self.note(raw, folded + "*" if star else folded)
        others = [] if star else word_forms(folded)[1:]
        if not self.negated:
            self.highlights.extend(others)
        variants = [g for g in (query_grams(f) for f in others) if g]
        return Text(raw, grams, field_name, variants)

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


_LATIN_WORD_RE = re.compile(r"^[a-z]+$")
_SIBILANT = ("s", "x", "z", "ch", "sh")


def word_forms(word: str) -> list[str]:
    """Singular and plural forms of a folded Latin word (``word`` itself first).

    Simple English rules, no dictionary: -s, -es after a sibilant, -ies after a consonant
    and y; words under three letters, words with digits and CJK are kept as they are.
    """
    if not _LATIN_WORD_RE.match(word) or len(word) < 3:
        return [word]
    base = word  # the singular; a word of three letters is taken as one (gas, bus, yes)
    if len(word) > 3:
        if word.endswith("ies") and len(word) > 4:
            base = word[:-3] + "y"
        elif word.endswith("es") and word[:-2].endswith(_SIBILANT):
            base = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            base = word[:-1]
    forms = [base]
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        forms.append(base[:-1] + "ies")
    elif base.endswith(_SIBILANT):
        forms.append(base + "es")
    else:
        forms.append(base + "s")
    return [word] + [f for f in forms if f != word]


def split_words(typed: str) -> list[str]:
    """The words of an unspaced CJK query word (as typed), or ``[typed]`` if it is one word.

    Only words of three or more characters that are all CJK are split, and only into
    words of two or more characters (a lone character is more often a typo, 智能网连, than
    a word); stop words (的, 和 …) are left out.
    """
    if len(typed) < 3 or not all(is_gram_char(ch) for ch in typed):
        return [typed]
    from .analysis import STOP_WORDS, segment

    folded = fold(typed)
    words, pos = [], 0
    for piece in segment(folded):
        words.append(typed[pos:pos + len(piece)])
        pos += len(piece)
    kept = [w for w in words if fold(w) not in STOP_WORDS]
    if len(kept) < 2 or any(len(w) < 2 for w in kept):
        return [typed]
    return kept


def parse_query(text: str, resolve: Resolver | None = None, split: bool = False) -> ParsedQuery:
    """Parse ``text``; raise QueryError with a clear message when it is malformed.

    With ``split`` unspaced CJK words are searched as their words (see the module note).
    """
    text = text.strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is too long ({len(text):,} characters; the limit is {MAX_QUERY_CHARS:,})."
        )
    parser = _Parser(_lex(text), resolve, split)
    root = parser.parse()
    shown = text
    for typed, words in parser.splits:
        shown = shown.replace(typed, " ".join(words), 1)
    return ParsedQuery(root, parser.highlights, parser.text_terms, parser.splits, shown)
