"""Publication date and year of an article, from its text.

Order of evidence (DESIGN.md section 4):

1. a hint from the file's markup (``RawDocument.date_hint``): source ``hint``;
2. a dateline or stamp: "发布时间：2020-09-15", "2024年6月18日 来源：…", a date alone on a
   line at the top, "CHANGCHUN, June 18, 2024 —", "本报讯 … 2024年6月18日": ``dateline``;
3. the latest reported event: "2023年11月21日，…完成了暖封闭", "2025年上半年", "10月17日至19日"
   with "2023中德汽车大会" in the same sentence, "今年7月" once the year is known: ``event``;
   targets and forecasts never count ("到2025年", "力争", "预计", "计划", "将于", "by 2030").
   When the latest event year is told as a finished year ("以2023年数据为例") and nothing
   says that year is still running, the article is from the year after: ``inferred``.

When the text does not tell, the year is None: a wrong year is worse than none. Everything
runs on folded text (``index.folding.fold``): half-width digits and punctuation, simplified
characters, lower case.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from index.cjk import is_ideograph

from ..isodate import iso_date
from .prose import is_non_prose_line, mask_non_prose
from .textmatch import KeywordMatcher, fast_fold

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_Y = r"((?:19|20)\d{2})"

_CN_FULL = rf"{_Y}\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*[日号]"
_CN_YM = rf"{_Y}\s*年\s*(\d{{1,2}})\s*月(?!\s*\d)"
_NUM_YMD = rf"{_Y}[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?!\d)"
_EN_MDY = rf"{_EN_MONTH}\s+(\d{{1,2}}),?\s+{_Y}"
_EN_DMY = rf"(\d{{1,2}})\s+{_EN_MONTH},?\s+{_Y}"
_ANY_DATE = rf"(?:{_CN_FULL}|{_NUM_YMD}|{_EN_MDY}|{_EN_DMY}|{_CN_YM})"
_ANY_DATE_RE = re.compile(_ANY_DATE)

_STAMP_TAIL_RE = re.compile(
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:星期.|周.)?\s*"
    r"(?:来源|来自|稿源|source|作者|编辑|责任编辑|责编|浏览|阅读|字号|第\s*\w{1,4}\s*版)"
)
_DATE_LINE_RE = re.compile(
    rf"^\s*[(\[【]?\s*{_ANY_DATE}\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?:星期.|周.)?\s*[)\]】]?\s*$",
    re.MULTILINE,
)
_WIRE_RE = re.compile(
    r"本报讯|本刊讯|新华社[^\n。]{0,12}电|中新社[^\n。]{0,12}电|通讯员[^\n。]{0,20}讯"
)

# What follows a number that is a quantity, not a year ("2000平方米", "2100万元").
_UNIT_AFTER_RE = re.compile(
    r"\s*(?:\.\d|万|亿|元|个|辆|台|套|株|名|户|人|件|项|家|次|平方|米|公里|千米|吨|余|多|千|百|"
    r"份|座|款|级|篇|页|倍|条|处|所|间|栋|场|批|位|只|根|张|股|亩|公顷|天|小时|分钟|万|km|kg|"
    r"种|字节|字符|个字|行代码|行文字|列|像素|兆|毫秒|秒|帧|次方|×|x\d|\*|"
    r"m\b|t\b|units?\b|people\b|vehicles?\b|cars\b|yuan\b|dollars?\b|percent\b|年代|"
    r"bytes?\b|bits?\b|[kmgt]i?b\b|px\b|pixels?\b|dpi\b|hz\b|ms\b|lines?\b|rows?\b|"
    r"colou?rs?\b|characters?\b|chars?\b|languages?\b|times\b|items?\b|files?\b|pages?\b|"
    r"points?\b|pt\b|steps?\b|entries\b|blocks?\b|words?\b)"
)
# What precedes a number that is a count, a setting, a version or an identifier.
_QUANTITY_BEFORE_RE = re.compile(
    r"(?:(?:第|共|约|计|达|超|近|逾|¥|\$|号|no\.|#)\s*|[=×*+/\\_@~^v]|"
    r"(?<![a-z])(?:版本|version|ver\.?|release|大小|size|端口|port|编号|pid|uid|gid|错误|error|代码|code|"
    r"bs|count|number|数量|数目|总数|长度|宽度|高度|width|height|length|max|min|limit|id)"
    r"\s*[:：]?\s*)$"
)
_RANGE_AFTER_RE = re.compile(r"\s*(?:—|–|-|~|至|到)\s*(?:19|20)\d{2}")
_BEFORE_YEAR_RANGE_RE = re.compile(r"(?:19|20)\d{2}\s*(?:—|–|-|~|至|到)\s*$")

_TARGET_BEFORE_RE = re.compile(
    r"力争|预计|预期|计划|规划|目标|争取|有望|将|要在|确保|瞄准|展望|谋划|储备|迈向|冲刺"
)
_PAST_AFTER_RE = re.compile(
    r"了|已|完成|成功|召开|举办|举行|印发|发布|签约|落成|投产|开工|竣工|达到|增长|下降|同比|"
    r"启动|成立|获批|入选|跻身|建成|实现了|揭牌|挂牌|首次|提出|审议|通过|签署|签订|宣布|表示|交付|"
    r"下线|亮相|上市|开幕|闭幕|落户|开通|通车|出台|正式"
)
_FUTURE_AFTER_RE = re.compile(
    r"将|要(?:在|突破|实现|达到|完成|力争|建成)|力争|有望|预计|计划|争取|目标|确保|拟"
)
_TARGET_YEAR_AFTER_RE = re.compile(
    r"年(?:底)?(?:之|以)?前(?!\s*[一二三四五六七八九十两几\d]+\s*(?:季度|个月|月|周|天))"
)

_NOW_ANCHOR_RE = re.compile(
    rf"{_Y}\s*年?\s*(?:行至|走到|已至|即将|就要|进入)\s*(?:年终|岁尾|岁末|尾声|过去|结束)"
)
_FINISHED_YEAR_RE = re.compile(
    rf"以\s*{_Y}\s*年(?:的|全年)?\s*(?:数据|统计)|{_Y}\s*年全年|回顾\s*{_Y}\s*年|{_Y}\s*年\s*(?:一年来|这一年里)"
)
# "月" is searched as a literal (fast); the month digits before it are read by hand.
_MONTH_RE = re.compile(r"月(?:\s*(\d{1,2})\s*[日号])?")
_THIS_YEAR = ("今年", "本年", "this year")


@dataclass(frozen=True)
class DateInfo:
    """An ISO date (possibly partial), its year, where it came from and the words that say so.

    ``source`` is the kind of evidence (``hint``, ``dateline``, ``explicit``, ``event``,
    ``inferred``, ``manual``); ``evidence`` the text it was read from, shortened.
    """

    date: str | None = None
    year: int | None = None
    source: str | None = None
    evidence: str | None = None

    @property
    def stored_source(self) -> str | None:
        """``source`` and ``evidence`` as one string, the form kept in ``date_source``."""
        return join_source(self.source, self.evidence)


def join_source(kind: str | None, evidence: str | None) -> str | None:
    """``"dateline: 发布时间：2020-09-15"``: a date's kind of evidence and its text."""
    if not kind:
        return None
    evidence = " ".join((evidence or "").split())
    return f"{kind}: {evidence}" if evidence else kind


