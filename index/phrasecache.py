"""Answers of phrases per segment, kept for the next search that asks again.

A phrase of grams found in nearly every document costs a look at each of their positions
(tens of ms at 100,000 articles), and the same query is evaluated again on every facet
click, page turn and change of order. Segments never change, so a segment's answer to a
phrase stays right for as long as the segment exists: the cache needs no invalidation,
only a bound. The least recently used answers are dropped past ``limit`` bytes; an answer
larger than a quarter of that is not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np

Answer = tuple[np.ndarray, ...]


class PhraseCache:
    """A least-recently-used map from (segment name, grams) to arrays, bounded in bytes."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0
        self._items: OrderedDict[Hashable, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Answer]) -> Answer:
        """The cached answer for ``key``, or ``compute()`` (then kept if it fits)."""
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
                return answer
        answer = compute()
        size = sum(a.nbytes for a in answer)
        if size > self.limit // 4:
            return answer
        # Kept arrays are shared by every search that asks, so they are made read-only;
        # an empty one may be a module's shared constant: a fresh one is kept instead.
        answer = tuple(a if len(a) else np.zeros(0, dtype=a.dtype) for a in answer)
        for a in answer:
            a.flags.writeable = False
        with self._lock:
            if key not in self._items:
                self._items[key] = answer
                self.used += size
                while self.used > self.limit:
                    _, old = self._items.popitem(last=False)
                    self.used -= sum(a.nbytes for a in old)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.used = 0

    def __len__(self) -> int:
        return len(self._items)


PHRASE_CACHE_BYTES = 48 << 20
phrases = PhraseCache(PHRASE_CACHE_BYTES)
"""The process's cache of per-segment phrase answers (``gramindex.Snapshot.phrase``)."""
