"""HTML pages: all of the page's content, none of the site around it.

Parsing is lxml's HTML parser. Extraction removes chrome rather than picking one block:
``html_chrome.strip_chrome`` drops scripts, hidden elements, ``<nav>``/``<aside>``/
``<footer>``/``<menu>``, site headers, and blocks whose class/id/role says navigation,
menu, breadcrumb, sidebar, footer (always) or share, related, comment, ad, rank, copyright
(when short or made of links); a page's one ``<main>`` bounds the content. Then a
readability-style score (tuned for Chinese: full-width ``，。、；`` count like commas) finds
the article core. If the rest of the page holds no prose (a news portal: only link lists
and labels are left), the core and its sibling paragraphs are the text; otherwise the text
is the smallest ancestor of the core that holds all the prose, so manual chapters, FAQs,
tables (one line a row), lists, definition lists, code (one line a line), footnotes and
captions are kept whole. The page's own contents list (links to its sections) is kept.

Why our own: on the 36 real pages of ``tests/data/realpages`` (CJK characters of the main
content kept, pages under 90 %): this reader 99.98 %, 0; trafilatura 2.0 92.8 %, 10;
jusText 3.0 89.2 %, 11; readability-lxml 0.9 75.9 %, 16 (on the 40 held-out pages of
debian-reference, kicad and debian-edu: 99.99 % against 85.9 %, 76.3 %, 48.4 %).
trafilatura also drops figure captions (0 of 19 on the news fixtures) and brings thirteen
dependencies; readability-lxml gives no headline and needs chardet (LGPL). Measure with
``tests/perf/extraction_coverage.py``.

The headline (the page's ``<h1>``) becomes ``title_hint`` and the first line of the text;
``<h2>``-``<h6>`` inside the body are ``heading_hints``, ``<figcaption>`` are
``caption_hints``; ``date_hint`` comes from meta tags (``article:published_time``,
``pubdate`` ...), ``<time datetime>`` or the page's date line next to the headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from archive.document import RawDocument
from archive.isodate import iso_date as iso_from_parts
from archive.readers.base import ReadContext, Reader, ReadError, ReadResult, register
from archive.readers.html_chrome import (
    chrome_kind,
    class_words,
    contents_lists,
    main_element,
    strip_chrome,
    text_mass,
    visible_len,
)
from archive.readers.textcodec import bom_encoding, decode_text, normalize_charset
from archive.readers.textutil import collapse_ws, tidy_lines

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "button", "input", "select", "textarea", "head", "link", "meta",
    "audio", "video", "map", "dialog",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "address", "hr", "center",
    "details", "summary", "fieldset", "legend", "body", "html",
}  # fmt: skip
_PARA_TAGS = ("p", "pre", "td", "blockquote", "dd", "li", "div", "section", "font", "span")
_CHROME_TAGS = {"nav", "aside", "footer", "menu"}  # for pages: strip_chrome judges them
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WS = re.compile(r"[ \t\r\f]+")
# Prose outside the scored core (visible characters) beyond which the content widens.
_OUTSIDE_SLACK = 15
_PERMALINK_MARKS = {"¶", "§", "#", "🔗", "⚓"}
_VOID_TAGS = ("embed", "source", "track", "wbr", "keygen", "param", "area", "col", "base")

_NEGATIVE = re.compile(
    r"comment|sidebar|side-?bar|aside|footer|footnote|\bfoot|nav|menu|breadcrumb|crumb|"
    r"share|sharing|social|\bsns|\bads?\b|\bad[-_]|advert|banner|sponsor|promo|related|"
    r"recommend|\bhot|rank|popular|topbar|toolbar|masthead|login|search|copyright|"
    r"statement|disclaimer|pager|pagination|widget|modal|popup|cookie|subscribe|qrcode|"
    r"\btool|\blogo|\bfont\b|\binfo\b|\bmeta\b|\bsource\b|\bbyline-bar",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"article|content|\bbody|entry|\bmain|\bpost|story|\btext|detail|con_|trs_editor|"
    r"custom_unionstyle|\bzw\b|zhengwen|\bcont\b",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PUNCT = re.compile(r"[,，、。；;！!？?：:]")
_SUBTITLE_CLASS = re.compile(
    r"sub-?tit|subhead|fubiaoti|fu_?title|pre-?tit|kicker|yinti|\bpre\b|\bsub\b", re.IGNORECASE
)
_DATE_CLASS = re.compile(r"time|date|pub", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:[-/.年]\s*)(\d{1,2})\s*(?:[-/.月]\s*)(\d{1,2})(?!\d)"
)
_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "published_time", "pubdate", "publishdate",
    "publish_date", "publish-date", "publishtime", "publication_date", "date", "dc.date",
    "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "datepublished", "firstpublishedtime", "created", "release_date",
)  # fmt: skip


@dataclass
class HtmlBlock:
    kind: str  # "title", "heading", "caption", "paragraph"
    text: str


@dataclass
class HtmlArticle:
    """What the extractor found in one page."""

    title: str | None
    blocks: list[HtmlBlock] = field(default_factory=list)
    date: str | None = None
    authors: list[str] = field(default_factory=list)

    def to_document(self, part: str | None = None) -> RawDocument:
        return RawDocument(
            text=tidy_lines([b.text for b in self.blocks]),
            title_hint=self.title,
            heading_hints=[b.text for b in self.blocks if b.kind == "heading"],
            caption_hints=[b.text for b in self.blocks if b.kind == "caption"],
            author_hints=list(self.authors),
            date_hint=self.date,
            part=part,
        )


# -- decoding ------------------------------------------------------------------------------


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag (or XML declaration) names in the first 4 KB."""
    head = data[:4096]
    m = _META_CHARSET.search(head)
    if m:
        return m.group(1).decode("ascii", "replace")
    m = re.match(rb"""\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)""", head)
    if m:
        return m.group(1).decode("ascii", "replace")
    return None


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, codec): a BOM, else the meta charset if the bytes agree, else detection."""
    if bom_encoding(data):
        return decode_text(data)
    declared = normalize_charset(declared_charset(data))
    if declared:
        try:
            return data.decode(declared).replace("\r\n", "\n").replace("\r", "\n"), declared
        except UnicodeDecodeError:
            pass  # the label lies (often: says gb2312, is utf-8); detect instead
    return decode_text(data, declared)


# -- scoring -------------------------------------------------------------------------------


def _class_weight(el: lxml.html.HtmlElement) -> int:
    weight = 0
    for attr in ("class", "id"):
        value = el.get(attr)
        if not value:
            continue
        if _NEGATIVE.search(value):
            weight -= 25
        if _POSITIVE.search(value):
            weight += 25
    return weight


def _tag_weight(tag: str) -> int:
    if tag in ("div", "article", "section", "main"):
        return 5
    if tag in ("pre", "td", "blockquote"):
        return 3
    if tag in ("address", "ol", "ul", "dl", "dd", "dt", "li", "form"):
        return -3
    if tag in _HEADINGS or tag == "th":
        return -5
    return 0


def _is_hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _text_of(el: lxml.html.HtmlElement) -> str:
    return collapse_ws(el.text_content() or "")


def _link_density(el: lxml.html.HtmlElement, length: int | None = None) -> float:
    total = visible_len(el.text_content() or "") if length is None else length
    if total == 0:
        return 0.0
    linked = sum(visible_len(a.text_content() or "") for a in el.iter("a"))
    return min(1.0, linked / total)


def _has_block_child(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el)


def _unwrap_voids(root: lxml.html.HtmlElement) -> None:
    """libxml2 does not know HTML5's void elements (``<embed>``, ``<source>``, ``<track>``,
    ``<wbr>``, ``<keygen>``) and nests everything after one inside it; lift that back out."""
    for el in list(root.iter(*_VOID_TAGS)):
        if len(el) or (el.text and el.text.strip()):
            el.drop_tag()


def _is_permalink(el: lxml.html.HtmlElement) -> bool:
    """A heading's "¶" / "#" link to itself (Sphinx, MkDocs, GitHub pages)."""
    return el.tag == "a" and (el.text_content() or "").strip() in _PERMALINK_MARKS