def split_source(value: str | None) -> tuple[str, str]:
    """The kind and the evidence text of a stored ``date_source`` ("" when missing)."""
    if not value:
        return "", ""
    kind, _, evidence = value.partition(": ")
    return kind.strip(), evidence.strip()


_NONE = DateInfo()


def parse_iso(value: str | None) -> DateInfo:
    """A hint like "2024", "2024-6" or "2024-06-18" as a ``DateInfo`` (source ``hint``)."""
    if not value:
        return _NONE
    m = re.match(r"^\s*((?:18|19|20|21)\d{2})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?", value)
    if not m:
        return _NONE
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    iso = iso_date(int(m.group(1)), month, day)
    return DateInfo(iso, int(m.group(1)), "hint", value.strip()[:40]) if iso else _NONE


def detect_date(
    folded: str,
    hint: str | None = None,
    *,
    text: str | None = None,
    today: _dt.date | None = None,
    metadata_date: str | None = None,
) -> DateInfo:
    """The article's date from its folded text (see the module docstring).

    ``text`` is the text as written (same length as ``folded``), for the evidence shown to
    the user; ``today`` bounds the answer: a date after it is not a publication date;
    ``metadata_date`` (the file's properties) is used when nothing else tells the date.
    """
    limit = (today or _dt.date.today()).isoformat()
    if hint:
        info = parse_iso(hint)
        if info.year and not _is_future(info.date, limit):
            return info
    found_info = _from_text(folded, text, limit)
    if found_info.year or not metadata_date:
        return found_info
    info = parse_iso(metadata_date)
    if info.year and not _is_future(info.date, limit):
        return DateInfo(info.date, info.year, "hint", f"file properties: {info.date}")
    return _NONE


