"""Groups of documents shown once in results (versions of one text), as sorted arrays.

The caller says which documents belong together (``member -> group``); every other
document is a group of its own. Collapsing a result set keeps the best document of each
group, in NumPy: a sort of the grouped matches only, whatever the number of results.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


class Groups:
    """Document groups: ``pairs`` maps a member's id to its group's id (the first copy)."""

    def __init__(self, pairs: Iterable[tuple[int, int]] = ()):
        pairs = sorted({int(m): int(g) for m, g in pairs if m != g}.items())
        members = np.array([m for m, _ in pairs], dtype=np.int64)
        roots = np.array([g for _, g in pairs], dtype=np.int64)
        # Every grouped id (members and first copies), sorted, with its group id.
        ids = np.concatenate([members, np.unique(roots)])
        group = np.concatenate([roots, np.unique(roots)])
        order = np.argsort(ids, kind="stable")
        self._ids, self._group = ids[order], group[order]
        uniq, counts = np.unique(group, return_counts=True)
        self._sizes = dict(zip(uniq.tolist(), counts.tolist(), strict=True))
        self._positions: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def __bool__(self) -> bool:
        return len(self._ids) > 0

    def lookup(self, aids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(grouped, group)``: which of ``aids`` are in a group of several, and its id."""
        if not self:
            return np.zeros(len(aids), dtype=bool), aids
        idx = np.searchsorted(self._ids, aids)
        idx[idx >= len(self._ids)] = 0
        grouped = self._ids[idx] == aids
        return grouped, np.where(grouped, self._group[idx], aids)

    def positions(self, aid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``lookup`` for every position of a snapshot's id array (kept for that array)."""
        cached = self._positions
        if cached is None or cached[0] is not aid:
            grouped, group = self.lookup(aid)
            cached = self._positions = (aid, grouped, group)
        return cached[1], cached[2]

    def sizes(self, aids: list[int]) -> list[int]:
        """``size`` of each of ``aids``."""
        if not self or not aids:
            return [1] * len(aids)
        grouped, group = self.lookup(np.array(aids, dtype=np.int64))
        return [self._sizes.get(g, 1) if is_grouped else 1
                for is_grouped, g in zip(grouped.tolist(), group.tolist(), strict=True)]

    def size(self, aid: int) -> int:
        """How many documents the group of ``aid`` has (1 when it is not grouped)."""
        if not self:
            return 1
        grouped, group = self.lookup(np.array([aid], dtype=np.int64))
        return self._sizes.get(int(group[0]), 1) if grouped[0] else 1

    def collapse(self, docs: np.ndarray, aid: np.ndarray,
                 keys: tuple[np.ndarray, ...]) -> np.ndarray:
        """``docs`` (positions, with ``keys`` over them in ``np.lexsort`` order, best
        first) keeping only the best document of each group; order is kept."""
        if not self or len(docs) == 0:
            return docs
        grouped_at, group_at = self.positions(aid)
        grouped, group = grouped_at[docs], group_at[docs]
        sel = np.nonzero(grouped)[0]
        if len(sel) < 2:
            return docs
        g = group[sel]
        order = np.lexsort((*(k[sel] for k in keys), g))
        sorted_g = g[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = sorted_g[1:] != sorted_g[:-1]
        keep = np.ones(len(docs), dtype=bool)
        keep[sel[order[~first]]] = False
        return docs[keep]

    def collapse_mask(self, mask: np.ndarray, aid: np.ndarray, rank: np.ndarray) -> np.ndarray:
        """``mask`` with one document per group left (the lowest ``rank``)."""
        if not self:
            return mask
        grouped_at, _ = self.positions(aid)
        docs = np.nonzero(mask & grouped_at)[0]  # only grouped documents can be dropped
        kept = self.collapse(docs, aid, (rank[docs],))
        if len(kept) == len(docs):
            return mask
        out = mask.copy()
        out[np.setdiff1d(docs, kept, assume_unique=True)] = False
        return out
