"""Inputs that are not what they seem: said in the import report, never silently stored.

* A file whose content is another format than its name says (a ``.docx`` that is a saved
  web page, a ``.pdf`` that is plain text): the format found in the bytes wins, the file
  is imported, and the report carries a warning.
* A near-empty document (fewer than ``MIN_CJK`` Chinese characters and fewer than
  ``MIN_WORDS`` other words: a placeholder page, a cover): imported, with a warning.
* A web server's error page ("404 Not Found", "页面不存在" ...) saved as a file: refused
  (``ReadError``), since it holds no article, only the error of a failed download.
"""

from __future__ import annotations

import re

from index.cjk import IDEOGRAPH_CLASS

from .readers import ReadError
from .readers.base import extension_of, reader_for_extension

MIN_CJK = 30
MIN_WORDS = 20
ERROR_PAGE_MAX_CHARS = 400

_CJK = re.compile(f"[{IDEOGRAPH_CLASS}]")
_WORD = re.compile(r"[A-Za-z0-9]+")
_TEXT_FAMILY = {"txt", "md"}  # plain text read as Markdown (or back) is no surprise
_LABELS = {"html": "a web page (HTML)", "pdf": "a PDF", "docx": "a Word document",
           "epub": "an e-book (EPUB)", "eml": "an e-mail", "txt": "plain text",
           "md": "Markdown text"}
_ERROR_PAGE = re.compile(
    r"^\W*(?:(?:HTTP\s*)?(?:error\s*)?(?:40[0-9]|410|50[0-4])\s*(?:[-–:.]\s*)?"
    r"(?:$|not\s+found|forbidden|unauthori[sz]ed|gone|internal|bad\s+gateway|service"
    r"|页面|错误|未找到|找不到)"
    r"|(?:page|file)\s+not\s+found|not\s+found\s*$|forbidden\s*$|access\s+denied"
    r"|internal\s+server\s+error|service\s+unavailable|bad\s+gateway"
    r"|页面不存在|页面未找到|找不到(?:该|此|您要的)?页面|网页不存在|您访问的页面不存在|无法找到该页"
    r"|访问被拒绝|禁止访问|服务器错误)",
    re.IGNORECASE,
)


def format_mismatch(name: str, fmt: str) -> str | None:
    """A warning when the file's name says another format than the one read, else None."""
    ext = extension_of(name)
    named = reader_for_extension(ext)
    if named is None or named.format == fmt or {named.format, fmt} <= _TEXT_FAMILY:
        return None
    return (f"named {ext} but its content is {_LABELS.get(fmt, fmt)}; "
            f"it was read as {fmt.upper()}")


def is_error_page(text: str) -> bool:
    """True for the short text of a web server's error page."""
    if len(text) > 4 * ERROR_PAGE_MAX_CHARS:  # quick: plainly longer, whatever its spaces
        return False
    body = text.strip()
    if len(body) > ERROR_PAGE_MAX_CHARS:
        return False
    return any(_ERROR_PAGE.match(line) for line in body.splitlines()[:3])


def near_empty(text: str) -> str | None:
    """A warning for a document with almost no text, else None."""
    for part in (text[:300], text) if len(text) > 300 else (text,):  # the start usually tells
        cjk = len(_CJK.findall(part))
        words = len(_WORD.findall(_CJK.sub(" ", part)))
        if cjk >= MIN_CJK or words >= MIN_WORDS:
            return None
    return (f"almost no text ({cjk} Chinese characters, {words} other words): "
            "a placeholder or a cover page?")


def file_warnings(name: str, fmt: str, texts: list[str]) -> list[str]:
    """Warnings for one read file; raises ``ReadError`` when it is an error page."""
    whole = "\n".join(texts)
    if is_error_page(whole):
        first = whole.strip().splitlines()[0].strip()
        raise ReadError(f"this is a web server's error page ({first[:60]!r}), not an article;"
                        " it was not imported")
    warnings = []
    mismatch = format_mismatch(name, fmt)
    if mismatch:
        warnings.append(mismatch)
    empty = near_empty(whole)
    if empty:
        warnings.append(empty)
    return warnings
