"""Server archives in PostgreSQL (``postgresql://`` URLs): store, originals, search.

``open_pg_library(url)`` opens one behind the ``Library`` facade; ``open_pg_backends``
gives its parts (repository, originals store, search backend) to the backend factory.
"""

from __future__ import annotations

from .library import PgLibrary, open_pg_library, redact


def is_server_url(location: object) -> bool:
    """Whether an ``--archive`` value names a server archive rather than a folder."""
    text = str(location)
    return text.startswith(("postgresql://", "postgres://", "postgresql:/", "postgres:/"))


def open_pg_backends(url: str, **opts: object):
    """The repository, originals store and search backend of a server archive."""
    replica = opts.get("read_replica")
    lib = PgLibrary(url, str(replica) if replica else None)
    return lib.store, lib.store, lib.index


__all__ = ["PgLibrary", "is_server_url", "open_pg_backends", "open_pg_library", "redact"]
