"""Opening the archive database, read-only when the disk cannot be written.

A read-only folder, a read-only medium or a full disk must not stop anyone from reading
the archive. A normal (WAL) connection needs to create or grow the ``-wal`` and ``-shm``
files; when that fails, the database is opened read-only instead, and as immutable when
even that needs a write (no other program can be writing to such a disk either).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

TIMEOUT = 30.0


def _probe(conn: sqlite3.Connection) -> None:
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection to the database at ``path`` and whether it is read-only."""
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=TIMEOUT)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        _probe(conn)
        return conn, False
    except sqlite3.OperationalError:
        if not path.exists():
            raise
        try:
            conn.close()
        except (NameError, sqlite3.Error):
            pass
    uri = "file:" + quote(str(path.resolve()))
    last: sqlite3.Error | None = None
    for mode in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(uri + mode, uri=True, check_same_thread=False,
                                   timeout=TIMEOUT)
            _probe(conn)
            return conn, True
        except sqlite3.OperationalError as exc:
            last = exc
    assert last is not None
    raise last
