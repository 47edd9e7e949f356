"""Character folding for search: variants and traditional -> simplified, width, case.

``fold`` maps every character to exactly one character, so offsets in the folded text are
offsets in the original: highlights and snippets can be cut from the text as written.
The same function runs at index time and at query time.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

# CJK Radicals Supplement look-alikes that some PDF text layers emit instead of the
# ideograph (NFKC does not map this block; the Kangxi Radicals block it does map).
_RADICAL_LOOKALIKES = {
    "⺁": "厂", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺋": "卩", "⺍": "小", "⺎": "尢",
    "⺏": "尣", "⺐": "尢", "⺑": "尣", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "心",
    "⺗": "心", "⺘": "手", "⺙": "攴", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歹",
    "⺟": "母", "⺠": "民", "⺡": "水", "⺢": "水", "⺣": "火", "⺤": "爪", "⺥": "爪",
    "⺦": "丬", "⺧": "牛", "⺨": "犬", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示",
    "⺭": "示", "⺮": "竹", "⺯": "糸", "⺰": "糸", "⺱": "网", "⺲": "网", "⺳": "网",
    "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "老", "⺺": "肀",
    "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艸", "⺿": "艸", "⻀": "艸", "⻁": "虎",
    "⻂": "衣", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠",
    "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝",
    "⻐": "金", "⻑": "长", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阜", "⻖": "阝",
    "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食",
    "⻟": "食", "⻠": "饣", "⻡": "首", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼",
    "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐",
    "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
}


_VARIANT_FILES = ("TSCharacters.txt", "STCharacters.txt", "TWVariants.txt",
                  "TWVariantsRev.txt", "HKVariants.txt", "HKVariantsRev.txt")


def _opencc_dir() -> Path:
    return Path(str(resources.files("opencc"))) / "dictionary"


def _opencc_chars() -> dict[str, str]:
    """Single-character traditional -> simplified pairs (first choice) from OpenCC."""
    path = _opencc_dir() / "TSCharacters.txt"
    pairs: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            target = parts[1].split(" ")[0]
            if len(target) == 1 and target != parts[0]:
                pairs[parts[0]] = target
    return pairs


def _st_keys() -> set[str]:
    path = _opencc_dir() / "STCharacters.txt"
    if not path.exists():
        return set()
    return {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
            if "\t" in line}


@lru_cache(maxsize=1)
def variant_classes() -> dict[str, str]:
    """Every character OpenCC's character tables relate to another, mapped to one
    representative of its class (simplified where OpenCC says so).

    The classes join every candidate of every line of the traditional <-> simplified and
    Taiwan / Hong Kong variant tables (瞭 and 了, 著 and 着, 裡 裏 and 里, 後 and 后, 於
    and 于, 麵 and 面 …), so a text and a query in either form fold to the same string.
    """
    parent: dict[str, str] = {}
    simplified = set(_opencc_chars().values())
    # A class holds at most one character in simplified use: 劃 is 划 or 画, but 划 and
    # 画 stay apart (as do 炼 and 链); 瞭 (kept in 瞭望) and 了 are one class.
    anchor: dict[str, str] = {c: c for c in simplified}

    def find(ch: str) -> str:
        root = ch
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(ch, ch) != root:
            parent[ch], ch = root, parent[ch]
        return root

    for name in _VARIANT_FILES:
        path = _opencc_dir() / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 2:
                continue
            chars = [parts[0], *parts[1].split(" ")]
            if any(len(c) != 1 for c in chars):
                continue
            for ch in chars:
                parent.setdefault(ch, ch)
            first = find(chars[0])
            for other in chars[1:]:
                root = find(other)
                if root == first:
                    continue
                a, b = anchor.get(first), anchor.get(root)
                if a and b and a != b:
                    continue
                parent[root] = first
                if b and not a:
                    anchor[first] = b
    members: dict[str, list[str]] = {}
    for ch in parent:
        members.setdefault(find(ch), []).append(ch)
    st_keys = _st_keys()
    out: dict[str, str] = {}
    for group in members.values():
        # The simplified form OpenCC converts to, else a character of simplified text
        # (a key of STCharacters: 夫 rather than 伕), else the lowest code point.
        rep = min(group, key=lambda c: (c not in simplified, c not in st_keys, ord(c)))
        for ch in group:
            if ch != rep:
                out[ch] = rep
    return out


def _one_char_nfkc(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def _build_table(pairs: dict[str, str]) -> dict[int, str]:
    """Width, compatibility and radical folding, then ``pairs`` (character -> its form)."""
    table: dict[int, str] = {}
    ranges = [
        range(0x00A0, 0x0250),  # Latin-1 and Latin Extended: no-break space, ligature-free
        range(0x2000, 0x2070),  # general punctuation spaces
        range(0x2150, 0x2190),  # number forms
        range(0x2460, 0x2500),  # enclosed alphanumerics
        range(0x2F00, 0x2FE0),  # Kangxi radicals
        range(0x3000, 0x3001),  # ideographic space
        range(0xF900, 0xFB00),  # CJK compatibility ideographs
        range(0xFE30, 0xFE50),  # CJK compatibility forms
        range(0xFF00, 0xFFF0),  # full width and half width forms
    ]
    for rng in ranges:
        for cp in rng:
            ch = chr(cp)
            mapped = _one_char_nfkc(ch)
            if mapped != ch:
                table[cp] = mapped
    for src, dst in _RADICAL_LOOKALIKES.items():
        table[ord(src)] = dst
    for src, dst in pairs.items():
        table[ord(src)] = table.get(ord(dst), dst)
    # Radical and compatibility mappings may land on a variant: fold it once more.
    for cp, dst in list(table.items()):
        if dst in pairs:
            table[cp] = pairs[dst]
    table[0x0130] = "i"  # "İ".lower() is two characters; keep one-to-one
    return table


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The translation table used by ``fold`` (built once)."""
    return _build_table(variant_classes())


@lru_cache(maxsize=1)
def script_table() -> dict[int, str]:
    """The translation table used by ``fold_script`` (built once)."""
    return _build_table(_opencc_chars())


_ARRAY_MIN = 256  # characters: a shorter text folds faster with ``str.translate``


@lru_cache(maxsize=2)
def _code_table(script: bool) -> np.ndarray:
    """``fold_table`` (or ``script_table``) as an array: code point -> code point."""
    table = np.arange(0x110000, dtype=np.uint32)
    for cp, dst in (script_table() if script else fold_table()).items():
        table[cp] = ord(dst)  # every mapping is one character (offsets are kept)
    return table


def _translate(text: str, script: bool) -> str:
    """``text.translate`` of the table, as one array lookup for a long text (the same
    result, about ten times faster)."""
    if len(text) >= _ARRAY_MIN:
        try:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # a lone surrogate: the slower way below
            pass
        else:
            return _code_table(script)[codes].tobytes().decode("utf-32-le")
    return text.translate(script_table() if script else fold_table())


def fold(text: str) -> str:
    """Fold ``text`` for matching; the result has the same length as ``text``."""
    return _translate(text, False).lower()


def fold_script(text: str) -> str:
    """``fold`` with OpenCC's first traditional -> simplified choice only, no variant
    classes: what near-duplicate fingerprints are computed from, kept stable so that
    fingerprints stored in an archive stay comparable when the search folding grows."""
    return _translate(text, True).lower()
