"""Each article's place in title order, for sorting search results by title in the engine.

The repository sorts the titles once (``ids_by_title``) into an array indexed by
article id; a search then orders its hits with NumPy over that array, so a title sort
costs the same as a date sort whatever the number of hits. The array is rebuilt only
when the index moves to a new generation (an edited title is re-indexed).
"""

from __future__ import annotations

import threading

import numpy as np


class TitleOrder:
    """A cached ``id -> rank`` array of the archive's titles."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: object = None
        self._rank: np.ndarray | None = None

    def rank(self, store, stamp: object) -> np.ndarray:
        """The rank array for ``store``, rebuilt when ``stamp`` (the index's current
        facet table) is not the one it was built for."""
        with self._lock:
            if self._rank is None or self._stamp is not stamp:
                self._rank = _build(store)
                self._stamp = stamp
            return self._rank


def _build(store) -> np.ndarray:
    ordered = store.ids_by_title()
    ids = np.fromiter(ordered, dtype=np.int64, count=len(ordered))
    size = int(ids.max()) + 1 if len(ids) else 0
    rank = np.full(size, len(ids), dtype=np.int64)
    rank[ids] = np.arange(len(ids), dtype=np.int64)
    return rank
