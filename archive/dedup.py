"""Finding near-duplicate articles among many: SimHash fingerprints in banded buckets.

Two 64-bit fingerprints within ``max_bits`` of each other agree exactly on at least one of
``max_bits + 1`` bands (pigeonhole), so only articles sharing a band are compared.
"""

from __future__ import annotations

from collections import defaultdict


class NearDuplicateIndex:
    """Fingerprints of the archive's articles, looked up by banded buckets."""

    def __init__(self, max_bits: int, bits: int = 64):
        self.max_bits = max_bits
        self.bands = max_bits + 1
        self.width = bits // self.bands
        self._mask = (1 << self.width) - 1
        self._buckets: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)

    def _keys(self, fp: int) -> list[tuple[int, int]]:
        return [(b, (fp >> (b * self.width)) & self._mask) for b in range(self.bands)]

    def add(self, article_id: int, fp: int) -> None:
        for key in self._keys(fp):
            self._buckets[key].append((article_id, fp))

    def find(self, fp: int) -> int | None:
        """The first stored article whose fingerprint is within ``max_bits`` of ``fp``."""
        best: int | None = None
        for key in self._keys(fp):
            for aid, other in self._buckets.get(key, ()):
                if (fp ^ other).bit_count() <= self.max_bits and (best is None or aid < best):
                    best = aid
        return best
