"""Server archives in PostgreSQL (``postgresql://`` URLs): repository, originals, search.

``open_pg_backends(url)`` gives ``archive.opening`` the three parts a ``Library`` is
built from: the repository (``PgStore``: the SQLite store's SQL through a dialect seam),
the originals (``bytea`` rows checked by sha256) and the search (the local engine over
gram-index segments stored in the database; see ``archive/pg/search.py``;
"did you mean" from the archive's words: ``archive/pg/suggest.py``).
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

from archive.backends import Backends

from .connection import redact
from .originals import PgOriginals
from .search import PgSearch
from .store import PgStore
from .suggest import PgSearchWithWords


def cache_dir_for(url: str) -> Path:
    """This program's local folder for a server archive (originals opened as files)."""
    key = hashlib.sha256(redact(url).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"news-archive-pg-{key}"


def open_pg_backends(url: str, **opts: object) -> Backends:
    """The repository, originals store and search backend of the server archive at
    ``url`` (its tables are created in an empty database). ``read_replica``: the URL of a
    streaming replica that serves the reads (archive/pg/replica.py)."""
    cache = cache_dir_for(url)
    store = PgStore(url, cache)
    primary = store.conn
    conn: Any = primary  # or the reads-to-the-replica router, which wraps it
    replica = opts.get("read_replica")
    if replica:  # reads from a streaming replica, writes to the primary
        from .replica import route_reads

        conn = route_reads(store, str(replica))
    search = PgSearchWithWords(conn, primary, store)  # with "did you mean" (archive/pg/suggest.py)
    return Backends(store, PgOriginals(conn, cache), search, redact(url))


__all__ = ["PgOriginals", "PgSearch", "PgStore", "open_pg_backends", "redact"]
