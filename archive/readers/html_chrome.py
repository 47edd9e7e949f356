"""Site chrome in an HTML page: what a reader of the page never reads as its content.

``strip_chrome`` removes navigation, menus, site headers and footers, breadcrumbs, sidebars,
share bars, related-link boxes, comments and ads, found by tag (``<nav>``, ``<aside>``,
``<footer>``, ``<menu>``, a ``<header>`` without the headline), by ARIA role, or by a
class/id word. Words that always mean chrome (nav, menu, breadcrumb, sidebar, footer ...)
remove the element unless it holds the page's ``<main>``/``<article>`` or most of its text;
words that only often do (share, related, comment, ad, rank, copyright ...) remove it when
it is short or made of links. What is left is the page's content, whatever its shape.

``text_mass`` weighs each element by its own prose (text outside links, in runs long enough
to be sentences); the reader uses it to widen the scored article core to every container
that holds real text.
"""

from __future__ import annotations

import re

import lxml.html

_CHROME_TAGS = {"nav", "aside", "footer", "menu"}
_CHROME_ROLES = {
    "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search",
    "toolbar", "tablist",
}  # fmt: skip
# Class/id words; matched on each word of the attribute, split at "-" and "_".
_HARD = re.compile(
    r"^(nav[a-z]*|menu[a-z]*|breadcrumbs?|crumbs?|sidebar|topbar|toolbar|foot|footer|"
    r"masthead|banner|tocframe|skiplinks?|[a-z]*(nav|menu|footer|sidebar|crumbs?))\d*$"
)
_HEADER = re.compile(r"^(?!sub)[a-z]*header\d*$")  # not "subheader", a subtitle
_SOFT = re.compile(
    r"^(share|sharing|social|sns|related|recommend\w*|comments?|reply|replies|ads?|"
    r"advert\w*|sponsor\w*|promo\w*|rank\w*|hot|hotnews|popular|copyright|disclaimer|"
    r"statement|pager|pagination|widget|modal|popup|cookie\w*|subscribe|qrcode|login|"
    r"search\w*|logo|tools?|print)\d*$"
)
_COMMENT = re.compile(r"comment|reply|评论|留言", re.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOTE_ROLES = {"note", "doc-footnote", "doc-endnotes", "doc-note"}
_INLINE_TAGS = {
    "span", "a", "em", "strong", "b", "i", "u", "s", "code", "kbd", "samp", "var", "tt",
    "small", "big", "sup", "sub", "abbr", "acronym", "cite", "q", "mark", "label", "font",
    "time", "dfn", "ins", "del", "bdi", "bdo", "ruby", "rt", "rp", "img", "br", "wbr",
}  # fmt: skip
_LOCAL_FRAGMENT = re.compile(r"#\w")
_REMOTE = ("http:", "https:", "//")
_LIST_TAGS = {"ul", "ol", "dl", "div", "table", "nav"}
_WORD_SPLIT = re.compile(r"[\s_-]+")
_MIN_RUN = 8  # visible characters a text run needs to count as prose
_DATE = re.compile(r"(19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


def class_words(el: lxml.html.HtmlElement) -> list[str]:
    """The lower-case words of an element's class and id ("main-nav" -> main, nav)."""
    value = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    if not value:
        return []
    value = re.sub(r"([a-z])([A-Z])", r"\1 \2", value)  # camelCase ids ("topNav") split too
    return [w for w in _WORD_SPLIT.split(value.lower()) if w]


def chrome_kind(el: lxml.html.HtmlElement) -> str | None:
    """Kind of chrome: "hard" (always), "soft" (when short or link-heavy), "header" (a
    header: chrome unless it holds a heading) or None."""
    tag = el.tag if isinstance(el.tag, str) else ""
    role = (el.get("role") or "").strip().lower()
    words = class_words(el) if tag not in _INLINE_TAGS else []
    if tag == "aside" and (
        role in _NOTE_ROLES or any("note" in w for w in [*words, el.get("epub:type") or ""])
    ):
        return None  # a footnote or a note box is content
    if tag in _CHROME_TAGS or role in _CHROME_ROLES:
        return "hard"
    if tag == "header" or any(_HEADER.match(w) for w in words):
        return "header"
    if any(_HARD.match(w) for w in words):
        return "hard"
    if any(_SOFT.match(w) for w in words):
        return "soft"
    return None


def visible_len(text: str) -> int:
    """Characters that are not white space (as ``textutil.visible_len``, in C speed)."""
    return len("".join(text.split()))


def _is_prose(text: str) -> int:
    """Visible characters of a text run that reads as prose: long enough, and not a short
    date line ("发布时间：2023年06月28日 来源：…"), which is the page's metadata."""
    n = visible_len(text)
    if n < _MIN_RUN or (n < 60 and _DATE.search(text)):
        return 0
    return n


def text_mass(root: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, int]:
    """Each element's prose: visible characters of text runs (outside links) that read as
    prose, summed over the element and its descendants; the headline does not count."""
    in_link: dict[lxml.html.HtmlElement, bool] = {}
    mass: dict[lxml.html.HtmlElement, int] = {}
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    for el in order:
        parent = el.getparent()
        # The headline is always kept: it is no sign of more content, like link text.
        linked = el.tag in ("a", "h1") or (parent is not None and in_link.get(parent, False))
        in_link[el] = linked
        own = 0
        if not linked:
            own += _is_prose(el.text or "")
            for child in el:
                if child.tail:
                    own += _is_prose(child.tail)
        mass[el] = own
    for el in reversed(order):
        parent = el.getparent()
        if el is not root and parent is not None and parent in mass:
            mass[parent] += mass[el]
    return mass


def contents_lists(
    body: lxml.html.HtmlElement, nodes: list[lxml.html.HtmlElement]
) -> list[lxml.html.HtmlElement]:
    """Lists of links to places in this page (its table of contents) outside ``nodes`` and
    not holding them: a class word "toc"/"contents", or at least two links, 80 % of them to
    a ``#fragment`` of a local page."""
    links: dict[lxml.html.HtmlElement, list[int]] = {}
    order = [el for el in body.iter() if isinstance(el.tag, str)]
    for el in reversed(order):
        counts = links.setdefault(el, [0, 0])
        if el.tag == "a":
            href = el.get("href") or ""
            counts[0] += 1
            counts[1] += bool(_LOCAL_FRAGMENT.search(href)) and not href.startswith(_REMOTE)
        parent = el.getparent()
        if parent is not None and el is not body:
            up = links.setdefault(parent, [0, 0])
            up[0] += counts[0]
            up[1] += counts[1]
    holders = {id(a) for n in nodes for a in n.iterancestors()}
    inside = {id(n) for n in nodes}
    found: list[lxml.html.HtmlElement] = []
    stack = [body]
    while stack:
        el = stack.pop()
        if id(el) in inside:
            continue
        n_links, n_local = links.get(el, (0, 0))
        if n_links == 0:
            continue
        words = class_words(el)
        is_list = (
            "toc" in words
            or "contents" in words
            or (el.tag in _LIST_TAGS and n_links >= 2 and n_local >= 0.8 * n_links)
        )
        if is_list and id(el) not in holders:
            found.append(el)
            continue
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))
    return found


