"""A PostgreSQL connection that speaks the sqlite3 dialect the archive's SQL is written in.

The store and its SQL modules (trash, organise, saved, indexqueue, consistency ...) call
``conn.execute(sql, params)`` with ``?`` placeholders and read rows by index or by name,
``cursor.lastrowid`` and ``rowcount``. ``PgConnection`` runs the same statements on
psycopg 3 after a small, fixed rewrite (the dialect seam, ``translate``):

* ``?`` -> ``%s`` (a literal ``%`` is doubled), outside string literals;
* ``INSERT OR IGNORE INTO`` -> ``INSERT INTO ... ON CONFLICT DO NOTHING``;
* ``last_insert_rowid()`` -> ``lastval()``;
* ``COLLATE NOCASE`` -> ``lower()`` ordering is done by the caller's SQL, here it becomes
  ``COLLATE "C"`` on ``lower(...)``-free text (titles are ordered case-folded with ``lower``);
* ``PRAGMA data_version`` -> the server's WAL position (``CHANGE_STAMP``), which moves
  with every write;
* an ``INSERT`` into a table with a serial key gets ``RETURNING`` it, for ``lastrowid``.

Statements run in autocommit mode unless a transaction was opened with ``begin()``, as
sqlite3 does in the store (which says ``BEGIN IMMEDIATE`` itself).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg

from archive.backends import WriteConflict

SERIAL_KEYS = {"sources": "id", "articles": "id", "companies": "id", "topics": "id",
               "ingest_log": "id", "import_batches": "id", "index_queue": "seq"}
_INSERT_RE = re.compile(r"^\s*INSERT\s+(OR\s+IGNORE\s+)?INTO\s+(\w+)", re.IGNORECASE)
_NOCASE_RE = re.compile(r"ORDER BY title COLLATE NOCASE, title, id", re.IGNORECASE)


# Where the server's write-ahead log is: it moves with every write by any client (and on a
# replica with every change replayed), so caches keyed on it are re-read after a change.
CHANGE_STAMP = "SELECT coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text"


class ServerError(sqlite3.DatabaseError):
    """A PostgreSQL error, as the archive's code catches storage errors (``sqlite3.Error``)."""


class ServerIntegrityError(sqlite3.IntegrityError):
    """A constraint the server refused (a duplicate key, a missing row)."""


class ServerConflict(WriteConflict, ServerError):
    """The server broke a deadlock with another client by refusing this statement."""


def server_error(exc: psycopg.Error) -> sqlite3.Error:
    """``exc`` as the sqlite3 error class the archive's code handles, message in one line."""
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    if isinstance(exc, psycopg.IntegrityError):
        return ServerIntegrityError(text)
    if isinstance(exc, (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)):
        return ServerConflict(f"the server said: {text}")
    return ServerError(f"the server said: {text}")


class Row(tuple):
    """A result row read by position or by column name (like ``sqlite3.Row``)."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    """The row class of a result's column names (made once: ``type()`` is slow)."""
    return type("Row", (Row,), {"_names": names, "__slots__": ()})


_TUPLES_OK = psycopg.pq.ExecStatus.TUPLES_OK


def _has_rows(cursor: psycopg.Cursor) -> bool:
    """Whether the last statement returned rows (without building ``description``'s
    column objects, which cost more than the rest of a short statement)."""
    res = cursor.pgresult
    return res is not None and res.status == _TUPLES_OK


def _row_factory(cursor: psycopg.Cursor) -> Any:
    res = cursor.pgresult
    names = (tuple((res.fname(i) or b"").decode() for i in range(res.nfields))
             if res is not None and res.status == _TUPLES_OK else ())
    cls = _row_class(names)

    def make(values: Sequence[Any]) -> Row:
        return cls(values)

    return make