def _clean(root: lxml.html.HtmlElement, chrome_tags: bool = False) -> None:
    """Remove what is never article text: scripts, styles, forms, hidden elements (and
    with ``chrome_tags`` every ``<nav>``, ``<aside>``, ``<footer>``, ``<menu>``)."""
    _unwrap_voids(root)
    skip = _SKIP_TAGS | _CHROME_TAGS if chrome_tags else _SKIP_TAGS
    doomed = []
    for el in root.iter():
        if (
            not isinstance(el.tag, str) or el.tag in skip or _is_hidden(el) or _is_permalink(el)
        ):  # comments, processing instructions
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # Keep the tail text: it belongs to the parent.
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


def _own_text_runs(el: lxml.html.HtmlElement) -> list[str]:
    """Text directly inside ``el`` (not in child blocks), split at ``<br>``: the paragraphs
    of pages that separate them with line breaks instead of ``<p>``."""
    runs: list[str] = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br" or tag in _BLOCK_TAGS:
            runs.append("")
        elif tag:
            runs[-1] += child.text_content() or ""
        runs[-1] += child.tail or ""
    return [collapse_ws(r) for r in runs if r.strip()]


def _score(body: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, dict]:
    scores: dict[lxml.html.HtmlElement, float] = {}

    def init(el: lxml.html.HtmlElement) -> None:
        if el not in scores:
            scores[el] = float(_tag_weight(el.tag) + _class_weight(el))

    def credit(start: lxml.html.HtmlElement | None, score: float) -> None:
        level = 0
        node = start
        while node is not None and level < 3:
            if not isinstance(node.tag, str):
                break
            init(node)
            divider = 1 if level == 0 else (2 if level == 1 else level * 3)
            scores[node] += score / divider
            node = node.getparent()
            level += 1

    def para_score(text: str) -> float:
        return 1 + len(_PUNCT.findall(text)) + min(visible_len(text) / 100, 3)

    for el in body.iter(*_PARA_TAGS):
        if el.tag in ("div", "section", "font", "span", "td", "blockquote") and _has_block_child(
            el
        ):
            # Loose text beside child blocks: each run is a paragraph of this element.
            for run in _own_text_runs(el):
                if visible_len(run) >= 20:
                    credit(el, para_score(run))
            continue
        if el.tag in ("font", "span") and el.getparent() is not None and el.getparent().tag == "p":
            continue
        text = _text_of(el)
        length = visible_len(text)
        if length < 20:
            continue
        if el.tag in ("div", "section", "font", "span", "td") and len(el.findall("br")) >= 1:
            # A block of <br>-separated paragraphs: it is the container, not a paragraph.
            density = _link_density(el, length)
            for run in _own_text_runs(el):
                if visible_len(run) >= 20:
                    credit(el, para_score(run) * (1 - density))
            continue
        credit(el.getparent(), para_score(text) * (1 - _link_density(el, length)))
    best, best_score = None, 0.0
    for el, score in scores.items():
        final = score * (1 - _link_density(el))
        scores[el] = final
        if final > best_score:
            best, best_score = el, final
    return best, scores