def link_density(el: lxml.html.HtmlElement) -> float:
    total = visible_len(el.text_content() or "")
    if total == 0:
        return 0.0
    linked = sum(visible_len(a.text_content() or "") for a in el.iter("a"))
    return min(1.0, linked / total)


def _holds_content(el: lxml.html.HtmlElement) -> bool:
    if el.tag in ("main", "article", "body") or (el.get("role") or "").lower() == "main":
        return True
    return any(True for _ in el.iter("main", "article"))


def _holds_headline(el: lxml.html.HtmlElement, tags: tuple[str, ...] = ("h1",)) -> bool:
    for h in el.iter(*tags):
        text = h.text_content().strip()
        if text and not (h.find(".//img") is not None and visible_len(text) <= 12):
            return True
    return False


def main_element(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The page's one ``<main>`` (or ``role="main"``) when it holds most of its prose: what
    lies outside it is chrome by the page's own word."""
    mains = [el for el in body.iter() if el.tag == "main" or el.get("role") == "main"]
    if len(mains) != 1:
        return None
    mass = text_mass(body)
    return mains[0] if mass.get(mains[0], 0) > 0.5 * mass.get(body, 0) else None


def strip_chrome(body: lxml.html.HtmlElement) -> None:
    """Remove the site chrome under ``body`` (see the module docstring), in place."""
    mass = text_mass(body)
    total = max(mass.get(body, 0), 1)
    doomed: list[lxml.html.HtmlElement] = []
    for el in body.iter():
        if el is body or not isinstance(el.tag, str):
            continue
        if any(el is d or _is_descendant(el, d) for d in doomed[-1:]):
            continue
        kind = chrome_kind(el)
        if kind is None:
            continue
        if kind == "header":
            if not _holds_headline(el, _HEADINGS):
                doomed.append(el)
            continue
        if _holds_content(el):
            continue
        if kind == "hard":
            holds_most = mass.get(el, 0) > 0.5 * total and total > 200
            if el.tag in _CHROME_TAGS or not (holds_most or _holds_headline(el)):
                doomed.append(el)
            continue
        text_len = visible_len(el.text_content() or "")
        comment = _COMMENT.search(f"{el.get('class') or ''} {el.get('id') or ''}")
        short_or_links = text_len < 200 or link_density(el) > 0.3
        if (comment or short_or_links) and not _holds_headline(el):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps its tail text, which belongs to the parent


def _is_descendant(el: lxml.html.HtmlElement, anc: lxml.html.HtmlElement) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is anc:
            return True
        parent = parent.getparent()
    return False
