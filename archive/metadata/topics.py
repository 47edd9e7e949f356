"""Topics of an article from a small taxonomy of weighted keywords.

The taxonomy (``resources/topics/taxonomy.json``, documented in its ``_about``) is compiled into
one keyword automaton over folded text; one pass over the title and one over the text score
every topic at once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from archive.paths import RESOURCES

from .textmatch import KeywordMatcher, fast_fold

DEFAULT_PATH = RESOURCES / "topics" / "taxonomy.json"


@dataclass(frozen=True)
class Topic:
    """One topic: its name, an English label and its keywords with their weights."""

    name: str
    keywords: Mapping[str, float]
    en: str = ""


class Taxonomy:
    """Topics with weighted keywords, and the rule for which ones an article gets."""

    def __init__(
        self,
        topics: list[Topic],
        threshold: float = 6.0,
        relative_floor: float = 0.25,
        max_topics: int = 5,
        title_weight: float = 4.0,
        min_length: int = 600,
    ):
        self.topics = tuple(topics)
        self.threshold = threshold
        self.relative_floor = relative_floor
        self.max_topics = max_topics
        self.title_weight = title_weight
        self.min_length = min_length
        by_keyword: dict[str, list[tuple[int, float]]] = {}
        for ti, topic in enumerate(self.topics):
            for keyword, weight in topic.keywords.items():
                by_keyword.setdefault(keyword, []).append((ti, float(weight)))
        self._matcher = KeywordMatcher((k, tuple(v)) for k, v in by_keyword.items())
        self._order = {t.name: i for i, t in enumerate(self.topics)}

    @classmethod
    def load(cls, path: str | Path) -> Taxonomy:
        """Read a taxonomy JSON file (see ``resources/topics/taxonomy.json``)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        topics = [
            Topic(
                name,
                {str(k): float(w) for k, w in spec.get("keywords", {}).items()},
                spec.get("en", ""),
            )
            for name, spec in data["topics"].items()
        ]
        options = {
            key: data[key]
            for key in ("threshold", "relative_floor", "max_topics", "title_weight", "min_length")
            if key in data
        }
        return cls(topics, **options)

    @classmethod
    def default(cls) -> Taxonomy:
        """The shipped taxonomy, loaded once per process."""
        return _default_taxonomy(str(DEFAULT_PATH))

    def names(self) -> list[str]:
        """Topic names in taxonomy order."""
        return [t.name for t in self.topics]

    def raw_scores(self, title: str, text: str) -> dict[str, float]:
        """Every topic's score (weighted mentions per 1,000 characters), zeros left out."""
        return self._raw_folded(fast_fold(title), fast_fold(text))

    def _raw_folded(self, title_f: str, text_f: str) -> dict[str, float]:
        sums = [0.0] * len(self.topics)
        for _, _, pairs in self._matcher.find(text_f):
            for ti, weight in pairs:  # type: ignore[attr-defined]
                sums[ti] += weight
        for _, _, pairs in self._matcher.find(title_f):
            for ti, weight in pairs:  # type: ignore[attr-defined]
                sums[ti] += weight * self.title_weight
        per = 1000.0 / max(len(text_f), self.min_length)
        return {self.topics[i].name: s * per for i, s in enumerate(sums) if s > 0}

    def score(self, title: str, text: str) -> list[tuple[str, float]]:
        """Topics that pass the threshold, best first, as (name, score)."""
        return self.score_folded(fast_fold(title), fast_fold(text))

    def score_folded(self, title_f: str, text_f: str) -> list[tuple[str, float]]:
        """``score`` for a title and text already folded."""
        raw = self._raw_folded(title_f, text_f)
        if not raw:
            return []
        ranked = sorted(raw.items(), key=lambda kv: (-kv[1], self._order[kv[0]]))
        best = ranked[0][1]
        floor = max(self.threshold, best * self.relative_floor)
        return [(name, round(s, 2)) for name, s in ranked if s >= floor][: self.max_topics]


@lru_cache(maxsize=4)
def _default_taxonomy(path: str) -> Taxonomy:
    return Taxonomy.load(path)
