"""Markdown (CommonMark): a heading per article, its metadata as a list, the body."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import BinaryIO

from ..document import Article
from .base import (
    ExportContext,
    Format,
    body_blocks,
    document_labels,
    labels,
    meta_rows,
    register,
    xml_safe,
)
from .citation import citation

# Inline characters that would start emphasis, links, code, HTML or tables.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# Line starts that would make a heading, quote, list, rule or setext underline.
_LINE_START = re.compile(r"^([#>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def escape(text: str) -> str:
    """Text shown literally by any CommonMark renderer (line breaks kept as hard breaks)."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line.strip(" \t"))
        line = _LINE_START.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\\\n".join(part for part in lines if part)


def article_markdown(article: Article, with_citation: bool = True) -> str:
    """One article as Markdown."""
    lab = labels(article)
    colon = "：" if lab["authors"] == "作者" else ": "
    out: list[str] = []
    if article.kicker:
        out.append(f"*{escape(article.kicker)}*")
    out.append(f"# {escape(' '.join((article.title or f'#{article.id}').split()))}")
    if article.subtitle:
        out.append(f"*{escape(article.subtitle)}*")
    meta = meta_rows(article)
    if meta:
        out.append("\n".join(f"- **{k}**{colon}{escape(v)}" for k, v in meta))
    for block in body_blocks(article):
        if block.kind == "heading":
            out.append(f"## {escape(' '.join(block.text.split()))}")
        elif block.kind in ("subtitle", "kicker"):
            out.append(f"*{escape(block.text)}*")
        elif block.kind == "caption":
            out.append(f"*{lab['caption']}{colon}{escape(block.text)}*")
        else:
            out.append(escape(block.text))
    if with_citation:
        out.append(f"> **{lab['citation']}**{colon}{escape(citation(article))}")
    return "\n\n".join(out) + "\n"


def write_markdown(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    if ctx.options.toc and len(articles) > 1:
        lab = document_labels(articles)
        lines = [f"**{lab['contents']}**", ""]
        lines += [f"{i}. {escape(' '.join(a.title.split()))}" for i, a in enumerate(articles, 1)]
        fh.write(("\n".join(lines) + "\n\n---\n\n").encode("utf-8"))
    for i, article in enumerate(articles):
        ctx.step(article.title)
        if i:
            fh.write(b"\n---\n\n")
        fh.write(xml_safe(article_markdown(article, ctx.options.citation)).encode("utf-8"))


register(Format("md", "Markdown (.md)", "md", write_markdown,
                description="CommonMark text with headings"))
