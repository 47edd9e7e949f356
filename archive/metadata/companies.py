"""Company names in an article: a gazetteer of canonical names and aliases, plus a pattern.

The gazetteer (``resources/gazetteer/companies.tsv``, documented in its header) is compiled
into one Aho-Corasick automaton over folded text, so traditional, full-width and upper-case
forms match their simplified aliases, in one pass, longest name first and without overlaps
(一汽解放 is not also counted as 一汽). Names that are ambiguous on their own (解放, 大众)
count only in a company context. Organisations missing from the gazetteer are found by their
legal suffix (…有限公司, …集团) and kept under their own name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from archive.paths import RESOURCES
from index.cjk import IDEOGRAPH_CLASS, is_ideograph
from index.folding import fold

from .textmatch import KeywordMatcher, fast_fold

DEFAULT_PATH = RESOURCES / "gazetteer" / "companies.tsv"
STOP_FILE = "stop_phrases.txt"

# An ambiguous alias ("~解放", "~红旗", "~理想") counts when one of these follows it ...
_CONTEXT_WORDS = (
    "汽车",
    "汽車",
    "整车",
    "集团",
    "公司",
    "股份",
    "控股",
    "品牌",
    "工厂",
    "车型",
    "新能源",
    "电池",
    "电驱",
    "轮胎",
    "卡车",
    "商用车",
    "乘用车",
    "轿车",
    "销量",
    "旗下",
    "股价",
    "总部",
    "网络",
    "出行",
    "物流",
    "车企",
    "新势力",
    "造车",
    "厂商",
    "车厂",
    "motor",
    "auto",
)
# ... or a model name ("红旗H9", "理想 L9", "小鹏P7") ...
_MODEL_AFTER_RE = re.compile(r"\s?[a-z]{1,3}-?\d{1,3}(?![\d.])")
# ... or another company in the same clause, a few characters away.
_NEIGHBOUR_DISTANCE = 12
_CLAUSE_BREAK_RE = re.compile(r"[。!?;:\n,，]")
# A place or thing named after the word ("红旗会堂", "红旗街", "红旗渠", "东风大街") is not the
# company, whatever stands around it.
_PLACE_AFTER_RE = re.compile(
    r"(?:\s?(?:会堂|礼堂|大街|大路|街道|街|路|渠|村|镇|乡|屯|广场|公园|小区|社区|桥|剧场|剧院|"
    r"影院|宾馆|饭店|酒店|医院|小学|中学|大学|学校|山|河|湖|站|机场|港|码头|农场|林场|水库|"
    r"大队|公社|区|县|系统|精神|飘|招展|手|下|歌|颂))"
)
# ... or when it stands next to another company, separated by one of these (folded forms).
_LIST_SEPARATORS = frozenset({"、", ",", "和", "与", "及", "以及", "/", " ", "跟", "同"})

_SUFFIX_RE = re.compile(
    r"集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|股份公司|集团"
)
# Characters an organisation name is made of (folded text: ASCII parentheses).
_NAME_CHAR_RE = re.compile(rf"[{IDEOGRAPH_CLASS}A-Za-z0-9()·&\-]")
# Words that end the stretch of text before a name: prepositions, verbs, quantifiers.
_LEFT_BOUNDARY_RE = re.compile(
    r".*(?:以下简称|简称|获悉|表示|记者|来到|走进|位于|成立|引进|落户|支持|围绕|联合|携手|签约|"
    r"收购|入股|包括|例如|这家|一家|多家|两家|几家|协助|推动|今年|去年|一批|一些|"
    r"各类|各大|部分|不少|众多|知名|有关|相关|"
    r"\d+年|\d+月|\d+日|[的了在与和及向对以为由是把被将从于等让使给跟并或该其各到据])"
)
_GENERIC_NAMES = frozenset(
    {
        "企业",
        "大型",
        "龙头",
        "上市",
        "国有",
        "民营",
        "外资",
        "央企",
        "子",
        "分",
        "控股",
        "投资",
        "合资",
        "独资",
        "公司",
        "科技",
        "实业",
        "发展",
        "建设",
        "产业",
        "企业集团",
        "龙头企业",
        "骨干企业",
        "大型企业",
        "总",
        "母",
        "本",
        "某",
        "全资",
        "核心",
        "相关",
        "有关",
    }
)
_GENERIC_STEM_RE = re.compile(
    r"(?:汽车|零部件|配件|零件|部件|科技|电子|材料|新能源|能源|动力|电池|技术|发展|投资|控股|实业|"
    r"贸易|物流|服务|制造|工业|产业|国际|智能|信息|网络|工程|建设|机械|设备|系统|电气|化工|软件|"
    r"数据|金融|咨询|管理|运输|商贸|销售|生产|有限|股份)+"
)
# A legal form, not a team or a club ("… QA Group", "TeX Users Group" are not companies);
# the name stays on one line.
_EN_ORG_RE = re.compile(
    r"\b((?:[A-Z][A-Za-z0-9&.\-]*[ \t]+){1,4}"
    r"(?:Co\.,?[ \t]*Ltd\.?|Co\.|Inc\.?|Corporation|Corp\.?|Ltd\.?|Limited|GmbH|AG|S\.A\.|"
    r"LLC|PLC|plc))(?![A-Za-z])"
)
_EN_SUFFIX_HINTS = ("ltd", "inc", "corp", "limited", "gmbh", " ag", "co.", "llc", "plc", "s.a.")
_EN_LEADING = frozenset({"The", "A", "An", "And", "Of", "By", "At", "In", "On", "For", "With"})


@dataclass(frozen=True)
class Company:
    """One gazetteer entry."""

    canonical: str
    aliases: tuple[str, ...] = ()
    kind: str = ""


@dataclass(frozen=True)
class _Entry:
    canonical: str
    weak: bool


def _parse_tsv(path: Path) -> list[Company]:
    companies: list[Company] = []
    header_seen = False
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[0].strip().lower() == "canonical":
                continue
        canonical = cols[0].strip()
        if not canonical:
            raise ValueError(f"{path.name} line {lineno}: empty canonical name")
        aliases = tuple(a.strip() for a in cols[1].split("|") if a.strip()) if len(cols) > 1 else ()
        kind = cols[2].strip() if len(cols) > 2 else ""
        companies.append(Company(canonical, aliases, kind))
    return companies


def _parse_stop_phrases(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


class Gazetteer:
    """Canonical company names and their aliases, compiled for one-pass matching."""

    def __init__(self, companies: Iterable[Company], stop_phrases: Iterable[str] = ()):
        self.companies: tuple[Company, ...] = tuple(companies)
        self.stop_phrases: tuple[str, ...] = tuple(stop_phrases)
        self._aliases: dict[str, _Entry] = {}
        self._kinds: dict[str, str] = {}
        for company in self.companies:
            self._kinds[company.canonical] = company.kind
            weak_names = {fold(a[1:].strip()) for a in company.aliases if a.startswith("~")}
            names = [company.canonical, *(a.lstrip("~").strip() for a in company.aliases)]
            for name in names:
                key = fold(name)
                if key:
                    # Later entries win, so user aliases (added last) override shipped ones.
                    self._aliases[key] = _Entry(company.canonical, key in weak_names)
        items: list[tuple[str, object]] = [(k, e) for k, e in self._aliases.items()]
        items += [(p, None) for p in self.stop_phrases if fold(p) not in self._aliases]
        self._matcher = KeywordMatcher(items)

    # ----- loading -----------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path, stop_phrases: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer TSV (and ``stop_phrases.txt`` beside it, if there is one)."""
        path = Path(path)
        stop_path = Path(stop_phrases) if stop_phrases else path.with_name(STOP_FILE)
        return cls(_parse_tsv(path), _parse_stop_phrases(stop_path))

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer, loaded once per process."""
        return _default_gazetteer(str(DEFAULT_PATH))

    def with_aliases(self, extra: Mapping[str, Iterable[str]]) -> Gazetteer:
        """A new gazetteer with user aliases added (canonical -> aliases; new names allowed)."""
        by_name = {c.canonical: c for c in self.companies}
        added: list[Company] = []
        for canonical, aliases in extra.items():
            canonical = self.canonical(canonical) or canonical.strip()
            new = tuple(a.strip() for a in aliases if a and a.strip())
            if canonical in by_name:
                old = by_name[canonical]
                by_name[canonical] = Company(canonical, old.aliases + new, old.kind)
            else:
                added.append(Company(canonical, new, "user"))
        # User entries go last so that their aliases win over shipped ones.
        base = [by_name[c.canonical] for c in self.companies]
        changed = {c.canonical for c in base if c not in self.companies}
        ordered = [c for c in base if c.canonical not in changed]
        ordered += [c for c in base if c.canonical in changed] + added
        return Gazetteer(ordered, self.stop_phrases)

    # ----- lookup ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.companies)

    def names(self) -> list[str]:
        """All canonical names, in file order."""
        return [c.canonical for c in self.companies]

    def kind(self, canonical: str) -> str | None:
        return self._kinds.get(canonical)

    def canonical(self, name: str) -> str | None:
        """The canonical name for any alias or canonical name (folded), else None."""
        entry = self._aliases.get(fold(name.strip().lstrip("~")))
        return entry.canonical if entry else None

    # ----- matching ----------------------------------------------------------------------
    def match(self, text: str) -> dict[str, int]:
        """Canonical name -> mention count, most mentioned first."""
        return self.match_folded(fast_fold(text), text)

    def match_folded(self, folded: str, text: str | None = None) -> dict[str, int]:
        """``match`` for text already folded; ``text`` (as written) names unknown companies."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        spans: list[tuple[int, int]] = []
        for start, end, entry in self._accepted_hits(folded):
            name = entry.canonical
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, start)
            spans.append((start, end))
        original = text if text is not None and len(text) == len(folded) else folded
        for start, end in _pattern_orgs(folded, original, spans):
            name = original[start:end]
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, start)
        order = sorted(counts, key=lambda n: (-counts[n], first[n]))
        return {n: counts[n] for n in order}

    def _accepted_hits(self, folded: str) -> list[tuple[int, int, _Entry]]:
        hits = [cast(tuple[int, int, _Entry], h) for h in self._matcher.find(folded)
                if h[2] is not None]
        weak = [h[2].weak for h in hits]
        if not any(weak):
            return hits
        hits = [h for h, w in zip(hits, weak) if not (w and _PLACE_AFTER_RE.match(folded, h[1]))]
        ok = [not h[2].weak or _in_company_context(folded, h[1]) for h in hits]
        for i, (start, end, _) in enumerate(hits):
            if not ok[i]:
                ok[i] = _strong_neighbour(folded, hits, ok, i)
        _accept_long_lists(folded, hits, ok)
        if all(ok):
            return hits
        changed = True
        while changed:  # a list "红旗、解放、大众" accepts its ambiguous members one by one
            changed = False
            for i, (start, end, _) in enumerate(hits):
                if ok[i]:
                    continue
                left = i > 0 and ok[i - 1] and folded[hits[i - 1][1] : start] in _LIST_SEPARATORS
                right = (
                    i + 1 < len(hits)
                    and ok[i + 1]
                    and folded[end : hits[i + 1][0]] in _LIST_SEPARATORS
                )
                if left or right:
                    ok[i] = changed = True
        return [h for h, good in zip(hits, ok) if good]