def _from_text(folded: str, text: str | None, limit: str) -> DateInfo:
    shown = text if text is not None and len(text) == len(folded) else folded
    prose = mask_non_prose(folded)
    scan = _Scan(prose, limit)
    if not scan.years:
        return _NONE
    found = _dateline(scan)
    if found:
        return DateInfo(found.iso, found.year, "dateline", _evidence_line(shown, found.start, found.end))
    if _is_narrative(prose):
        info = _from_events(scan, shown)
        if info.year:
            return info
    found = _explicit_near_top(scan)
    if found:
        return DateInfo(found.iso, found.year, "explicit", _evidence_line(shown, found.start, found.end))
    return _NONE


def redetect_date(text: str) -> dict:
    """The date columns of a stored article (``date``, ``year``, ``date_source``) read again
    from its text, for a reindex after the rules changed."""
    info = detect_date(fast_fold(text), text=text)
    return {"date": info.date, "year": info.year, "date_source": info.stored_source}


def _is_future(iso: str | None, limit: str) -> bool:
    """True when ``iso`` (possibly partial) is after the day ``limit`` (ISO)."""
    return iso is not None and iso != "" and iso > limit[: len(iso)]


def _evidence_line(text: str, start: int, end: int, width: int = 60) -> str:
    """The line holding ``text[start:end]``, cut to about ``width`` characters around it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lo = max(line_start, start - (width - (end - start)) // 2)
    hi = min(line_end, max(end, lo + width))
    out = text[lo:hi].strip()
    return ("…" if lo > line_start else "") + out + ("…" if hi < line_end else "")


# Words that tell a reported story, not a manual: reporters, "this year", growth figures.
_NARRATIVE_WORDS = (
    "本报", "本刊", "记者", "通讯员", "今年", "去年", "同比", "环比", "日电", "近日", "日前", "据悉",
    "据了解", "截至", "上半年", "下半年", "前三季度", "一季度", "二季度", "三季度", "四季度", "当天",
    "昨天", "昨日", "日上午", "日下午", "召开", "签约", "揭牌", "开工", "投产", "竣工", "增长", "下降",
    "亮相", "举行", "举办", "开幕", "闭幕", "回望", "回顾", "岁末", "年终", "产值", "亿元",
    "万元", "万辆", "this year", "last year", " said", " reported", " announced", "according to",
    "reporter", "correspondent", "told", "spokesman", "spokeswoman", "spokesperson", "officials",
    "percent", "million", "billion", "quarter", "revenue", "on monday", "on tuesday",
    "on wednesday", "on thursday", "on friday", "on saturday", "on sunday",
)
# Words of a manual, reference or program listing.
_TECHNICAL_WORDS = (
    "命令", "选项", "参数", "语法", "用法", "示例", "菜单", "对话框", "按钮", "安装", "脚本", "函数",
    "变量", "软件包", "源代码", "编译", "终端", "快捷键", "usage", "option",
    "synopsis", "syntax", "command", "menu", "dialog", "button", "configure", "install",
    "function", "parameter",
)
_NARRATIVE_HEAD = 4000  # characters read for the signals


@lru_cache(maxsize=1)
def _signal_matcher() -> KeywordMatcher:
    return KeywordMatcher([(w, ("n", w.strip())) for w in _NARRATIVE_WORDS]
                          + [(w, ("t", w)) for w in _TECHNICAL_WORDS])


def _is_narrative(prose: str) -> bool:
    """True when the text reads as a report of events (news), not as a manual or listing."""
    head = prose[:_NARRATIVE_HEAD]
    found = {cast(tuple[str, str], value) for _s, _e, value in _signal_matcher().find(head)}
    signals = sum(1 for kind, _w in found if kind == "n")
    technical = len(found) - signals
    needed = 1 if len(head) < 400 else 2
    return signals >= needed and signals > technical


def _explicit_near_top(scan: _Scan) -> _Date | None:
    """A date on the title page, or an ISO or English date near the top told as the date
    of the document ("last revised on March 3, 2020", "版本 2.100 (2023-02-04)")."""
    f = scan.f
    title_lines = _title_page_lines(f)
    on_title = {d.iso for d in scan.dates if f.rfind("\n", 0, d.start) + 1 in title_lines}
    if len(on_title) > 1:
        title_lines = set()  # a list of dated entries, not a title page
    for d in scan.dates:
        line_start = f.rfind("\n", 0, d.start) + 1
        if line_start in title_lines:
            return d  # a title page may give the month only ("2022年9月")
        if d.start >= 600:
            continue
        if d.iso.count("-") != 2:
            continue
        if _CN_FULL_RE.match(f, d.start):
            continue  # "1998年6月5日发布": a Chinese date in prose is an event, read as one
        sentence = f[scan.sentence_start(d.start, 80) : d.start]
        if _DOC_DATE_LABEL_RE.search(sentence) and not _is_target(
            scan, d.start, d.end, look_after=False
        ):
            return d
    for line_start in sorted(title_lines) if len(on_title) == 0 else ():
        line_end = f.find("\n", line_start)
        m = _EN_MONTH_YEAR_RE.search(f, line_start, len(f) if line_end < 0 else line_end)
        if m and not _is_future(iso_date(int(m.group(2)), _MONTHS[m.group(1)[:3]]), scan.limit):
            iso = iso_date(int(m.group(2)), _MONTHS[m.group(1)[:3]])
            if iso:
                return _Date(m.start(), m.end(), iso, int(m.group(2)))  # "November 1998"
    return None


_EN_MONTH_YEAR_RE = re.compile(rf"\b{_EN_MONTH}\s+{_Y}\b")


def _title_page_lines(f: str) -> set[int]:
    """Starts of the short, unpunctuated lines among the first eight: a title page."""
    out: set[int] = set()
    pos = seen = lines = 0
    n = len(f)
    while pos < n and seen < 8 and lines < 80:
        end = f.find("\n", pos)
        end = n if end < 0 else end
        line = f[pos:end].strip()
        lines += 1
        if line and not is_non_prose_line(line):  # markup and comments are not on the page
            seen += 1
            if len(line) <= 80 and not _SENTENCE_PUNCT_RE.search(line):
                out.add(pos)
        pos = end + 1
    return out


_CN_FULL_RE = re.compile(_CN_FULL)
_SENTENCE_PUNCT_RE = re.compile(r"[。,，;；!?！？]|\.\s")
_DOC_DATE_LABEL_RE = re.compile(
    r"版本|修订|更新|发布|出版|印刷|编写|撰写|\bversion\b|\bedition\b|\brevision\b|\brevised\b|"
    r"\bupdated\b|\bpublished\b|\bwritten\b|\bdated\b|\breleased\b|\bissued\b|\bmodified\b|"
    r"\bcreated\b|\bas of\b|\blast changed?\b"
)
# Every date contains a year, and four-digit runs are rare in prose: all searches start from
# the year positions found by one fast regex, instead of running date patterns everywhere.
_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d\d")
_AT_YEAR_RE = re.compile(rf"{_CN_FULL}|{_NUM_YMD}|{_CN_YM}")
_EN_BEFORE_YEAR_RE = re.compile(rf"(?:{_EN_MDY}|{_EN_DMY})$")
_LABEL_BEFORE_RE = re.compile(
    r"(?:发布时间|发布日期|发表时间|发表日期|发稿时间|刊发时间|刊发日期|出版日期|见报日期|更新时间|"
    r"更新日期|最后更新|更新于|发布于|修订日期|修改日期|"
    r"published|posted|updated|last modified|release date|"
    r"(?:^|\s)(?:日期|时间|date))\s*(?::|at|on)?\s*[(\[【]?\s*$",
    re.MULTILINE,
)
_EN_DATELINE_BEFORE_RE = re.compile(
    r"^[a-z][a-z .'\-]{1,40},\s*(?:[a-z][a-z .'\-]{1,30},\s*)?$", re.MULTILINE
)
_SENTENCE_MARK_RE = re.compile(r"[。!?;\n]")
_CLAUSE_MARK_RE = re.compile(r"[。!?;\n,:]")


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    iso: str
    year: int


class _Scan:
    """Year positions, full dates and sentence boundaries of one folded text, found once."""

    def __init__(self, folded: str, limit: str = "9999-12-31"):
        self.f = folded
        self.limit = limit  # the import day: later dates are not publication dates
        self.years: list[tuple[int, int]] = []  # (start, year) of four-digit year-like runs
        n = len(folded)
        last_year = int(limit[:4])
        for m in _YEAR_DIGITS_RE.finditer(folded):
            start, end = m.span()
            if start > 0 and (folded[start - 1].isdigit() or folded[start - 1].isalpha()
                              and folded[start - 1].isascii()):
                continue
            if end < n and (folded[end].isdigit() or folded[end].isalpha()
                            and folded[end].isascii() and not folded[end:end + 2].isalpha()):
                continue
            if int(m.group()) > last_year:
                continue
            self.years.append((start, int(m.group())))
        self._dates: list[_Date] | None = None
        self._rev: str | None = None

    @property
    def dates(self) -> list[_Date]:
        """Full or year-month dates ("2024年6月18日", "2024-06-18", "june 18, 2024")."""
        if self._dates is None:
            f = self.f
            found: list[_Date] = []
            for pos, year in self.years:
                m = _AT_YEAR_RE.match(f, pos)
                if m:
                    iso = _date_from_groups(m)
                    if iso and not _is_future(iso, self.limit):
                        found.append(_Date(pos, m.end(), iso, year))
                    continue
                e = _EN_BEFORE_YEAR_RE.search(f, max(0, pos - 22), pos + 4)
                if e:
                    iso = _date_from_en(e)
                    if iso and not _is_future(iso, self.limit):
                        found.append(_Date(e.start(), e.end(), iso, year))
            self._dates = found
        return self._dates

    def clause_start(self, pos: int, limit: int) -> int:
        """Start of the clause holding ``pos``, looking back at most ``limit`` characters."""
        return self._back(pos, limit, _CLAUSE_MARK_RE)

    def sentence_start(self, pos: int, limit: int) -> int:
        return self._back(pos, limit, _SENTENCE_MARK_RE)

    def sentence_end(self, pos: int, limit: int) -> int:
        """End of the sentence holding ``pos``, looking ahead at most ``limit`` characters."""
        hi = min(len(self.f), pos + limit)
        m = _SENTENCE_MARK_RE.search(self.f, pos, hi)
        return m.start() if m else hi

    def _back(self, pos: int, limit: int, pattern: re.Pattern) -> int:
        if self._rev is None:
            self._rev = self.f[::-1]
        n = len(self.f)
        m = pattern.search(self._rev, n - pos, n - max(0, pos - limit))
        return n - m.start() if m else max(0, pos - limit)


def _date_from_groups(m: re.Match) -> str | None:
    g = m.groups()
    if g[0]:
        return iso_date(int(g[0]), int(g[1]), int(g[2]))
    if g[3]:
        return iso_date(int(g[3]), int(g[4]), int(g[5]))
    if g[6]:
        return iso_date(int(g[6]), int(g[7]))
    return None


def _date_from_en(m: re.Match) -> str | None:
    g = m.groups()
    if g[0]:
        return iso_date(int(g[2]), _MONTHS[g[0][:3]], int(g[1]))
    if g[3]:
        return iso_date(int(g[5]), _MONTHS[g[4][:3]], int(g[3]))
    return None


# ----- datelines -------------------------------------------------------------------------
def _dateline(scan: _Scan) -> _Date | None:
    f = scan.f
    n = len(f)
    head_end = min(n, 800)
    tail_start = max(head_end, n - 500)
    near_edges = [d for d in scan.dates if d.start < head_end or d.start >= tail_start]
    for d in near_edges:
        if _LABEL_BEFORE_RE.search(f, max(0, d.start - 16), d.start):
            return d
    for d in near_edges:
        if _STAMP_TAIL_RE.match(f, d.end):
            return d
    first_lines = _edge_line_spans(f) if near_edges else set()
    alone: list[_Date] = []
    for d in near_edges:
        line_start = f.rfind("\n", 0, d.start) + 1
        line_end = f.find("\n", d.end)
        line_end = n if line_end < 0 else line_end
        if line_start in first_lines and _DATE_LINE_RE.match(f, line_start, line_end):
            alone.append(d)
    # One date alone on a line is a stamp; several in a row are a list of dated entries.
    head = {d.iso for d in alone if d.start < head_end}
    tail = {d.iso for d in alone if d.start >= tail_start}
    if len(head) == 1 and _dated_lines(scan, 0, head_end) == 1:
        return alone[0]
    if not head and len(tail) == 1 and _dated_lines(scan, tail_start, n) == 1:
        return alone[0]
    for d in near_edges:
        line_start = f.rfind("\n", 0, d.start) + 1
        if d.start < head_end and _EN_DATELINE_BEFORE_RE.match(f, line_start, d.start):
            return d
    if "讯" in f[:head_end] or "电" in f[:head_end]:
        wire = _WIRE_RE.search(f, 0, head_end)
        if wire:
            for d in scan.dates:
                if wire.end() <= d.start <= wire.end() + 40 and d.iso.count("-") == 2:
                    return d
    return None


def _dated_lines(scan: _Scan, lo: int, hi: int) -> int:
    """How many different dates stand alone on their lines between ``lo`` and ``hi``."""
    f = scan.f
    seen: set[str] = set()
    for d in scan.dates:
        if lo <= d.start < hi:
            line_start = f.rfind("\n", 0, d.start) + 1
            line_end = f.find("\n", d.end)
            if _DATE_LINE_RE.match(f, line_start, len(f) if line_end < 0 else line_end):
                seen.add(d.iso)
    return len(seen)


def _edge_line_spans(f: str) -> set[int]:
    """Start offsets of the first eight and last three non-empty lines."""
    starts: list[int] = []
    pos = 0
    n = len(f)
    while pos < n and len(starts) < 8:
        end = f.find("\n", pos)
        end = n if end < 0 else end
        if f[pos:end].strip():
            starts.append(pos)
        pos = end + 1
    end = n
    tail: list[int] = []
    while end > 0 and len(tail) < 3:
        start = f.rfind("\n", 0, end) + 1
        if f[start:end].strip():
            tail.append(start)
        end = start - 1
    return set(starts + tail)


# ----- reported events ---------------------------------------------------------------------
def _is_target(scan: _Scan, start: int, end: int, look_after: bool = True) -> bool:
    """True when the time expression at ``start:end`` is a target or forecast, not an event."""
    f = scan.f
    before = f[scan.clause_start(start, 14) : start]
    if _TARGET_BEFORE_RE.search(before):
        return True
    tail = before.rstrip().removesuffix("了").rstrip()
    if tail.endswith(_TARGET_IMMEDIATE) and not tail.endswith("截至"):
        return True
    english = start >= 2 and f[start - 1] == " " and f[start - 2].isascii()
    if english:
        if tail.endswith(_EN_TARGET_IMMEDIATE):
            return True
        if _EN_FUTURE_RE.search(f, scan.sentence_start(start, 160), start):
            return True
    if not look_after:
        return False
    after = f[end : scan.sentence_end(end, 60)]
    past = _PAST_AFTER_RE.search(after)
    future = _FUTURE_AFTER_RE.search(after)
    if english:
        past = past or _EN_PAST_RE.search(after)
        future = future or _EN_FUTURE_RE.search(after)
    return bool(future and (not past or future.start() < past.start()))


_TARGET_IMMEDIATE = ("至", "到", "实现")
_EN_TARGET_IMMEDIATE = (" by", " until", " through", "by", "until")
_EN_FUTURE_RE = re.compile(
    r"\b(?:will|plans?|planned|expects?|expected|targets?|aims?|goal|forecasts?|projected|"
    r"scheduled|intends?|hopes?)\b"
)
_EN_PAST_RE = re.compile(
    r"\b(?:was|were|had|rose|fell|grew|signed|opened|held|completed|launched|reported|reached|"
    r"produced|sold)\b"
)


@dataclass(frozen=True)
class _Mention:
    year: int
    start: int
    end: int
    target: bool


def _year_mentions(scan: _Scan) -> list[_Mention]:
    f = scan.f
    mentions: list[_Mention] = []
    for start, year in scan.years:
        end = start + 4
        if start > 1 and f[start - 1] in ".,:/-" and f[start - 2].isdigit():
            continue  # part of a bigger number or a date written another way
        if end < len(f) and f[end] == "%":
            continue
        if _UNIT_AFTER_RE.match(f, end):
            continue
        if _QUANTITY_BEFORE_RE.search(f, max(0, start - 12), start):
            continue
        if _RANGE_AFTER_RE.match(f, end) or _BEFORE_YEAR_RANGE_RE.search(
            f, max(0, start - 8), start
        ):
            continue  # "2020—2035年": the span of a plan, not an event
        nxt = f[end : end + 1]
        if nxt == "年" and _FULL_DATE_AFTER_RE.match(f, end):
            # A day of the month is told for what happened, hardly ever for a target.
            target = _is_target(scan, start, end, look_after=False)
        elif nxt == "年":
            target = bool(_TARGET_YEAR_AFTER_RE.match(f, end)) or _is_target(scan, start, end + 1)
        elif nxt == "" or nxt in " ,.;:!?)]】\"'”’" or is_ideograph(nxt):
            target = _is_target(scan, start, end)
        else:
            continue
        mentions.append(_Mention(year, start, end, target))
    return mentions


def _from_events(scan: _Scan, shown: str) -> DateInfo:
    mentions = _year_mentions(scan)
    events = [m for m in mentions if not m.target]
    if not events:
        return _NONE
    year = max(m.year for m in events)
    f = scan.f
    finished = running = False
    first = next(m for m in events if m.year == year)
    for m in events:
        if m.year != year:
            continue
        window = f[max(0, m.start - 3) : m.end + 10]
        if not finished and _FINISHED_YEAR_RE.search(window):
            finished, first = True, m
        running = running or bool(_NOW_ANCHOR_RE.match(f, m.start))
    if finished and not running and not _is_future(iso_date(year + 1), scan.limit):
        return DateInfo(iso_date(year + 1), year + 1, "inferred",
                        _evidence_line(shown, first.start, first.end, 40))
    candidates: list[tuple[str, int, int]] = [(iso_date(year) or "", first.start, first.end)]
    best = _latest_month_day(scan, year, mentions)
    if best:
        candidates.append((iso_date(year, best[0], best[1]) or "", best[2], best[3]))
    # full dates written another way ("June 18, 2024", "2024-06-18") in the same year
    for d in scan.dates:
        if d.year == year and not _is_target(scan, d.start, d.end, look_after=False):
            candidates.append((d.iso, d.start, d.end))
    usable = [c for c in candidates if c[0] and not _is_future(c[0], scan.limit)]
    if not usable:
        return _NONE
    latest = max(usable, key=lambda c: (c[0], len(c[0])))
    return DateInfo(latest[0], year, "event", _evidence_line(shown, latest[1], latest[2], 40))


def _latest_month_day(
    scan: _Scan, year: int, mentions: list[_Mention]
) -> tuple[int, int | None, int, int] | None:
    """The latest (month, day) of a reported event in ``year``."""
    f = scan.f
    best: tuple[int, int] | None = None
    best_day: int | None = None
    span = (0, 0)
    for m in _MONTH_RE.finditer(f):
        digits_end = m.start()
        while digits_end > 0 and f[digits_end - 1] == " ":
            digits_end -= 1
        digits_start = digits_end
        while digits_start > 0 and digits_end - digits_start < 3 and f[digits_start - 1].isdigit():
            digits_start -= 1
        if digits_start == digits_end or digits_end - digits_start > 2:
            continue
        if digits_start > 0 and f[digits_start - 1] in ".-/":
            continue
        month = int(f[digits_start:digits_end])
        day = int(m.group(1)) if m.group(1) else None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        key = (month, day or 0)
        if best is not None and key <= best:
            continue
        if _bound_year(scan, digits_start, year, mentions) != year:
            continue
        if _is_target(scan, digits_start, m.end()):
            continue
        best, best_day, span = key, day, (digits_start, m.end())
    if best is None:
        return None
    return best[0], best_day, span[0], span[1]


def _bound_year(scan: _Scan, start: int, pub_year: int, mentions: list[_Mention]) -> int | None:
    """The year a month or month-day expression belongs to, if the text tells."""
    f = scan.f
    before = f[max(0, start - 6) : start]
    ym = _YEAR_SUFFIX_RE.search(before)
    if ym:
        return int(ym.group(1))
    stripped = before.rstrip()
    if stripped.endswith(_THIS_YEAR):
        return pub_year
    if stripped.endswith(("去年", "明年", "前年", "后年")):
        return None
    sent_start, sent_end = scan.sentence_start(start, 200), scan.sentence_end(start, 200)
    in_sentence = [m for m in mentions if sent_start <= m.start < sent_end and not m.target]
    if in_sentence:
        return min(in_sentence, key=lambda m: abs(m.start - start)).year
    window_start = max(0, start - 200)
    preceding = [m for m in mentions if window_start <= m.start < start and not m.target]
    this_year = f.rfind("今年", window_start, start)
    if preceding and (this_year < 0 or preceding[-1].start > this_year):
        return preceding[-1].year
    if this_year >= 0:
        return pub_year
    return None


_FULL_DATE_AFTER_RE = re.compile(r"年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_YEAR_SUFFIX_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*$")
