"""Is a new text a version of a stored one? The proof a SimHash match needs before grouping.

A fingerprint within ``NEAR_DUPLICATE_BITS`` only nominates candidates: 64 bits cannot
tell a book from one of its chapters, two articles built from the same paragraphs, or a
monthly report from last month's. Two texts are versions of each other only when, compared
as the fingerprint sees them (``comparable``: folded traditional -> simplified, full width
-> half width, case, without spaces and punctuation), all three hold:

* similar lengths: the shorter has at least ``MIN_LENGTH_RATIO`` of the longer's characters
  (a chapter is a fraction of its book);
* nearly the same wording: the Jaccard overlap of their character ``SHINGLE``-grams,
  digits included, is at least ``MIN_JACCARD``. Measured (tests/archive/grouping_cases.py):
  the same text read from .txt (UTF-8, GB18030, UTF-16), HTML, DOCX, EPUB, PDF, Markdown or
  converted to traditional script is at 0.99-1.0; an article with a tenth of its
  paragraphs replaced is at 0.87, a Taiwan-wording translation (OpenCC s2twp) at 0.81-0.88;
* the same numbers: every number (run of digits, in the folded text with its spaces and
  punctuation) of the text with fewer of them occurs as often in
  the other (extra runs such as page numbers are allowed), so a report whose figures
  changed, even one, is a distinct article.

A text that passes the length test and shares at least ``RELATED_JACCARD`` of its shingles
is *related* (a translation into the other script's wording, an edited rewrite): it is not
grouped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from index.folding import fold

from .fingerprint import STRIP

SHINGLE = 5
MIN_LENGTH_RATIO = 0.8
MIN_JACCARD = 0.95
RELATED_JACCARD = 0.4

_DIGITS = re.compile(r"\d+")
_PRIME = np.uint64(0x100000001B3)


@dataclass(frozen=True)
class Comparison:
    """How two texts compare: length ratio, shingle Jaccard, digit runs matched."""

    length_ratio: float
    jaccard: float
    digits_match: bool

    @property
    def verdict(self) -> str:
        """``"version"``, ``"related"`` or ``"distinct"``."""
        if self.length_ratio < MIN_LENGTH_RATIO:
            return "distinct"
        if self.jaccard >= MIN_JACCARD and self.digits_match:
            return "version"
        return "related" if self.jaccard >= RELATED_JACCARD else "distinct"


class Profile:
    """What the comparison needs of one text, computed once: length, shingles, digit runs."""

    __slots__ = ("digits", "length", "shingles")

    def __init__(self, text: str):
        folded = fold(text)
        chars = STRIP.sub("", folded)  # what ``fingerprint.comparable`` gives
        self.length = len(chars)
        self.shingles = _shingles(chars)
        # Numbers as written (3.5 is 3 and 5): a layout that drops the spaces between a
        # list number and a year must not glue them into one figure.
        self.digits = Counter(_DIGITS.findall(folded))


def _shingles(chars: str) -> np.ndarray:
    """Sorted unique 64-bit hashes of the character ``SHINGLE``-grams of ``chars``."""
    if not chars:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = max(1, len(codes) - SHINGLE + 1)
    if len(codes) < SHINGLE:
        codes = np.concatenate([codes, np.zeros(SHINGLE - len(codes), dtype=np.uint64)])
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for k in range(SHINGLE):
            h = h * _PRIME + codes[k : k + n]
    return np.unique(h)


def _digits_match(a: Counter, b: Counter) -> bool:
    few, many = (a, b) if sum(a.values()) <= sum(b.values()) else (b, a)
    if not few:
        return sum(many.values()) <= 2  # a page number or two, no figures of its own
    return not few - many


def compare_profiles(a: Profile, b: Profile) -> Comparison:
    """Compare two profiled texts."""
    longer = max(a.length, b.length)
    ratio = min(a.length, b.length) / longer if longer else 1.0
    if ratio < MIN_LENGTH_RATIO:  # no need to look further
        return Comparison(ratio, 0.0, False)
    common = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    union = len(a.shingles) + len(b.shingles) - common
    jaccard = common / union if union else 1.0
    return Comparison(ratio, jaccard, _digits_match(a.digits, b.digits))


def compare(a: str, b: str) -> Comparison:
    """Compare two texts (see the module docstring for what each measure means)."""
    return compare_profiles(Profile(a), Profile(b))


def is_version(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the same text (another format, encoding or script)."""
    return compare(a, b).verdict == "version"


SKETCH_MIN_LENGTH = 50_000  # comparable characters: a text this long is screened first
SKETCH_RATE = 64  # a sketch keeps about one shingle in this many
SKETCH_REJECT = 0.85  # screened out below this sampled overlap (a version needs 0.95)
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class Sketch:
    """A long text's screen for ``compare_profiles``: its exact length and number of
    shingles, and the shingles whose mixed hash falls in a fixed 1/``SKETCH_RATE`` of the
    range. Kept for texts of ``SKETCH_MIN_LENGTH`` or more (a book's profile takes tens
    of milliseconds and megabytes; its sketch a hundredth of that)."""

    length: int
    count: int
    sample: np.ndarray | None  # None: a short text's screen (exact bounds only)

    @classmethod
    def of(cls, profile: Profile) -> Sketch:
        with np.errstate(over="ignore"):
            mixed = profile.shingles * _MIX
        keep = mixed < np.uint64((1 << 64) // SKETCH_RATE)
        return cls(profile.length, len(profile.shingles), profile.shingles[keep])

    def may_be_version(self, other: Sketch) -> bool:
        """False only when the two texts cannot be versions: lengths or shingle counts too
        far apart (exact bounds), or a sampled overlap far below ``MIN_JACCARD`` (thousands
        of sampled shingles in texts this long: a true version's sample is within a
        percent of its overlap)."""
        longer, shorter = max(self.length, other.length), min(self.length, other.length)
        if longer and shorter / longer < MIN_LENGTH_RATIO:
            return False
        more, fewer = max(self.count, other.count), min(self.count, other.count)
        if more and fewer / more < MIN_JACCARD:  # Jaccard <= |smaller set| / |larger set|
            return False
        if self.sample is None or other.sample is None:
            return True
        common = len(np.intersect1d(self.sample, other.sample, assume_unique=True))
        union = len(self.sample) + len(other.sample) - common
        return not union or common / union >= SKETCH_REJECT