def _content_nodes(top: lxml.html.HtmlElement, scores: dict) -> list[lxml.html.HtmlElement]:
    """The top container plus siblings that look like more of the same article."""
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, scores.get(top, 0.0) * 0.2)
    nodes = []
    for sib in parent:
        if not isinstance(sib.tag, str):
            continue
        if sib is top:
            nodes.append(sib)
            continue
        if _class_weight(sib) < 0:
            continue
        if scores.get(sib, 0.0) >= threshold:
            nodes.append(sib)
        elif sib.tag == "p":
            text = _text_of(sib)
            length = visible_len(text)
            density = _link_density(sib, length)
            if (length > 80 and density < 0.25) or (
                0 < length <= 80 and density == 0 and text[-1:] in "。.！!？?”"
            ):
                nodes.append(sib)
    return nodes


def _content(
    body: lxml.html.HtmlElement, top: lxml.html.HtmlElement | None, scores: dict
) -> list[lxml.html.HtmlElement]:
    """The page's content, in document order.

    The scored core (with its sibling paragraphs) when the rest of the page, chrome removed,
    holds no prose (a news article in a portal: only link lists and labels are left); else
    the smallest ancestor of the core that holds all the prose (a manual chapter, an FAQ, a
    page of tables). Either way with the page's own contents list (links to its sections).
    """
    if top is None:
        return [body]
    mass = text_mass(body)
    total = mass.get(body, 0)
    slack = _OUTSIDE_SLACK
    nodes = _content_nodes(top, scores)
    if total - sum(mass.get(n, 0) for n in nodes) <= slack:
        return _with_contents_lists(body, nodes)
    root = top
    while root is not body and total - mass.get(root, 0) > slack:
        parent = root.getparent()
        if parent is None:
            break
        root = parent
    return _with_contents_lists(body, [root])


