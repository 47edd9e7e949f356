"""An article's structure from its plain text: headline, kicker, subtitle, byline, headings,
captions and paragraphs, as ``Block``s in reading order.

The headline is not blindly the first line: real pages start with page banners, column names
and slogans (kickers), photo captions or a lead paragraph. The strongest clue is what follows
a headline: a subtitle ("——写在…之际") or a byline ("本报记者 柳青"); the headline is the
title-like line right above the first of them (joined with the line before it when that one
ends with a colon: "长春汽开区：" / "向“新”求变 智赢未来"). Without such an anchor the first
title-like line is taken. Hints from the markup of other formats (an HTML ``<h1>``, DOCX
Heading 1, ``<figcaption>``) win over these guesses.

Lines broken in the middle of a sentence (PDF and copy-paste artefacts) are joined again,
also across a photo caption that landed in between.

All tests on a line look at its folded form (``index.folding.fold``: half-width punctuation,
simplified characters); the blocks keep the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.document import Block, RawDocument
from index.cjk import IDEOGRAPH_CLASS
from index.folding import fold

from .dates import _ANY_DATE_RE, _DATE_LINE_RE

_FINAL = "。!?…"
_CLOSERS = "”’」』)\"'"
_INNER_PUNCT = ",;、。!?"
_CAPTION_MARKS = "▲▼△▽►◄■□●◆◇"
_CAPTION_PREFIXES = (
    "图为",
    "图:",
    "图/",
    "(图",
    "图片:",
    "photo:",
    "pictured:",
    "上图",
    "下图",
    "左图",
    "右图",
)
_CAPTION_CREDIT_RE = re.compile(r"^\(?[^,。]{0,24}\s摄\)?$|^\((?:摄影|图)[::/]?[^)]{1,12}\)$")
# Typical last words of a photo caption, for captions without blank lines around them.
_CAPTION_END_RE = re.compile(
    r"(?:大厦|大楼|现场|生产线|车间|工厂|基地|总部|项目|会堂|仪式|合影|留念|外景|全景|一角|一景|"
    r"夜景|鸟瞰|设备|画面|展台|展区|园区|厂区|大庆|风采|掠影|剪影|资料图|效果图|示意图)。?$"
)

_ROLE_WORDS = (
    "本报特约记者",
    "本报记者",
    "本报通讯员",
    "本台记者",
    "本刊记者",
    "新华社记者",
    "中新社记者",
    "人民日报记者",
    "融媒体记者",
    "首席记者",
    "特约记者",
    "见习记者",
    "实习记者",
    "实习生",
    "记者",
    "通讯员",
    "撰文",
    "作者",
    "文字",
    "摄影",
    "报道",
    "文",
    "图",
    "摄",
)
_EDITOR_WORDS = ("责任编辑", "责编", "编辑", "校对", "审核", "审校", "监制")
_BYLINE_RE = re.compile(
    r"^[(\[【]?\s*(?:本报|本台|本刊|新华社|中新社|人民日报|融媒体|首席|特约|见习|实习)?\s*"
    r"(?:记者|通讯员)\s*[::]?\s*\S"
    r"|^(?:文|图|撰文|作者|文字|摄影|文/图)\s*[/:|]\s*\S"
)
_EN_BYLINE_RE = re.compile(
    r"^(?i:by|written by|reporter:|reported by)\s+"
    r"([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})*)\s*$"
)
_INLINE_REPORTER_RE = re.compile(r"[((]\s*(?:本报|本台|新华社)?\s*记者\s*([^))]{2,40})[))]")
_META_LINE_RE = re.compile(
    r"(?:来源|稿源|作者|编辑|责任编辑|责编|发布时间|发布日期|更新时间|时间|日期|字号|分享到|"
    r"source|published|updated|posted)\s*[::]|首页\s*[>›»]|当前位置"
)
_BANNER_RE = re.compile(r"第\s*[a-z]?\d{1,3}\s*版|^版次|^版面|^[a-z]?\d{1,3}\s*版\s*[::]")
_SENTENCE_OPENERS = (
    "这里",
    "这是",
    "这些",
    "这个",
    "这种",
    "这家",
    "此外",
    "同时",
    "其中",
    "目前",
    "如今",
    "另外",
    "但是",
    "然而",
    "因此",
    "所以",
    "我们",
    "他们",
    "她们",
    "与此同时",
    "据悉",
    "记者",
)
_HAN = f"[{IDEOGRAPH_CLASS}]"
_CJK_NAME_RE = re.compile(f"^{_HAN}{{2,4}}$|^{_HAN}{{1,6}}·{_HAN}{{1,8}}$")
_LATIN_RE = re.compile(r"[A-Za-z]")


@dataclass
class Structure:
    """What ``analyse`` finds: the headline and friends, and all blocks in reading order."""

    title: str
    subtitle: str | None = None
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


class _Line:
    """One non-empty line, with the tests that several passes ask about it worked out once."""

    __slots__ = (
        "_byline",
        "banner",
        "f",
        "final",
        "gap",
        "inner",
        "kind",
        "latin",
        "marked",
        "meta",
        "punct",
        "text",
    )

    def __init__(self, text: str, f: str, gap: int, kind: str = ""):
        self.text = text  # as written, stripped
        self.f = f  # folded, same length
        self.gap = gap  # blank lines before it
        self.kind = kind
        self.banner = False
        self.latin = _is_latin(f)
        self.punct = bool(_INNER_RE.search(f))  # any clause punctuation at all
        self.inner = self.punct and bool(_INNER_RE.search(f, 0, len(f) - 1))  # before the end
        self.final = _ends_final(f, self.latin)
        self.marked = _caption_marked(f)  # ▲/▼, "图为", a photo credit
        self.meta = _is_meta_line(f)  # a date, source or editor stamp
        self._byline: bool | None = None

    @property
    def byline(self) -> bool:
        if self._byline is None:
            self._byline = _is_byline(self)
        return self._byline


_INNER_RE = re.compile(r"[,;、。!?]")
_LATIN_ANY_RE = re.compile(r"[A-Za-z]")


# ----- line tests (on folded text) ---------------------------------------------------------
def _ends_final(f: str, latin: bool) -> bool:
    if not f:
        return False
    if f[-1] in _FINAL:
        return True
    if f[-1] in _CLOSERS and len(f) > 1 and f[-2] in _FINAL:
        return True
    return f[-1] == "." and latin


def _is_latin(f: str) -> bool:
    if not _LATIN_ANY_RE.search(f):
        return False
    letters = len(_LATIN_RE.findall(f))
    return letters * 2 >= len(f)


def _is_subtitle(f: str) -> bool:
    return f.startswith(("——", "—", "--", "－－")) and len(f) <= 60 and not f.endswith("。")


def _is_byline(line: _Line) -> bool:
    f = line.f
    if len(f) > 40 or "。" in f:
        return False
    if _BYLINE_RE.match(f):
        return bool(_parse_authors(line.text, f)) or f.endswith(("报道", "摄"))
    return f[:2] in _EN_BYLINE_STARTS and bool(_EN_BYLINE_RE.match(line.text))


_EN_BYLINE_STARTS = frozenset({"by", "wr", "re"})


def _is_meta_line(f: str) -> bool:
    if len(f) > 80:
        return False
    return bool(
        _META_LINE_RE.match(f) or (f[:1].isdigit() or f[:1] in "([【") and _DATE_LINE_RE.match(f)
    )


def _is_banner(f: str) -> bool:
    return len(f) <= 40 and "版" in f and bool(_BANNER_RE.search(f))


def _caption_marked(f: str) -> bool:
    if not f:
        return False
    return (
        f[0] in _CAPTION_MARKS
        or f.startswith(_CAPTION_PREFIXES)
        or (len(f) <= 40 and ("摄" in f or "图" in f) and bool(_CAPTION_CREDIT_RE.match(f)))
    )


def _short_plain(line: _Line, limit: int = 32) -> bool:
    """Short, and no punctuation inside (a caption or a heading, not a sentence)."""
    f = line.f
    return 2 <= len(f) <= limit and not line.inner and ":" not in f[:-1]


def _caption_like(line: _Line) -> bool:
    """A photo caption judged from the line alone and the blank lines before it."""
    f = line.f
    if line.marked:
        return True
    if not _short_plain(line) or line.latin:
        return False
    if f[-1] != "。" and line.punct:
        return False
    if line.gap >= 2 and (f[-1] == "。" or f[-1] not in _FINAL + ",;:、"):
        return True
    return f[-1] == "。" and len(f) <= 26 and bool(_CAPTION_END_RE.search(f))


def _is_top_caption(line: _Line) -> bool:
    """A photo caption above the body: marked, or a short line ending in 。 (titles never do)."""
    if line.marked:
        return True
    return _short_plain(line) and line.f.endswith("。") and not line.latin


def _title_like(line: _Line) -> bool:
    f = line.f
    if not f or line.marked or _is_subtitle(f) or line.byline:
        return False
    if line.meta or _is_banner(f):
        return False
    if line.latin:
        return len(f) <= 160 and not line.final
    return 2 <= len(f) <= 64 and "。" not in f and f[-1] not in ",;、"


def _heading_like(line: _Line) -> bool:
    f = line.f
    if line.latin:
        return len(f) <= 90 and len(f.split()) <= 14 and not line.final and f[-1] not in ",;:"
    if not 2 <= len(f) <= 32 or line.inner or line.final:
        return False
    return not f.endswith(("——", "—", ":", "…")) and not f.startswith("—")


def _paragraph_like(line: _Line) -> bool:
    return len(line.f) >= 12 and (line.punct or len(line.f) > 30)


# ----- authors -----------------------------------------------------------------------------
def _parse_authors(text: str, f: str) -> list[str]:
    """Names in a byline: "本报记者 孟凡明 刘霄宇" -> ["孟凡明", "刘霄宇"]; "By Li Wen"."""
    m = _EN_BYLINE_RE.match(text)
    if m and _is_latin(f):
        names = re.split(r"\s*(?:,|\band\b|&)\s*", m.group(1))
        return [n.strip() for n in names if n.strip()]
    authors: list[str] = []
    skipping = False
    for tok_match in re.finditer(r"[^\s、,;/|:()\[\]【】]+", f):
        start, end = tok_match.span()
        tok_f, tok = f[start:end], text[start:end]
        # A role glued to a name ("记者张三", "张三摄"): split it off.
        for role in _EDITOR_WORDS:
            if tok_f.startswith(role):
                skipping = True
                tok_f, tok = tok_f[len(role) :], tok[len(role) :]
                break
        else:
            for role in _ROLE_WORDS:
                # one-character roles (文, 图, 摄) only as a word of their own: 文静 is a name
                if tok_f.startswith(role) and (len(role) > 1 or tok_f == role):
                    skipping = False
                    tok_f, tok = tok_f[len(role) :], tok[len(role) :]
                    break
        for role in ("报道", "摄影", "摄"):
            if tok_f.endswith(role) and len(tok_f) > len(role):
                tok_f, tok = tok_f[: -len(role)], tok[: -len(role)]
                break
        if not tok_f or skipping or tok_f in _ROLE_WORDS:
            continue
        if _CJK_NAME_RE.match(tok_f) and tok not in authors:
            authors.append(tok)
    return authors


# ----- lines -------------------------------------------------------------------------------
def _split_lines(text: str, folded: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = 0
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if not stripped:
            gap += 1
        else:
            left = pos + (len(raw) - len(raw.lstrip()))
            lines.append(_Line(stripped, folded[left : left + len(stripped)], gap if lines else 0))
            gap = 0
        pos = end + 1
    return lines


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", fold(s))


def _find_title_by_hint(lines: list[_Line], hint: str) -> tuple[int, int] | None:
    target = _norm(hint)
    if not target:
        return None
    normed = [re.sub(r"\s+", "", ln.f) for ln in lines]
    for i, n in enumerate(normed):
        if n == target:
            return i, i
        if i + 1 < len(lines) and n and target.startswith(n) and n + normed[i + 1] == target:
            return i, i + 1
    return None


def _find_title(lines: list[_Line]) -> tuple[int, int] | None:
    """Index range (first, last) of the headline lines, or None."""
    top = min(len(lines), 16)
    anchor = next(
        (i for i in range(top) if _is_subtitle(lines[i].f) or lines[i].byline or lines[i].meta),
        None,
    )
    if anchor:
        t = anchor - 1
        # Skip subtitles, and photo captions that a layout put between headline and byline.
        while t > 0 and (
            _is_subtitle(lines[t].f)
            or _is_top_caption(lines[t])
            or lines[t].byline
            or lines[t].meta
        ):
            t -= 1
        if _title_like(lines[t]):
            first = t
            prev = lines[t - 1] if t > 0 else None
            if prev and prev.f.endswith(":") and len(prev.f) <= 24 and "。" not in prev.f:
                first = t - 1
            return first, t
    candidates = [i for i in range(top) if _title_like(lines[i]) and not _caption_like(lines[i])]
    if not candidates:
        return None
    first = candidates[0]
    # A very short first line ("看长春") followed by a longer title-like line is a column name.
    if len(lines[first].f) <= 6 and len(candidates) > 1 and candidates[1] == first + 1:
        nxt = candidates[1]
        if nxt + 1 < len(lines) and _paragraph_like(lines[nxt + 1]):
            first = nxt
    return first, first


def _join_broken(lines: list[_Line]) -> list[_Line]:
    """Join paragraphs broken in mid-sentence; a photo caption may sit between the halves."""
    out: list[_Line] = []
    taken = [False] * len(lines)
    for i, cur in enumerate(lines):
        if taken[i]:
            continue
        k = i + 1
        while _can_continue(cur):
            while k < len(lines) and (taken[k] or lines[k].kind == "caption"):
                k += 1
            if k >= len(lines) or not _continues(lines, k):
                break
            nxt = lines[k]
            taken[k] = True
            latin_seam = cur.f[-1:].isascii() and cur.f[-1:].isalnum() and nxt.f[:1].isascii()
            sep = " " if latin_seam else ""
            cur = _Line(cur.text + sep + nxt.text, cur.f + sep + nxt.f, cur.gap, cur.kind)
        out.append(cur)
    return out


def _can_continue(line: _Line) -> bool:
    f = line.f
    if line.kind or line.final or f.endswith(("——", "—", ":", "…", "”")):
        return False
    if line.latin:
        return len(f) >= 40 and f[-1] not in ".!?:"
    return _paragraph_like(line)


def _continues(lines: list[_Line], j: int) -> bool:
    nxt = lines[j]
    f = nxt.f
    if nxt.kind or _is_subtitle(f) or nxt.byline or nxt.marked or f.startswith("—"):
        return False
    if nxt.latin:
        return f[:1].islower()
    if not (nxt.punct or nxt.final) or _heading_like(nxt):
        return False
    if f.startswith(_SENTENCE_OPENERS):
        return False
    after = lines[j + 1] if j + 1 < len(lines) else None
    return not (after and len(f) >= 2 and after.f[:2] == f[:2])  # a list, not a continuation


# ----- the analysis ------------------------------------------------------------------------
def analyse(doc: RawDocument, folded: str | None = None) -> Structure:
    """Blocks and headline data of ``doc`` (``folded`` is ``fold(doc.text)`` if at hand)."""
    text = doc.text
    if folded is None or len(folded) != len(text):
        folded = fold(text)
    lines = _split_lines(text, folded)
    if not lines and not doc.title_hint:
        return Structure(title="")

    caption_hints = {_norm(c) for c in doc.caption_hints if c.strip()}
    heading_hints = {_norm(h) for h in doc.heading_hints if h.strip()}

    for line in lines:
        if caption_hints:
            if _norm(line.f) in caption_hints:
                line.kind = "caption"
        elif line.marked:
            line.kind = "caption"

    title_range: tuple[int, int] | None = None
    title_text: str | None = None
    if doc.title_hint and doc.title_hint.strip():
        title_text = " ".join(doc.title_hint.split())
        title_range = _find_title_by_hint(lines, doc.title_hint)
    if title_text is None:
        title_range = _find_title(lines)

    blocks: list[Block] = []
    kickers: list[str] = []
    body_start = 0
    if title_range:
        first, last = title_range
        for line in lines[:first]:
            kind = _top_kind(line, bool(caption_hints))
            blocks.append(Block(kind, line.text))
            if kind == "kicker" and not line.banner:
                kickers.append(line.text)
        title_lines = lines[first : last + 1]
        joined = "".join(ln.text for ln in title_lines)
        if len(title_lines) > 1 and all(ln.latin for ln in title_lines):
            joined = " ".join(ln.text for ln in title_lines)
        blocks.append(Block("title", joined))
        if title_text is None:
            title_text = joined
        body_start = last + 1
    elif title_text is not None:
        blocks.append(Block("title", title_text))

    if not caption_hints:
        for line in lines[body_start:]:
            if not line.kind and _caption_like(line) and not _heading_hint(line, heading_hints):
                line.kind = "caption"
    for line in lines[body_start:]:
        if not line.kind and line.meta:
            line.kind = "byline"  # a date or source stamp: never part of a paragraph
    body = _join_broken(lines[body_start:])
    prev = "title" if title_range or title_text else ""
    # Kicker lines that markup put after the headline (an HTML page with the <h1> first):
    # short lines between the headline and a byline a few lines further down.
    byline_at = next((i for i, ln in enumerate(body[:7]) if ln.byline), -1) if prev else -1
    authors: list[str] = []
    # index of the last line that is not a caption: a heading needs something after it
    last_text = max((i for i, ln in enumerate(body) if ln.kind != "caption"), default=-1)
    for idx, line in enumerate(body):
        if idx < byline_at and not line.kind and _kicker_after_title(line, heading_hints):
            kind = "kicker"
            kickers.append(line.text)
        else:
            kind = _body_kind(line, idx < last_text, prev, heading_hints)
        blocks.append(Block(kind, line.text))
        if kind == "byline" and line.byline:
            for name in _parse_authors(line.text, line.f):
                if name not in authors:
                    authors.append(name)
        prev = kind

    if title_text is None:
        first_text = lines[0].text if lines else ""
        title_text = first_text if len(first_text) <= 64 else first_text[:40] + "…"

    if doc.author_hints:
        authors = [a.strip() for a in doc.author_hints if a.strip()]
    elif not authors:
        authors = _inline_reporters(blocks)

    subtitles = [b.text for b in blocks if b.kind == "subtitle"]
    subtitle = None
    if subtitles:
        after_title = []
        seen_title = False
        for b in blocks:
            if b.kind == "title":
                seen_title = True
            elif seen_title and b.kind == "subtitle":
                after_title.append(b.text)
            elif seen_title and b.kind not in ("kicker",):
                break
        subtitle = " ".join(after_title) if after_title else subtitles[0]
    kicker = " ".join(kickers) if kickers else None
    return Structure(title_text, subtitle, kicker, authors, blocks)


def _kicker_after_title(line: _Line, heading_hints: set[str]) -> bool:
    f = line.f
    if _is_subtitle(f) or line.final or len(f) > 40 or line.latin or line.meta:
        return False
    return not _heading_hint(line, heading_hints)


def _heading_hint(line: _Line, heading_hints: set[str]) -> bool:
    return bool(heading_hints) and _norm(line.f) in heading_hints


def _top_kind(line: _Line, captions_hinted: bool) -> str:
    """The kind of a line above the headline."""
    f = line.f
    if line.kind:
        return line.kind
    if line.meta or line.byline:
        return "byline"
    if _is_banner(f):
        line.banner = True
        return "kicker"
    if not captions_hinted and _is_top_caption(line):
        return "caption"
    if line.final or len(f) > 40 or (line.latin and len(f) > 100):
        return "paragraph"
    return "kicker"


def _body_kind(line: _Line, text_follows: bool, prev: str, heading_hints: set[str]) -> str:
    f = line.f
    if line.kind:
        return line.kind
    if heading_hints and _norm(f) in heading_hints:
        return "heading"
    if _is_subtitle(f) and prev in ("title", "subtitle", "heading"):
        return "subtitle"
    if line.byline:
        return "byline"
    if line.meta and len(f) <= 60:
        return "byline"
    if text_follows and not heading_hints and _heading_like(line) and not _ANY_DATE_RE.fullmatch(f):
        return "heading"
    return "paragraph"


def _inline_reporters(blocks: list[Block]) -> list[str]:
    """Reporters named in the first paragraph: "本报讯（记者 张三 通讯员 李四）…"."""
    for b in blocks:
        if b.kind == "paragraph":
            m = _INLINE_REPORTER_RE.search(fold(b.text[:80]))
            if m:
                start = m.start(1)
                return _parse_authors(b.text[start : m.end(1)], fold(b.text[start : m.end(1)]))
            return []
    return []
