"""Open an archive from its location: the one place that picks the backends.

* a folder (a path, or nothing for the user data folder): the SQLite store, the originals
  folder and the gram index inside it (``open_folder_backends``);
* a ``postgresql://`` or ``postgres://`` URL: ``archive.pg.open_pg_backends(url, **opts)``,
  imported only then; if it cannot be loaded, ``BackendUnavailable`` says so in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .backends import Backends
from .library import Library
from .paths import ArchivePaths, default_archive_dir

PG_SCHEMES = ("postgresql://", "postgres://")


class BackendUnavailable(RuntimeError):
    """The archive's location needs a backend that cannot be loaded here."""


def is_database_url(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.lower().startswith(PG_SCHEMES)


def open_folder_backends(root: str | Path | None = None) -> Backends:
    """The SQLite store, originals folder and gram index of an archive folder."""
    from .gram_search import GramSearch
    from .originals import FolderOriginals
    from .store import ArchiveStore

    paths = ArchivePaths(Path(root) if root else default_archive_dir())
    store = ArchiveStore(paths)
    try:
        search = GramSearch(paths.index_dir, store)
    except BaseException:
        store.close()
        raise
    return Backends(store, FolderOriginals(paths.root), search, str(paths.root), paths.root)


def open_backends(location: str | Path | None = None, **opts: Any) -> Backends:
    """The backends of the archive at ``location`` (a folder or a PostgreSQL URL)."""
    if not is_database_url(location):
        return open_folder_backends(location)
    url = str(location)
    try:
        from .pg import open_pg_backends  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        raise BackendUnavailable(
            f"cannot open {_redacted(url)}: the PostgreSQL backend is not available ({exc})"
        ) from None
    found = open_pg_backends(url, **opts)
    if isinstance(found, Backends):
        return found
    repository, originals, search = found
    return Backends(repository, originals, search, _redacted(url))


def open_library(location: str | Path | None = None, on_reindex: Callable | None = None,
                 recover: bool = True, **opts: Any) -> Library:
    """Open the archive at ``location`` (a folder, a PostgreSQL URL, or None for the user
    data folder); unless ``recover`` is False and if no other program is writing to it,
    first finish what an interrupted write left (readers never wait)."""
    lib = Library(backends=open_backends(location, **opts))
    if recover:
        lib.recover(on_reindex)
    return lib


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"
