"""Original files on the server: the ``originals`` table (``bytea``, keyed and checked by
their sha256), as an ``OriginalsStore``.

Every client reads the same bytes; ``path`` writes a checked copy into this program's
cache folder, for the exporters and "open original" that want a file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from archive.originals import original_relpath

from .connection import PgConnection


def sha_of(key: str) -> str:
    """The sha256 an originals key names (keys are ``originals/ab/abcd…`` as locally)."""
    return Path(key).name


class PgOriginals:
    """Original bytes in the server archive (an ``OriginalsStore``)."""

    def __init__(self, conn: PgConnection, cache_dir: Path):
        self.conn = conn
        self.cache_dir = cache_dir

    def keep(self, sha256: str, data: bytes) -> str:
        """Store the bytes once per content (the database checks their sha256)."""
        self.conn.execute("INSERT INTO originals (sha256, size, data) VALUES (?, ?, ?)"
                          " ON CONFLICT (sha256) DO NOTHING", (sha256, len(data), data))
        return original_relpath(sha256)

    def sync(self) -> None:
        """Nothing to do: the bytes are durable once their transaction commits."""

    def read(self, key: str) -> bytes | None:
        """The bytes of ``key``, checked against their sha256 (None if not kept)."""
        sha = sha_of(key)
        rows = self.conn.execute("SELECT data FROM originals WHERE sha256 = ?", (sha,)).fetchall()
        if not rows:
            return None
        data = bytes(rows[0][0])
        if hashlib.sha256(data).hexdigest() != sha:
            raise OSError(f"the original {sha} on the server does not match its checksum")
        return data

    def path(self, key: str) -> Path | None:
        """A local copy of the bytes of ``key`` (fetched once, checked), or None."""
        sha = sha_of(key)
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            return None
        target = self.cache_dir / original_relpath(sha)
        if target.is_file():
            return target
        data = self.read(key)
        if data is None:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        return target

    def remove(self, key: str) -> bool:
        """Delete the bytes of ``key`` (and this program's copy); False if not there."""
        sha = sha_of(key)
        (self.cache_dir / original_relpath(sha)).unlink(missing_ok=True)
        return self.conn.execute("DELETE FROM originals WHERE sha256 = ?", (sha,)).rowcount > 0
