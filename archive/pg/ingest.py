"""Ingest into a server archive: the local ingest pipeline, originals kept in the database.

``PgIngester`` is ``archive.ingest.Ingester`` with two storage steps swapped: an
original's bytes are written with its source row (one transaction, no file), and there is
no folder to sync.
"""

from __future__ import annotations

from archive.ingest import Ingester

from .store import PgStore


class PgIngester(Ingester):
    """The local ingester writing originals to the server's ``originals`` table."""

    store: PgStore

    def _keep_original(self, sha: str, data: bytes) -> None:
        self.store.keep_original(sha, data)

    def _flush(self) -> None:
        if self._pending:
            docs, self._pending = self._pending, []
            self.on_indexable(docs)
