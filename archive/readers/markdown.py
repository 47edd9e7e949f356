"""Markdown: the text as written, minus the markup (markdown-it-py, CommonMark + tables).

``# `` (or a ``===`` underline) is the headline (``title_hint``), ``## ``-``###### `` are
``heading_hints``, a paragraph that is all emphasis (``*…*``) is a photo caption
(``caption_hints``). Links keep their text, images and raw HTML tags are dropped, list
markers and quote marks go; a soft line break inside a paragraph joins the lines (with no
space between Chinese characters), so each paragraph is one line. YAML front matter
(``title:``, ``date:``, ``author:``) becomes hints and is not part of the text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from archive.document import RawDocument
from archive.readers.base import ReadContext, Reader, ReadError, ReadResult, register
from archive.readers.html import iso_date
from archive.readers.textcodec import decode_mixed
from archive.readers.textutil import collapse_ws, tidy_lines
from index.cjk import WIDE_CLASS

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CJK = re.compile(f"[{WIDE_CLASS}]")
# CommonMark's flanking rules leave "**“重点”**内容" unparsed (punctuation next to a CJK
# letter) and then pair the asterisks wrongly; such emphasis is rewritten as inline HTML
# tags before parsing, which the parser keeps apart and the text drops.
_CJK_PUNCT = "“”‘’（）《》「」『』【】。，、；：！？…—"
_CJK_STRONG = re.compile(rf"(\*\*|__)(?=[{_CJK_PUNCT}])(.+?)(?<=[{_CJK_PUNCT}])\1")
_CJK_EM = re.compile(rf"(?<!\*)\*(?=[{_CJK_PUNCT}])([^*\n]+?)(?<=[{_CJK_PUNCT}])\*(?!\*)")

_md: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        _md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return _md


def _inline_text(token: Token) -> tuple[str, bool]:
    """(plain text, True when the whole paragraph is emphasis) of an inline token."""
    parts: list[str] = []
    em_depth = 0
    outside_em = False
    saw_em = False
    for child in token.children or []:
        kind = child.type
        # Italics only: a bold paragraph is more often a subheading than a caption.
        if kind == "em_open":
            em_depth += 1
            saw_em = True
        elif kind == "em_close":
            em_depth -= 1
        elif kind in ("text", "code_inline"):
            content = child.content
            parts.append(content)
            if content.strip() and em_depth == 0:
                outside_em = True
        elif kind == "softbreak":
            parts.append("\x00")  # decided below, once both neighbours are known
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "html_inline":
            tag = child.content.lower()
            if tag == "<em>":
                em_depth += 1
                saw_em = True
            elif tag == "</em>":
                em_depth -= 1
    text = "".join(parts)
    # A soft break joins lines: nothing between CJK characters, a space otherwise.
    out: list[str] = []
    for i, piece in enumerate(text.split("\x00")):
        if i:
            prev, nxt = out[-1][-1:] if out else "", piece[:1]
            if not (prev and nxt and _CJK.match(prev) and _CJK.match(nxt)):
                out.append(" ")
        out.append(piece.strip() if i else piece.rstrip())
    joined = "".join(out)
    lines = [line.strip() for line in joined.split("\n")]
    all_em = not outside_em and saw_em
    return "\n".join(lines), all_em


def _cjk_emphasis(source: str) -> str:
    """``**“重点”**`` -> ``<strong>“重点”</strong>`` outside code (see ``_CJK_STRONG``)."""
    if "*" not in source and "__" not in source:
        return source
    out = []
    fenced = False
    for line in source.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and "`" not in line and not line.startswith("    "):
            line = _CJK_STRONG.sub(r"<strong>\2</strong>", line)
            line = _CJK_EM.sub(r"<em>\1</em>", line)
        out.append(line)
    return "\n".join(out)


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    if not fields:
        return text, {}
    return text[m.end() :], fields


def markdown_document(text: str) -> RawDocument:
    """The article in a Markdown text (already decoded)."""
    body, fields = _front_matter(text)
    tokens = _parser().parse(_cjk_emphasis(body))
    lines: list[str] = []
    title: str | None = None
    headings: list[str] = []
    captions: list[str] = []
    heading_level = 0
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1])
        elif tok.type == "heading_close":
            heading_level = 0
        elif tok.type == "inline":
            plain, all_em = _inline_text(tok)
            if not plain.strip():
                continue
            if heading_level:
                flat = collapse_ws(plain)
                if heading_level == 1 and title is None:
                    title = flat
                else:
                    headings.append(flat)
                lines.append(flat)
            else:
                in_para = i > 0 and tokens[i - 1].type == "paragraph_open"
                if all_em and in_para and "\n" not in plain:
                    captions.append(plain)
                lines.extend(plain.split("\n"))
        elif tok.type in ("fence", "code_block"):
            lines.extend(tok.content.rstrip("\n").split("\n"))
        elif tok.type == "html_block":
            stripped = collapse_ws(_TAG.sub(" ", tok.content))
            if stripped:
                lines.append(stripped)
    author = fields.get("author") or fields.get("authors")
    return RawDocument(
        text=tidy_lines(lines),
        title_hint=title or fields.get("title") or None,
        heading_hints=headings,
        caption_hints=captions,
        author_hints=[a.strip() for a in re.split(r"[,，、;；]", author) if a.strip()]
        if author
        else [],
        date_hint=iso_date(fields.get("date")),
    )


def read_markdown(data: bytes, ctx: ReadContext) -> ReadResult:
    text, encoding, warning = decode_mixed(data)
    if len(text) > ctx.limits.max_text_chars:
        raise ReadError("The text is too long to be one article.")
    return ReadResult("md", encoding, [markdown_document(text)], [warning] if warning else [])


register(
    Reader(
        format="md",
        extensions=(".md", ".markdown", ".mdown", ".mkd"),
        read=read_markdown,
        label="Markdown file",
        sniff_order=900,
    )
)
