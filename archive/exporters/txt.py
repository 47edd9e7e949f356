"""Plain text: UTF-8, one blank line between paragraphs, a rule between articles."""

from __future__ import annotations

import unicodedata
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

RULE = "=" * 60


def display_width(text: str) -> int:
    """Columns the text takes in a terminal or a monospaced editor (CJK counts double)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text else text


def article_text(article: Article, with_citation: bool = True) -> str:
    """One article as plain text."""
    lab = labels(article)
    colon = "：" if lab["authors"] == "作者" else ": "
    lines: list[str] = []
    if article.kicker:
        lines.append(_one_line(article.kicker))
    title = _one_line(article.title or f"#{article.id}")
    lines += [title, "=" * max(4, min(display_width(title), 60))]
    if article.subtitle:
        lines.append(_one_line(article.subtitle))
    lines.append("")
    lines += [f"{k}{colon}{v}" for k, v in meta_rows(article)]
    for block in body_blocks(article):
        lines.append("")
        if block.kind == "heading":
            lines += [block.text, "-" * max(4, min(display_width(block.text), 60))]
        elif block.kind == "caption":
            lines.append(f"[{lab['caption']}] {block.text}")
        else:
            lines.append(block.text)
    if with_citation:
        lines += ["", f"{lab['citation']}{colon}{citation(article)}"]
    return "\n".join(lines) + "\n"


def write_txt(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    if ctx.options.toc and len(articles) > 1:
        lab = document_labels(articles)
        toc = [lab["contents"], ""]
        toc += [f"{i}. {_one_line(a.title)}" for i, a in enumerate(articles, 1)]
        fh.write(("\n".join(toc) + "\n\n" + RULE + "\n\n").encode("utf-8"))
    for i, article in enumerate(articles):
        ctx.step(article.title)
        if i:
            fh.write(f"\n{RULE}\n\n".encode())
        fh.write(xml_safe(article_text(article, ctx.options.citation)).encode("utf-8"))


register(Format("txt", "Plain text (.txt)", "txt", write_txt,
                description="UTF-8 text, one article after another"))
