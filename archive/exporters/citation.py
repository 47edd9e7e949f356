"""A citation of a newspaper article in the GB/T 7714-2015 style.

    主要责任者. 题名[N]. 报纸名, 出版日期(版次).
    e.g. 柳青. 为汽车产业高质量发展“蓄势赋能”[N]. 长春日报, 2023-10-19(3).

Our metadata does not know the newspaper or the page unless someone entered them, so the
parts that are unknown are left out rather than guessed: ``柳青. 题名[N]. 2023-10-19.``
Used by every exporter and by the GUI's "copy citation".
"""

from __future__ import annotations

import re
from pathlib import PurePath

from index.cjk import WIDE_CLASS

from ..document import Article

MAX_AUTHORS = 3  # GB/T 7714: list the first three, then "等" / "et al."
_END_PUNCT = re.compile(r"[\s.。,，;；:：!！?？]+$")
_WIDE_RE = re.compile(f"[{WIDE_CLASS}]")  # Chinese (or Japanese) script
# A source file name that is only an id or a hash says nothing about the newspaper.
_MEANINGLESS = re.compile(r"^[\W\d_]*(?:[0-9a-f]{8,})?[\W\d_]*$", re.IGNORECASE)


def _is_latin(text: str) -> bool:
    return _WIDE_RE.search(text) is None


def _authors(authors: list[str], english: bool) -> str:
    names = [a.strip() for a in authors if a and a.strip()]
    if not names:
        return ""
    shown = ", ".join(names[:MAX_AUTHORS])
    if len(names) > MAX_AUTHORS:
        shown += ", et al" if english else ", 等"
    return shown


def newspaper_from_source(source_name: str | None) -> str | None:
    """A newspaper name taken from the source file name when it plausibly is one
    ("长春日报 2023-10-19.txt" gives nothing useful, "长春日报.pdf" gives 长春日报)."""
    if not source_name:
        return None
    stem = PurePath(source_name).stem.strip()
    if not stem or _MEANINGLESS.match(stem) or re.search(r"\d{4}", stem):
        return None
    if re.search(r"(日报|晚报|早报|时报|商报|新闻|报)$", stem) or re.search(
            r"(?i)\b(times|post|daily|news|herald|journal|gazette|tribune)$", stem):
        return stem
    return None


def citation(article: Article, newspaper: str | None = None, edition: str | None = None) -> str:
    """The article's GB/T 7714 newspaper citation; parts we do not know are left out.

    ``newspaper`` and ``edition`` (版次, the page) override what the metadata says.
    """
    title = _END_PUNCT.sub("", (article.title or "").strip()) or f"#{article.id}"
    english = (article.language or "").startswith("en") or _is_latin(title)
    paper = newspaper or getattr(article, "newspaper", None) \
        or newspaper_from_source(article.source_name)
    edition = edition or getattr(article, "edition", None)
    parts = []
    who = _authors(article.authors, english)
    if who:
        parts.append(f"{who}. ")
    parts.append(f"{title}[N]. ")
    date = article.date or ""
    where = ""
    if paper:
        where = paper + (f", {date}" if date else "")
    elif date:
        where = date
    if where:
        if edition and date:
            where += f"({edition})"
        parts.append(f"{where}.")
    return "".join(parts).strip()
