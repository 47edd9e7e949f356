"""An article as HTML for the reader and the compare view: structure shown as what it is,
query terms (and, when comparing, shared companies) marked, companies and topics as links."""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import pairwise
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication

from archive.document import Article
from archive.library import term_spans

from .date_evidence import date_evidence
from .theme import LIGHT, Colors

Spans = list[tuple[int, int]]
SpanFinder = Callable[[str], Spans]

MARK_STYLE = LIGHT.mark_style()  # kept for callers of the first window


def facet_href(facet: str, value: str) -> str:
    """A link the reader turns into a facet selection (``facet:value``)."""
    return f"{facet}:{quote(value, safe='')}"


def marked(text: str, layers: list[tuple[Spans, str]]) -> str:
    """Escaped ``text`` with each layer's spans wrapped in a span of that layer's style;
    earlier layers win where spans overlap. Costs by the spans, not the text's length."""
    if not text:
        return ""
    cuts = {0, len(text)}
    ordered: list[tuple[list[int], Spans, str]] = []
    for spans, style in layers:
        clipped = sorted((max(0, a), min(b, len(text))) for a, b in spans if b > a)
        clipped = [(a, b) for a, b in clipped if a < b]
        for a, b in clipped:
            cuts.update((a, b))
        ordered.append(([a for a, _ in clipped], clipped, style))
    points = sorted(cuts)
    out: list[str] = []
    for start, end in pairwise(points):
        style = None
        for starts, spans, layer_style in ordered:
            i = bisect_right(starts, start) - 1
            if i >= 0 and spans[i][0] <= start < spans[i][1]:
                style = layer_style
                break
        piece = html.escape(text[start:end])
        out.append(f'<span style="{style}">{piece}</span>' if style else piece)
    return "".join(out)


def highlight(text: str, terms: list[str], colors: Colors = LIGHT,
              extra: SpanFinder | None = None) -> str:
    """Escaped ``text`` with the search's highlight ``terms`` marked (and ``extra`` spans,
    e.g. shared companies, in the shared colour)."""
    layers: list[tuple[Spans, str]] = []
    if terms:
        layers.append((term_spans(text, terms), colors.mark_style()))
    if extra is not None:
        layers.append((extra(text), colors.shared_style()))
    return marked(text, layers) if layers else html.escape(text)


WORD_JOINER = "\u2060"


def unbreakable(text: str) -> str:
    """``text`` that a line never breaks inside (Chinese may break between any two
    characters; a chip should move to the next line whole)."""
    text = text.replace(" ", "\u00a0")
    out = text[:1]
    for prev, ch in pairwise(text):
        latin = (prev.isascii() or prev == "\u00a0") and (ch.isascii() or ch == "\u00a0")
        out += ch if latin else WORD_JOINER + ch
    return out


def chip(text: str, bg: str, fg: str, href: str | None = None, bold: bool = False) -> str:
    weight = "font-weight:600;" if bold else ""
    inner = (f"<span style='background-color:{bg};color:{fg};{weight}'>"
             f"&nbsp;{html.escape(unbreakable(text))}&nbsp;</span>")
    if href:
        return f"<a href='{html.escape(href)}' style='text-decoration:none'>{inner}</a>"
    return inner


def meta_line(article: Article, colors: Colors, terms: list[str]) -> str:
    """Authors · date · source, and an "edited" badge for manual corrections."""
    parts = []
    if article.authors:
        parts.append(highlight("、".join(article.authors), terms, colors))
    if article.date:
        evidence = html.escape(date_evidence(article.date_source), quote=True)
        parts.append(f"<a href='{facet_href('year', str(article.year or 'unknown'))}' "
                     f"title='{evidence}' style='color:{colors.muted};text-decoration:none'>"
                     f"{html.escape(article.date)}</a>")
    else:
        parts.append(html.escape(QCoreApplication.translate("ArticleHtml", "date unknown")))
    if article.source_name:
        parts.append(html.escape(article.source_name))
    line = " · ".join(parts)
    if article.edited:
        fields = ", ".join(article.manual_fields)
        label = QCoreApplication.translate("ArticleHtml", "edited")
        badge = chip(label, colors.badge_bg, colors.badge_fg)
        line += f"&nbsp;&nbsp;<span title='{html.escape(fields)}'>{badge}</span>"
    return line


