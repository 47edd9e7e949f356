"""One self-contained HTML page: UTF-8, inline styles, no scripts, nothing loaded from
anywhere (a Content-Security-Policy says so too), every piece of text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as _escape
from typing import BinaryIO

from ..document import Article
from .base import (
    ExportContext,
    Format,
    body_blocks,
    document_labels,
    document_title,
    labels,
    meta_rows,
    register,
    xml_safe,
)
from .citation import citation

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
:root { color-scheme: light dark; }
body { max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.75;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7em; line-height: 1.35; margin: .2em 0 .3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .4em; }
.kicker { color: #b03030; margin: 0; font-size: .95em; }
.subtitle { color: #555; font-size: 1.1em; margin: 0 0 .8em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em;
  color: #555; font-size: .9em; margin: .5em 0 1.5em; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
p.caption { color: #666; font-size: .9em; font-style: italic; border-left: 3px solid #ccc;
  padding-left: .6em; }
p.byline { color: #555; }
article:lang(zh) > p:not(.caption):not(.byline):not(.kicker):not(.subtitle) { text-indent: 2em; }
footer.citation { margin-top: 2em; padding-top: .5em; border-top: 1px solid #ddd;
  font-size: .85em; color: #555; }
article + article { margin-top: 4em; border-top: 2px solid #888; padding-top: 2em; }
nav.toc { margin-bottom: 3em; }
@media print { article + article { break-before: page; border-top: none; margin-top: 0; }
  nav.toc { break-after: page; } }
@media (prefers-color-scheme: dark) { .subtitle, dl.meta, p.caption, p.byline,
  footer.citation { color: #aaa; } .kicker { color: #e07070; } }
"""


def escape(text: str | None, quote: bool = True) -> str:
    """Text for HTML: markup escaped, control characters dropped."""
    return _escape(xml_safe(text), quote=quote)


def _lang(article: Article) -> str:
    return "en" if (article.language or "").startswith("en") else "zh-CN"


def article_html(article: Article, with_citation: bool = True) -> str:
    """One article as an ``<article>`` element (text escaped)."""
    lab = labels(article)
    e = lambda s: escape(s, quote=True)
    out = [f'<article id="article-{int(article.id)}" lang="{_lang(article)}">', "<header>"]
    if article.kicker:
        out.append(f'<p class="kicker">{e(article.kicker)}</p>')
    out.append(f"<h1>{e(article.title or f'#{article.id}')}</h1>")
    if article.subtitle:
        out.append(f'<p class="subtitle">{e(article.subtitle)}</p>')
    meta = meta_rows(article)
    if meta:
        out.append('<dl class="meta">')
        out += [f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in meta]
        out.append("</dl>")
    out.append("</header>")
    for block in body_blocks(article):
        text = e(block.text).replace("\n", "<br>")
        if block.kind == "heading":
            out.append(f"<h2>{text}</h2>")
        elif block.kind in ("caption", "byline", "subtitle", "kicker"):
            out.append(f'<p class="{block.kind}">{text}</p>')
        else:
            out.append(f"<p>{text}</p>")
    if with_citation:
        out.append(f'<footer class="citation"><strong>{e(lab["citation"])}</strong> '
                   f"{e(citation(article))}</footer>")
    out.append("</article>")
    return "\n".join(out) + "\n"


def write_html(articles: Sequence[Article], fh: BinaryIO, ctx: ExportContext) -> None:
    lab = document_labels(articles)
    lang = "en" if lab["contents"] == "Contents" else "zh-CN"
    head = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="News Archive">\n'
        f"<title>{escape(document_title(articles, ctx.options))}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
    )
    fh.write(head.encode("utf-8"))
    if ctx.options.toc and len(articles) > 1:
        items = "\n".join(
            f'<li><a href="#article-{int(a.id)}">{escape(a.title or f"#{a.id}")}</a></li>'
            for a in articles)
        fh.write(f'<nav class="toc">\n<h2>{lab["contents"]}</h2>\n<ol>\n{items}\n</ol>\n</nav>\n'
                 .encode())
    for article in articles:
        ctx.step(article.title)
        fh.write(article_html(article, ctx.options.citation).encode("utf-8"))
    fh.write(b"</body>\n</html>\n")


register(Format("html", "Web page (.html)", "html", write_html,
                description="one self-contained page, no scripts, no remote resources"))