_RUN_SEPARATORS = frozenset({"、", ",", "/", "和", "与", "及", "以及"})


def _accept_long_lists(folded: str, hits: list, ok: list[bool]) -> None:
    """Three or more different companies in one list ("蔚来、小鹏、理想") vouch for each other."""
    run = [0]
    for i in range(1, len(hits) + 1):
        if i < len(hits) and folded[hits[i - 1][1] : hits[i][0]] in _RUN_SEPARATORS:
            run.append(i)
            continue
        if len({hits[j][2].canonical for j in run}) >= 3:
            for j in run:
                ok[j] = True
        run = [i]


def _in_company_context(folded: str, end: int) -> bool:
    """A company word or a model name right after an ambiguous name."""
    if folded.startswith("等", end):  # "红旗、解放、大众等品牌"
        end += 1
    return folded.startswith(_CONTEXT_WORDS, end) or bool(_MODEL_AFTER_RE.match(folded, end))


def _strong_neighbour(folded: str, hits: list, ok: list[bool], i: int) -> bool:
    """Another accepted company within a few characters, in the same clause (hits are in
    text order, so only the hits next to this one are looked at)."""
    start, end, _ = hits[i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(hits):
            s2, e2, entry = hits[j]
            lo, hi = (e2, start) if step < 0 else (end, s2)
            if hi - lo > _NEIGHBOUR_DISTANCE or _CLAUSE_BREAK_RE.search(folded, lo, hi):
                break
            if not entry.weak and ok[j]:
                return True
            j += step
    return False


class _Spans:
    """Spans of text, asking whether a new one overlaps any in O(log n) (a long text has
    thousands of names: checking each against every other one took minutes)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.items = sorted(spans)
        self.starts = [s for s, _ in self.items]
        self.longest = max((e - s for s, e in self.items), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return any(e > start for _, e in self.items[lo:hi])

    def add(self, span: tuple[int, int]) -> None:
        i = bisect.bisect_left(self.items, span)
        self.items.insert(i, span)
        self.starts.insert(i, span[0])
        self.longest = max(self.longest, span[1] - span[0])


def _pattern_orgs(
    folded: str, original: str, known: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of organisation names found by legal suffix, not covered by a known name."""
    found: list[tuple[int, int]] = []
    taken = _Spans(known)  # the known names and the names found so far
    if "公司" in folded or "集团" in folded:
        for m in _SUFFIX_RE.finditer(folded):
            span = _cjk_name_span(folded, m.start(), m.end())
            if span and not taken.overlaps(*span):
                found.append(span)
                taken.add(span)
    if not any(hint in folded for hint in _EN_SUFFIX_HINTS):
        return found
    for m in _EN_ORG_RE.finditer(original):
        words = m.group(1).split()
        while words and words[0] in _EN_LEADING:
            words.pop(0)
        if len(words) < 2:
            continue
        if all(w.isupper() for w in words[:-1] if w.isalpha()) and any(
            len(w) > 4 for w in words[:-1]
        ):
            continue  # a line of capitals ("BY APPLICABLE LAW OR AG…"), not a name
        if words[-1] == "AG" and any(w.isupper() and len(w) > 1 for w in words[:-1]):
            continue  # "DROP AGGREGATE" cut short, SQL keywords
        start = m.start(1) + m.group(1).index(words[0])
        span = (start, m.end(1))
        if not taken.overlaps(*span):
            found.append(span)
            taken.add(span)
    return found


def _cjk_name_span(folded: str, suffix_start: int, suffix_end: int) -> tuple[int, int] | None:
    start = suffix_start
    while start > 0 and suffix_start - start < 30 and _NAME_CHAR_RE.match(folded[start - 1]):
        start -= 1
    stem = folded[start:suffix_start]
    cut = _LEFT_BOUNDARY_RE.match(stem)
    if cut:
        start += cut.end()
        stem = folded[start:suffix_start]
    while stem and stem[0] in ")-·&":
        start += 1
        stem = stem[1:]
    core = re.sub(r"\([^)]*\)", "", stem)
    cjk = sum(1 for ch in core if is_ideograph(ch))
    if cjk < 2 or len(stem) > 20 or core in _GENERIC_NAMES or stem.count("(") != stem.count(")"):
        return None
    if core.endswith("企业") and len(core) <= 6:  # "龙头企业集团", "骨干企业集团"
        return None
    if _GENERIC_STEM_RE.fullmatch(core):  # "一家汽车零部件有限公司": a kind of company, no name
        return None
    return start, suffix_end


@lru_cache(maxsize=4)
def _default_gazetteer(path: str) -> Gazetteer:
    return Gazetteer.load(path)