def company_chips(companies: list[str], colors: Colors, shared: set[str] | None = None,
                  limit: int = 24) -> str:
    shared = shared or set()
    chips = []
    for c in companies[:limit]:
        if c in shared:
            chips.append(chip(c, colors.shared_bg, colors.shared_fg, facet_href("company", c),
                              bold=True))
        else:
            chips.append(chip(c, colors.chip_bg, colors.chip_fg, facet_href("company", c)))
    more = len(companies) - limit
    if more > 0:
        chips.append(f"<span style='color:{colors.muted}'>+{more}</span>")
    return " ".join(chips)


def topic_chips(topics: list[str], colors: Colors, shared: set[str] | None = None) -> str:
    shared = shared or set()
    return " ".join(chip(t, colors.topic_bg, colors.topic_fg, facet_href("topic", t),
                         bold=t in shared) for t in topics)


def organise_html(article: Article, colors: Colors) -> str:
    """The user's collections and tags (links that filter) and the note, if any."""
    parts = []
    labels = [chip("▸ " + c, colors.chip_bg, colors.chip_fg, facet_href("collection", c))
              for c in article.collections]
    labels += [chip("#" + t, colors.badge_bg, colors.badge_fg, facet_href("tag", t))
               for t in article.tags]
    if labels:
        parts.append(f"<p style='line-height:190%'>{' '.join(labels)}</p>")
    if article.note:
        title = html.escape(QCoreApplication.translate("ArticleHtml", "Note"))
        lines = "<br/>".join(html.escape(line) for line in article.note.splitlines())
        parts.append(f"<table width='100%' cellpadding='6' style='margin-top:4px;"
                     f"background-color:{colors.chip_bg}'><tr><td>"
                     f"<b>{title}</b><br/>{lines}</td></tr></table>")
    return "".join(parts)


def body_html(article: Article, terms: list[str], colors: Colors,
              extra: SpanFinder | None = None) -> str:
    """The article's body blocks: headings, paragraphs, captions styled as captions."""
    return "".join(html for _, html in body_blocks(article, terms, colors, extra))


def body_blocks(article: Article, terms: list[str], colors: Colors,
                extra: SpanFinder | None = None) -> Iterator[tuple[int, str]]:
    """Each body block's length and HTML, in order, made as they are asked for (a reader
    can show the start of a book at once and the rest in pieces). ``terms`` is read as
    each block is made: emptying the list stops the marking of later blocks."""
    h = lambda t: highlight(t, terms, colors, extra)
    shown = {"title", "subtitle", "kicker", "byline"}
    blocks = [b for b in article.blocks if b.kind not in shown]
    if not blocks:
        for line in article.text.splitlines():
            if line.strip():
                yield len(line), f"<p>{h(line)}</p>"
        return
    for b in blocks:
        if b.kind == "heading":
            yield len(b.text), f"<h3 style='margin-top:14px'>{h(b.text)}</h3>"
        elif b.kind == "caption":
            yield len(b.text), (f"<p align='center' style='color:{colors.caption};"
                                f"font-style:italic;font-size:small;margin-top:2px'>"
                                f"{h(b.text)}</p>")
        else:
            yield len(b.text), f"<p style='margin-top:6px'>{h(b.text)}</p>"


def article_html(article: Article, terms: list[str], colors: Colors = LIGHT,
                 extra: SpanFinder | None = None) -> str:
    """The reader's HTML for ``article`` with ``terms`` highlighted."""
    return head_html(article, terms, colors, extra) + body_html(article, terms, colors, extra) \
        + "</body></html>"


def head_html(article: Article, terms: list[str], colors: Colors = LIGHT,
              extra: SpanFinder | None = None) -> str:
    """The start of ``article_html``: everything above the body, up to the rule."""
    h = lambda t: highlight(t, terms, colors, extra)
    parts = ["<html><body style='line-height:165%'>"]
    if article.kicker:
        parts.append(f"<p style='color:{colors.muted};margin:0'>{h(article.kicker)}</p>")
    parts.append(f"<h1 style='margin-bottom:2px'>{h(article.title)}</h1>")
    if article.subtitle:
        parts.append(f"<h3 style='color:{colors.muted};margin-top:2px;font-weight:normal'>"
                     f"{h(article.subtitle)}</h3>")
    parts.append(f"<p style='color:{colors.muted};margin-top:6px'>"
                 f"{meta_line(article, colors, terms)}</p>")
    if article.companies:
        parts.append(f"<p style='line-height:190%'>{company_chips(article.companies, colors)}</p>")
    if article.topics:
        parts.append(f"<p>{topic_chips(article.topics, colors)}</p>")
    parts.append(organise_html(article, colors))
    parts.append("<hr/>")
    return "".join(parts)
