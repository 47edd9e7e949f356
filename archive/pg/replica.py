"""Reads from a streaming replica, writes to the primary (``--read-replica URL``).

``route_reads`` puts a ``RoutedConnection`` in place of a server archive's connection. A
statement goes to the replica when it only reads (``SELECT``/``WITH`` without locking or
sequence functions) and this program is neither inside a transaction nor holding the
archive's writer lock; everything else goes to the primary. So a search, its facets and
snippets, the reader and exports are served by the replica; ingest, edits and the
reads a write depends on stay on the primary.

Read-your-writes: after this program has written, the next replica read first waits
until the replica has replayed the primary's WAL up to that point (``pg_last_wal_replay_lsn``),
so an edit is never followed by the old version; if the replica is more than
``CATCH_UP_SECONDS`` behind, that read goes to the primary instead. If the replica cannot
be reached, reads go to the primary until it is back.
"""

from __future__ import annotations

import re
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from .connection import PgConnection, translate

CATCH_UP_SECONDS = 5.0
RETRY_SECONDS = 30.0
_READ_RE = re.compile(r"^\s*(SELECT|WITH)\b", re.IGNORECASE)
_NOT_READ_RE = re.compile(r"\bFOR\s+(UPDATE|SHARE|NO KEY|KEY)\b|pg_advisory|pg_try_advisory|"
                          r"nextval|setval|lastval|pg_notify|\bINSERT\b|\bUPDATE\b|\bDELETE\b",
                          re.IGNORECASE)


def is_read(sql: str) -> bool:
    """Whether a statement only reads (so a hot standby can run it)."""
    return bool(_READ_RE.match(sql)) and not _NOT_READ_RE.search(sql)


class Router:
    """Decides, per statement, primary or replica; keeps read-your-writes."""

    def __init__(self, primary: PgConnection, replica_url: str,
                 writing: Callable[[], bool] = lambda: False):
        self.primary = primary
        self.replica_url = replica_url
        self.writing = writing
        self.replica: PgConnection | None = None
        self.dirty = False  # this program wrote since the replica last caught up
        self.pinned = 0  # > 0: every statement goes to the primary (see ``on_primary``)
        self.reads = {"primary": 0, "replica": 0}
        self._down_until = 0.0
        self._connect()

    def _connect(self) -> None:
        try:
            self.replica = PgConnection(self.replica_url,
                                        application_name="news-archive (replica reads)")
        except psycopg.OperationalError:
            self.replica = None
            self._down_until = time.monotonic() + RETRY_SECONDS

    def _in_transaction(self) -> bool:
        status = self.primary.raw.info.transaction_status
        return status != psycopg.pq.TransactionStatus.IDLE

    def target(self, sql: str) -> Any:
        """The raw psycopg connection to run ``sql`` on."""
        if self.pinned or not is_read(sql) or self._in_transaction() or self.writing():
            if not is_read(sql):
                self.dirty = True
            self.reads["primary"] += 1
            return self.primary
        if self.replica is None and time.monotonic() >= self._down_until:
            self._connect()
        if self.replica is None or (self.dirty and not self._caught_up()):
            self.reads["primary"] += 1
            return self.primary
        self.reads["replica"] += 1
        return self.replica

    @contextmanager
    def on_primary(self) -> Iterator[None]:
        """Send every statement to the primary meanwhile (a search whose view of the index
        went stale reads it again where it was written, not from a replica behind it)."""
        self.pinned += 1
        try:
            yield
        finally:
            self.pinned -= 1

    def _caught_up(self) -> bool:
        """Wait until the replica has replayed this program's writes (False: too slow)."""
        assert self.replica is not None
        try:
            row = self.primary.raw.execute("SELECT pg_current_wal_lsn()").fetchone()
            assert row is not None
            lsn = row[0]
            deadline = time.monotonic() + CATCH_UP_SECONDS
            while True:
                row = self.replica.raw.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)).fetchone()
                if row and row[0]:
                    self.dirty = False
                    return True
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.01)
        except psycopg.OperationalError:
            self._lost()
            return False

    def _lost(self) -> None:
        if self.replica is not None:
            try:
                self.replica.close()
            except psycopg.Error:
                pass
        self.replica = None
        self._down_until = time.monotonic() + RETRY_SECONDS

    def run(self, sql: str, call: Callable[[Any], Any]) -> Any:
        """Run ``call(connection)`` on the statement's target; a lost replica falls back."""
        conn = self.target(sql)
        if conn is self.primary:
            return call(conn)
        try:
            return call(conn)
        except Exception as exc:
            if not _replica_failed(exc):
                raise
            if _connection_lost(exc):
                self._lost()
            self.reads["primary"] += 1
            return call(self.primary)


def _cause(exc: BaseException) -> BaseException:
    return exc.__cause__ if isinstance(exc.__cause__, psycopg.Error) else exc


def _connection_lost(exc: BaseException) -> bool:
    return isinstance(_cause(exc), psycopg.OperationalError)


def _replica_failed(exc: BaseException) -> bool:
    """A lost replica, or a query the standby cancelled to replay WAL: the primary answers."""
    return _connection_lost(exc) or isinstance(_cause(exc), psycopg.errors.SerializationFailure)


class RoutedRaw:
    """The ``raw`` psycopg connection as the search code uses it: ``execute`` is routed,
    everything else (cursors for writes, transactions, info) is the primary's."""

    def __init__(self, router: Router):
        self._router = router

    def execute(self, sql: Any, params: Any = None, **kwargs: Any) -> Any:
        text = sql if isinstance(sql, str) else ""
        return self._router.run(text, lambda c: c.raw.execute(sql, params, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._router.primary.raw, name)


class RoutedConnection:
    """A ``PgConnection`` whose reads may be served by a replica (see the module)."""

    def __init__(self, router: Router):
        self.router = router
        self.raw = RoutedRaw(router)

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        text, _ = translate(sql)
        return self.router.run(text, lambda c: c.execute(sql, params))

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Any:
        self.router.dirty = True
        return self.router.primary.executemany(sql, seq)

    def close(self) -> None:
        if self.router.replica is not None:
            self.router.replica.close()
        self.router.primary.close()

    def __getattr__(self, name: str) -> Any:  # begin, commit, rollback, total_changes ...
        return getattr(self.router.primary, name)


def route_reads(store: Any, replica_url: str) -> RoutedConnection:
    """Send a server repository's reads to the replica at ``replica_url`` (writes, locks
    and the change feed stay on the primary); return the routed connection for the
    originals and search backends. ``store.replica_router`` counts the reads."""
    locks: weakref.WeakSet[Any] = weakref.WeakSet()  # an import's lock lives as long as it
    make_lock, make_import_lock = store.writer_lock, store.import_lock

    def writer_lock() -> Any:
        lock = make_lock()
        locks.add(lock)
        return lock

    def import_lock() -> Any:
        lock = make_import_lock()
        locks.add(lock)
        return lock

    router = Router(store.conn, replica_url, writing=lambda: any(lk.held for lk in locks))
    routed = RoutedConnection(router)
    store.conn = routed
    store.db.conn = routed
    store.writer_lock = writer_lock
    store.import_lock = import_lock
    store.replica_router = router
    return routed
