"""What an import must see of the articles other clients store while it runs.

On a server archive several clients import at once (``ArchiveRepository.shared_writes``).
An import loads the archive's fingerprints once, at its start; the articles another client
commits later must still nominate near-duplicates. ``RecentArticles`` keeps a watermark:
every article id at or below it is known to the import; each probe of the store
(``probe_article``: one round trip that also answers the exact-duplicate question) returns
the rows above it, and the watermark moves up over the ids seen.

Ids are not committed in order: a gap below an id seen may be another client's row not yet
committed (it will show up) or an id no row will ever have (a rolled-back file). A gap is
waited for ``GAP_SECONDS`` (far longer than a writer keeps a transaction open), then
passed. At the start, the ``START_SLACK`` ids below the highest are looked at again, for
rows another client had not committed when the fingerprints were loaded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

GAP_SECONDS = 30.0
START_SLACK = 200


class RecentArticles:
    """The watermark and the ids above it already seen by one import."""

    def __init__(self, highest: int, clock: Callable[[], float] = time.monotonic):
        self.mark = max(0, highest - START_SLACK)
        self._seen: set[int] = set()
        self._gap_since: float | None = None  # when the gap at mark + 1 was first seen
        self._clock = clock

    def seen(self, article_id: int) -> bool:
        return article_id <= self.mark or article_id in self._seen

    def note(self, article_id: int) -> None:
        """An article the import itself stored (its near-duplicate entry is made)."""
        if article_id > self.mark:
            self._seen.add(article_id)

    def take(self, rows: Iterable[tuple]) -> list[tuple]:
        """The rows ``(id, ...)`` not seen before (they are seen from now on); moves the
        watermark up over the ids it can."""
        new = []
        for row in rows:
            if not self.seen(row[0]):
                self._seen.add(row[0])
                new.append(row)
        self._advance()
        return new

    def _advance(self) -> None:
        while self._seen:
            nxt = self.mark + 1
            if nxt in self._seen:
                self._seen.discard(nxt)
                self.mark, self._gap_since = nxt, None
                continue
            now = self._clock()
            if self._gap_since is None:
                self._gap_since = now
            if now - self._gap_since < GAP_SECONDS:
                return
            # no row will have these ids: on to the lowest id seen
            self.mark, self._gap_since = min(self._seen) - 1, None