def _with_contents_lists(
    body: lxml.html.HtmlElement, nodes: list[lxml.html.HtmlElement]
) -> list[lxml.html.HtmlElement]:
    lists = contents_lists(body, nodes)
    if not lists:
        return nodes
    order = {el: i for i, el in enumerate(body.iter())}
    return sorted(nodes + lists, key=lambda el: order.get(el, 0))


# -- walking the body into blocks -----------------------------------------------------------


def _simple_row(tr: lxml.html.HtmlElement) -> list[str] | None:
    """The texts of a table row's cells when it has two or more and none holds a block
    (a data table's row, not a layout table's)."""
    cells = [c for c in tr if isinstance(c.tag, str)]
    if len(cells) < 2 or any(c.tag not in ("td", "th") for c in cells):
        return None
    for cell in cells:
        if any(
            isinstance(d.tag, str) and (d.tag in _BLOCK_TAGS or d.tag == "br")
            for d in cell.iterdescendants()
        ):
            return None
    texts = [_text_of(c) for c in cells]
    return texts if sum(1 for t in texts if t) >= 2 else None


class _Walker:
    """Turns a body element into blocks; ``italic_captions``: an all-italic paragraph is a
    caption (as pandoc writes ``*…*`` into EPUB), which on web pages is not sure enough;
    ``page``: a web page's content, where a line of links is content too (a contents list,
    a paragraph that is one link) and a data table's row is one line."""

    def __init__(
        self, italic_captions: bool = False, skip_negative: bool = True, page: bool = False
    ) -> None:
        self.blocks: list[HtmlBlock] = []
        self._skip_negative = skip_negative
        self._page = page
        self._frags: list[tuple[str, bool, bool]] = []  # text, in a link, in emphasis
        self._kind = "paragraph"
        self._italic_captions = italic_captions

    def flush(self) -> None:
        if not self._frags:
            return
        raw = "".join(t for t, _, _ in self._frags)
        linked = sum(visible_len(t) for t, in_link, _ in self._frags if in_link)
        plain = sum(visible_len(t) for t, _, in_em in self._frags if not in_em)
        frags, self._frags = self._frags, []
        text = collapse_ws(raw)
        if not text:
            return
        total = visible_len(text)
        kind = self._kind
        short_link = total and linked / total > 0.7 and total < 60
        if kind == "paragraph" and short_link and not self._page:
            return  # a link list or "read more" line inside the body
        if kind == "paragraph" and self._italic_captions and plain == 0 and frags:
            kind = "caption"
        self.blocks.append(HtmlBlock(kind, text))

    def _skip_block(self, el: lxml.html.HtmlElement) -> bool:
        """A related-links box, share bar or comment thread left inside the article body."""
        if not self._skip_negative or chrome_kind(el) != "soft":
            return False
        words = " ".join(class_words(el))
        return (
            visible_len(_text_of(el)) < 200
            or _link_density(el) > 0.25
            or bool(re.search(r"comment|reply|评论|留言", words))
        )

    def walk(self, el: lxml.html.HtmlElement, in_link: bool = False, in_em: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br" or tag in _BLOCK_TAGS and self._skip_block(el):
            self.flush()
        elif tag == "pre":
            self.flush()  # code and verse: its lines are lines
            for line in (el.text_content() or "").split("\n"):
                if line.strip():
                    self.blocks.append(HtmlBlock("paragraph", _WS.sub(" ", line).strip()))
        elif tag == "tr" and self._page and (cells := _simple_row(el)):
            self.flush()  # a row of plain cells is one line, cells apart by " | "
            self.blocks.append(HtmlBlock("paragraph", " | ".join(cells)))
        elif tag in _BLOCK_TAGS:
            self.flush()
            saved = self._kind
            if tag == "h1":
                self._kind = "title"
            elif tag in _HEADINGS:
                self._kind = "heading"
            elif tag in ("figcaption", "caption"):
                self._kind = "caption"
            if el.text:
                self._frags.append((el.text, in_link, in_em))
            for child in el:
                self.walk(child, in_link, in_em)
            self.flush()
            self._kind = saved
        else:
            link = in_link or tag == "a"
            em = in_em or tag in ("em", "i")
            if tag == "img":
                pass  # images carry no article text (alt text is usually empty or a file name)
            elif el.text:
                self._frags.append((el.text, link, em))
            for child in el:
                self.walk(child, link, em)
        if el.tail:
            self._frags.append((el.tail, in_link, in_em))


# -- metadata ------------------------------------------------------------------------------


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def iso_date(text: str | None) -> str | None:
    """The first plausible ``YYYY-MM-DD`` (also ``YYYY年M月D日``, ``YYYY/M/D``) in ``text``."""
    if not text:
        return None
    m = _DATE.search(text)
    if not m:
        m2 = re.match(r"\s*((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)", text)
        if not m2:
            return None
        m = m2
    return iso_from_parts(m.group(1), m.group(2), m.group(3))


def _page_title(root: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    if meta.get("og:title"):
        return collapse_ws(meta["og:title"])
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        return collapse_ws(title.text_content())
    return None


def _inside(el: lxml.html.HtmlElement, nodes: list[lxml.html.HtmlElement]) -> bool:
    anc = el
    while anc is not None:
        if any(anc is n for n in nodes):
            return True
        anc = anc.getparent()
    return False


def _negative_ancestor(el: lxml.html.HtmlElement, stop: lxml.html.HtmlElement | None) -> bool:
    anc = el.getparent()
    while anc is not None and anc is not stop:
        if _class_weight(anc) < 0:
            return True
        anc = anc.getparent()
    return False


_TITLE_CLASS = re.compile(
    r"(^|[\s_-])(title|headline|article-?title|news-?title|biaoti|bt)([\s_-]|$)", re.IGNORECASE
)


def _is_site_heading(h: lxml.html.HtmlElement, site: str | None) -> bool:
    """An ``<h1>`` that holds the site's logo or name, not a headline."""
    text = _text_of(h)
    if site and text == site:
        return True
    if h.find(".//img") is not None and visible_len(text) <= 12:
        return True
    return any(a.get("href") in ("/", "./", "index.html") for a in h.iter("a"))


def _choose_h1(
    root: lxml.html.HtmlElement,
    nodes: list[lxml.html.HtmlElement],
    page_title: str | None,
    site: str | None = None,
) -> lxml.html.HtmlElement | None:
    """The headline element: an ``<h1>`` (not the logo's), else an element classed title."""
    h1s = [
        h
        for h in root.iter("h1")
        if _text_of(h) and _class_weight(h) >= 0 and not _is_site_heading(h, site)
    ]
    if not h1s:
        return _title_by_class(root, nodes, page_title)
    inner = [h for h in h1s if _inside(h, nodes)]
    if inner:
        return inner[0]
    outer = [h for h in h1s if not _negative_ancestor(h, None)] or h1s
    if page_title:
        compact = page_title.replace(" ", "")
        for h in outer:
            if _text_of(h).replace(" ", "") in compact:
                return h
    # The last <h1> before the body in document order, else the first one.
    order = {el: i for i, el in enumerate(root.iter())}
    start = order.get(nodes[0], 0) if nodes else 0
    before = [h for h in outer if order.get(h, 0) < start]
    return before[-1] if before else outer[0]


def _title_by_class(
    root: lxml.html.HtmlElement, nodes: list[lxml.html.HtmlElement], page_title: str | None
) -> lxml.html.HtmlElement | None:
    """Pages without an ``<h1>``: a short element classed "title" that the page title names."""
    if not page_title:
        return None
    compact = page_title.replace(" ", "")
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("title", "head", "meta", "a"):
            continue
        cls = (el.get("class") or "") + " " + (el.get("id") or "")
        text = _text_of(el)
        if (
            _TITLE_CLASS.search(cls)
            and 4 <= visible_len(text) <= 80
            and text.replace(" ", "") in compact
            and not _negative_ancestor(el, None)
        ):
            return el
    return None


def _headline_block(
    h1: lxml.html.HtmlElement, nodes: list[lxml.html.HtmlElement]
) -> lxml.html.HtmlElement | None:
    """The block that holds the headline and nothing of the content, when it is more than
    the ``<h1>`` and holds no links (a manual's title page: title, subtitle, edition)."""
    if not nodes:
        return None
    content_ancestors = {id(a) for a in nodes[0].iterancestors()}
    branch = h1
    while branch.getparent() is not None and id(branch.getparent()) not in content_ancestors:
        branch = branch.getparent()
    if branch is h1 or branch.getparent() is None or branch.find(".//a[@href]") is not None:
        return None
    return None if any(_inside(n, [branch]) for n in nodes) else branch


def _title_group(h1: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    """Short kicker/subtitle lines right before and after an ``<h1>`` outside the body."""

    def is_titleish(el: lxml.html.HtmlElement) -> bool:
        if not isinstance(el.tag, str):
            return False
        if el.tag in _HEADINGS and el.tag != "h1":
            return True
        cls = (el.get("class") or "") + " " + (el.get("id") or "")
        return bool(_SUBTITLE_CLASS.search(cls)) and visible_len(_text_of(el)) <= 80

    before: list[str] = []
    sib = h1.getprevious()
    while sib is not None and is_titleish(sib):
        if _text_of(sib):
            before.insert(0, _text_of(sib))
        sib = sib.getprevious()
    after: list[str] = []
    sib = h1.getnext()
    while sib is not None and is_titleish(sib):
        if _text_of(sib):
            after.append(_text_of(sib))
        sib = sib.getnext()
    return before, after


def _find_date(
    root: lxml.html.HtmlElement, meta: dict[str, str], h1: lxml.html.HtmlElement | None
) -> str | None:
    for key in _DATE_META_KEYS:
        if key in meta:
            found = iso_date(meta[key])
            if found:
                return found
    for t in root.iter("time"):
        found = iso_date(t.get("datetime") or t.text_content())
        if found:
            return found
    # The date line next to the headline: "2023-10-11 07:41 来源：长春日报".
    if h1 is not None:
        sib = h1.getnext()
        for _ in range(3):
            if sib is None:
                break
            if isinstance(sib.tag, str) and visible_len(_text_of(sib)) <= 120:
                found = iso_date(_text_of(sib))
                if found:
                    return found
            sib = sib.getnext()
        container = h1.getparent()
        if container is not None:
            for el in container.iter():
                if not isinstance(el.tag, str) or el is h1:
                    continue
                cls = (el.get("class") or "") + " " + (el.get("id") or "")
                if _DATE_CLASS.search(cls):
                    found = iso_date(el.text_content())
                    if found:
                        return found
    return None


def _authors(meta: dict[str, str]) -> list[str]:
    site = meta.get("og:site_name", "")
    authors = []
    for key in ("author", "article:author", "dc.creator", "byl"):
        value = meta.get(key, "").strip()
        if value and value != site and not value.startswith("http"):
            authors.append(re.sub(r"^(by|作者[:：]?)\s*", "", value, flags=re.IGNORECASE))
    return list(dict.fromkeys(authors))


# -- the reader ----------------------------------------------------------------------------


def parse_html(text: str) -> lxml.html.HtmlElement:
    """An lxml tree for ``text`` (an XML declaration, which lxml refuses in str, removed)."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ReadError("The HTML page is empty.")
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(f"The HTML could not be parsed ({exc}).") from None


def extract_article(text: str) -> HtmlArticle:
    """The article in an HTML page (decoded text): headline, body blocks, date."""
    root = parse_html(text)
    meta = _meta(root)
    page_title = _page_title(root, meta)
    _clean(root)
    body = root.find("body")
    if body is None:
        body = root
    strip_chrome(body)
    main = main_element(body)
    body = body if main is None else main
    top, scores = _score(body)
    nodes = _content(body, top, scores)
    h1 = _choose_h1(root, nodes, page_title, meta.get("og:site_name"))

    walker = _Walker(page=True)
    for node in nodes:
        walker.walk(node)
    walker.flush()
    blocks = walker.blocks

    title: str | None = None
    if h1 is not None:
        title = _text_of(h1)
        if not _inside(h1, nodes):
            block = _headline_block(h1, nodes)
            if block is not None:  # the headline's own block: title, subtitle, version
                lead_walker = _Walker(page=True)
                lead_walker.walk(block)
                lead_walker.flush()
                lead = lead_walker.blocks
            else:
                before, after = _title_group(h1)
                lead = [HtmlBlock("paragraph", t) for t in before]
                lead.append(HtmlBlock("title", title))
                lead.extend(HtmlBlock("paragraph", t) for t in after)
            blocks = lead + blocks
    elif page_title:
        title = _strip_site_name(page_title, meta.get("og:site_name"))
    # Only the chosen headline is the title; other <h1>s in the body are headings.
    seen_title = False
    for b in blocks:
        if b.kind == "title":
            if seen_title or b.text != title:
                b.kind = "heading"
            seen_title = True
    return HtmlArticle(
        title=title or None,
        blocks=blocks,
        date=_find_date(root, meta, h1),
        authors=_authors(meta),
    )


def body_blocks(
    text: str, italic_captions: bool = False
) -> tuple[list[HtmlBlock], lxml.html.HtmlElement]:
    """Every block of a page's body, with no boilerplate removal (EPUB chapters)."""
    root = parse_html(text)
    _clean(root, chrome_tags=True)
    body = root.find("body")
    walker = _Walker(italic_captions, skip_negative=False)
    walker.walk(body if body is not None else root)
    walker.flush()
    return walker.blocks, root


def _strip_site_name(title: str, site: str | None) -> str:
    if site and site in title:
        title = title.replace(site, "")
    parts = [p.strip() for p in re.split(r"\s[-|–—]\s|_|｜|\|", title) if p.strip()]
    return max(parts, key=len) if parts else title.strip()


def looks_like_html(head: str) -> bool:
    """The start of a file that is an HTML document."""
    start = head.lstrip()[:1024].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) and (
        "<html" in start or "<!doctype html" in start
    ):
        return True
    return bool(re.match(r"(<!--.*?-->\s*)*<(html|head|body|meta|title)\b", start, re.DOTALL))


def read_html(data: bytes, ctx: ReadContext) -> ReadResult:
    text, encoding = decode_html(data)
    if len(text) > ctx.limits.max_text_chars * 4:
        raise ReadError("The HTML page is too long to be one article.")
    article = extract_article(text)
    return ReadResult("html", encoding, [article.to_document()])


register(
    Reader(
        format="html",
        extensions=(".html", ".htm", ".xhtml", ".shtml", ".xht"),
        read=read_html,
        looks_like=looks_like_html,
        label="HTML page",
        sniff_order=50,
    )
)
