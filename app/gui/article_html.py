"""An article as HTML for the reader: structure shown as what it is, query terms marked."""

from __future__ import annotations

import html

from archive.document import Article
from index.snippets import find_spans

MARK_STYLE = "background-color:#ffe066;color:#000"


def highlight(text: str, terms: list[str]) -> str:
    """Escaped ``text`` with each occurrence of the folded ``terms`` in a styled span."""
    spans = find_spans(text, terms) if terms else []
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(html.escape(text[last:start]))
        out.append(f'<span style="{MARK_STYLE}">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def article_html(article: Article, terms: list[str]) -> str:
    """The reader's HTML for ``article`` with ``terms`` highlighted."""
    h = lambda t: highlight(t, terms)  # noqa: E731
    parts = ["<html><body style='line-height:160%'>"]
    if article.kicker:
        parts.append(f"<p style='color:#888;margin:0'>{h(article.kicker)}</p>")
    parts.append(f"<h1 style='margin-bottom:4px'>{h(article.title)}</h1>")
    if article.subtitle:
        parts.append(f"<h3 style='color:#555;margin-top:0'>{h(article.subtitle)}</h3>")
    meta = []
    if article.authors:
        meta.append(h("、".join(article.authors)))
    meta.append(html.escape(article.date or "date unknown"))
    parts.append(f"<p style='color:#666'>{' · '.join(meta)}</p>")
    if article.companies:
        chips = " ".join(
            f"<a href='company:{html.escape(c)}' style='text-decoration:none'>"
            f"<span style='background:#e3ecfa;color:#1a4d8f'>&nbsp;{html.escape(c)}&nbsp;</span></a>"
            for c in article.companies[:12]
        )
        parts.append(f"<p>{chips}</p>")
    if article.topics:
        topics = " ".join(
            f"<a href='topic:{html.escape(t)}' style='text-decoration:none'>"
            f"<span style='background:#e6f4ea;color:#1e6b34'>&nbsp;{html.escape(t)}&nbsp;</span></a>"
            for t in article.topics
        )
        parts.append(f"<p>{topics}</p>")
    parts.append("<hr/>")
    shown = {"title", "subtitle", "kicker", "byline"}
    blocks = [b for b in article.blocks if b.kind not in shown]
    if not blocks:
        blocks_html = [f"<p>{h(line)}</p>" for line in article.text.splitlines() if line.strip()]
    else:
        blocks_html = []
        for b in blocks:
            if b.kind == "heading":
                blocks_html.append(f"<h2>{h(b.text)}</h2>")
            elif b.kind == "caption":
                blocks_html.append(
                    f"<p align='center' style='color:#777;font-style:italic;font-size:small'>"
                    f"{h(b.text)}</p>")
            else:
                blocks_html.append(f"<p>{h(b.text)}</p>")
    parts.extend(blocks_html)
    parts.append("</body></html>")
    return "".join(parts)