@lru_cache(maxsize=2048)
def translate(sql: str) -> tuple[str, str | None]:
    """The PostgreSQL form of an archive SQL statement, and the serial key an INSERT of
    it returns (None when it returns none)."""
    if sql.strip().upper() == "PRAGMA DATA_VERSION":
        return CHANGE_STAMP, None
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    text = "".join(out)
    text = text.replace("last_insert_rowid()", "lastval()")
    text = _NOCASE_RE.sub("ORDER BY lower(title), title, id", text)
    returning = None
    m = _INSERT_RE.match(text)
    if m:
        if m.group(1):
            text = text[: m.start(1)] + text[m.end(1):] + " ON CONFLICT DO NOTHING"
        table = m.group(2).lower()
        if table in SERIAL_KEYS and "RETURNING" not in text.upper():
            returning = SERIAL_KEYS[table]
            text += f" RETURNING {returning}"
    return text, returning


class PgCursor:
    """What ``execute`` returns: rows to fetch, ``rowcount`` and ``lastrowid``."""

    def __init__(self, cursor: psycopg.Cursor, returning: str | None):
        self._cur = cursor
        self.rowcount = cursor.rowcount
        self.lastrowid: int | None = None
        self._rows: list[Row] | None = None
        self._has_rows = _has_rows(cursor)
        if returning is not None and self._has_rows:
            rows = cursor.fetchall()
            self._rows = []
            if rows:
                self.lastrowid = int(rows[-1][0])

    def fetchone(self) -> Row | None:
        if self._rows is not None or not self._has_rows:
            return None
        return self._cur.fetchone()  # type: ignore[return-value]

    def fetchall(self) -> list[Row]:
        if self._rows is not None or not self._has_rows:
            return []
        return self._cur.fetchall()  # type: ignore[return-value]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


class PgConnection:
    """One psycopg connection with the sqlite3-like surface the archive's SQL modules use."""

    def __init__(self, conninfo: str, application_name: str = "news-archive"):
        try:
            self.raw = psycopg.connect(conninfo, autocommit=True, row_factory=_row_factory,
                                       application_name=application_name)
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
            raise ServerError(f"cannot open the server archive {redact(conninfo)}: {first}"
                              ) from None
        self.raw.prepare_threshold = None  # statements vary (IN lists); prepare nothing
        # No just-in-time compilation: the archive's statements run in milliseconds, and a
        # search's facet subqueries have cost estimates high enough to start JIT: it spent
        # 824 of a query's 851 ms compiling (EXPLAIN ANALYZE at 10,000 articles).
        try:
            self.raw.execute("SET jit = off")
        except psycopg.Error as exc:
            raise server_error(exc) from exc
        self.total_changes = 0  # sqlite3's counter: the generation stands in (see module)

    def execute(self, sql: str, params: Iterable[Any] = ()) -> PgCursor:
        text, returning = translate(sql)
        cur = self.raw.cursor()
        try:
            cur.execute(text, tuple(params) or None)
            return PgCursor(cur, returning)
        except psycopg.Error as exc:
            raise server_error(exc) from exc

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Raise the server's errors inside as the archive's storage errors."""
        try:
            yield
        except psycopg.Error as exc:
            raise server_error(exc) from exc

    def run(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None
            ) -> list[Row]:
        """Run PostgreSQL's own SQL (``%s`` placeholders, no dialect rewrite); its rows."""
        try:
            if self.raw.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                cur = self.raw.execute(sql, params)
                return cur.fetchall() if _has_rows(cur) else []
            with self.raw.transaction():  # a savepoint: an error leaves the writer's work be
                cur = self.raw.execute(sql, params)
                return cur.fetchall() if _has_rows(cur) else []
        except psycopg.Error as exc:
            raise server_error(exc) from exc

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        text, _ = translate(sql)
        if " RETURNING " in text and _INSERT_RE.match(text):
            text = text[: text.rindex(" RETURNING ")]
        rows = [tuple(p) for p in seq]
        cur = self.raw.cursor()
        try:
            if len(rows) == 1:  # one statement: no pipeline to open and close
                cur.execute(text, rows[0])
            elif rows:
                cur.executemany(text, rows)
        except psycopg.Error as exc:
            raise server_error(exc) from exc
        return PgCursor(cur, None)

    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        if self.raw.closed:
            return
        if self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            self.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


def redact(url: str) -> str:
    """A server URL without its password (for messages and titles)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
