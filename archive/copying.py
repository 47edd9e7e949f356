"""``copy-archive SRC DEST``: copy a whole archive between a folder and a server (either way).

Everything a person made or corrected is copied as it is, ids included: sources with their
original bytes, articles with their manual corrections, row versions and trash state,
companies and topics with their links, collections, tags, notes, saved searches, import
batches and the import log. What is derived (the search index) is rebuilt in the
destination from the copied rows.

The copy is verified before it is reported done: for every table the number of rows and
a sha256 over all their values (in key order, numbers and text normalised) must be the
same in source and destination, and every original read back from the destination must
hash to the sha256 its source row records. The rows go in one transaction, so a failed
copy leaves the destination empty; the destination must be empty to start with.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from .library import Library
from .originals import original_relpath
from .paths import ArchivePaths

Progress = Callable[[int, int, str], None]

# Copied in this order (a row's references come before it); key columns order the rows.
TABLES: list[tuple[str, tuple[str, ...]]] = [
    ("import_batches", ("id",)),
    ("sources", ("id",)),
    ("articles", ("id",)),
    ("companies", ("id",)),
    ("topics", ("id",)),
    ("article_companies", ("article_id", "company_id")),
    ("article_topics", ("article_id", "topic_id")),
    ("article_collections", ("article_id", "name")),
    ("article_tags", ("article_id", "name")),
    ("article_notes", ("article_id",)),
    ("saved_searches", ("name",)),
    ("ingest_log", ("id",)),
    ("ocr_pages", ("sha256", "page_no")),
]
SERIAL_TABLES = ("import_batches", "sources", "articles", "companies", "topics", "ingest_log")
CHUNK = 500


class CopyError(Exception):
    """The copy could not be made or did not verify (one line saying why)."""


@dataclass
class CopyReport:
    """What was copied and verified: rows per table, originals and their bytes."""

    rows: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)
    originals: int = 0
    original_bytes: int = 0
    indexed: int = 0

    def to_dict(self) -> dict:
        return {"rows": self.rows, "checksums": self.checksums, "originals": self.originals,
                "original_bytes": self.original_bytes, "indexed": self.indexed,
                "verified": True}


def _conn(lib: Library) -> Any:
    """The archive's own connection (copying writes rows with their ids as they are)."""
    return cast(Any, lib._store).db.conn


def is_server(lib: Library) -> bool:
    return not isinstance(_conn(lib), sqlite3.Connection)


def columns(lib: Library, table: str) -> list[str]:
    """The table's columns in the archive (empty if it has no such table)."""
    if is_server(lib):
        rows = lib._store.query("SELECT column_name FROM information_schema.columns WHERE"
                               " table_schema = current_schema() AND table_name = ?"
                               " ORDER BY ordinal_position", [table])
    else:
        rows = lib._store.query(f"SELECT name FROM pragma_table_info('{table}')")
    return [r[0] for r in rows]


def _normal(value: object) -> object:
    """A value as the checksum sees it: the same on both backends."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return value


def _rows(lib: Library, table: str, cols: list[str], keys: tuple[str, ...]) -> Iterator[list]:
    """Every row of ``table`` (these columns) in key order, read in chunks."""
    select = ", ".join(cols)
    order = ", ".join(keys)
    if keys == ("id",):
        last = None
        while True:
            params: list[Any]
            where, params = ("WHERE id > ? ", [last]) if last is not None else ("", [])
            chunk = lib._store.query(f"SELECT {select} FROM {table} {where}ORDER BY id"
                                    f" LIMIT {CHUNK}", params)
            yield from ([*r] for r in chunk)
            if len(chunk) < CHUNK:
                return
            last = chunk[-1][cols.index("id")]
    elif keys[0] == "article_id":
        ids = [r[0] for r in lib._store.query(
            f"SELECT DISTINCT article_id FROM {table} ORDER BY article_id")]
        for start in range(0, len(ids), CHUNK):
            lo, hi = ids[start], ids[min(start + CHUNK, len(ids)) - 1]
            chunk = lib._store.query(f"SELECT {select} FROM {table} WHERE article_id"
                                    f" BETWEEN ? AND ? ORDER BY {order}", [lo, hi])
            yield from ([*r] for r in chunk)
    else:
        yield from ([*r] for r in lib._store.query(f"SELECT {select} FROM {table}"
                                                  f" ORDER BY {order}"))


def table_digest(lib: Library, table: str, cols: list[str],
                 keys: tuple[str, ...]) -> tuple[int, str]:
    """Row count and sha256 of the table's rows (these columns, key order)."""
    digest = hashlib.sha256()
    count = 0
    for row in _rows(lib, table, cols, keys):
        digest.update(json.dumps([_normal(v) for v in row], ensure_ascii=False,
                                 default=str).encode())
        digest.update(b"\n")
        count += 1
    return count, digest.hexdigest()


# ----- originals ------------------------------------------------------------------------
def read_original(lib: Library, sha256: str, key: str | None) -> bytes | None:
    """The original bytes a source row names (None if they are not there)."""
    originals = lib._originals
    key = key or original_relpath(sha256)
    try:
        reader = getattr(originals, "read", None)  # a server reads them from its table
        if reader is not None:
            return reader(key)
        path = originals.path(key)
        return path.read_bytes() if path is not None else None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CopyError(f"the original {sha256}: {exc}") from None


# ----- the copy ---------------------------------------------------------------------------
def _plan(src: Library, dest: Library) -> list[tuple[str, tuple[str, ...], list[str]]]:
    """The tables and shared columns to copy; refuse a destination that is not empty or
    cannot hold a column the source has."""
    plan = []
    for table, keys in TABLES:
        have, want = columns(src, table), columns(dest, table)
        if not have:
            continue
        if not want:
            raise CopyError(f"the destination has no table {table}: update the program there")
        missing = [c for c in have if c not in want]
        if missing:
            raise CopyError(f"the destination's {table} table has no column {missing[0]}:"
                            " update the program there")
        plan.append((table, keys, have))
    if dest._store.query("SELECT count(*) FROM articles")[0][0] or \
            dest._store.query("SELECT count(*) FROM sources")[0][0]:
        raise CopyError("the destination archive is not empty; copy into a new archive")
    return plan


def _insert(dest: Library, table: str, cols: list[str], rows: list[list]) -> None:
    marks = ", ".join("?" * len(cols))
    _conn(dest).executemany(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


def _copy_articles(src: Library, dest: Library, cols: list[str]) -> None:
    """First copies before their versions (``duplicate_of`` must name a row already there)."""
    dup = cols.index("duplicate_of")
    later: list[list] = []
    batch: list[list] = []
    for row in _rows(src, "articles", cols, ("id",)):
        if row[dup] is not None:
            later.append(row)
            continue
        batch.append(row)
        if len(batch) >= CHUNK:
            _insert(dest, "articles", cols, batch)
            batch = []
    _insert(dest, "articles", cols, batch)
    for start in range(0, len(later), CHUNK):
        _insert(dest, "articles", cols, later[start:start + CHUNK])


def copy_archive(src: Library, dest: Library, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> CopyReport:
    """Copy everything from ``src`` into the empty ``dest``, rebuild its search index and
    verify counts and checksums; raise ``CopyError`` (one line) when it cannot."""
    plan = _plan(src, dest)
    report = CopyReport()
    total = len(plan) + 1
    with dest._writing():
        with dest._store.transaction():
            for step, (table, keys, cols) in enumerate(plan):
                if cancel is not None and cancel.is_set():
                    raise CopyError("cancelled; the destination was left empty")
                if progress:
                    progress(step, total, table)
                if table == "articles":
                    _copy_articles(src, dest, cols)
                elif table == "sources":
                    _copy_sources(src, dest, cols, report)
                else:
                    batch: list[list] = []
                    for row in _rows(src, table, cols, keys):
                        batch.append(row)
                        if len(batch) >= CHUNK:
                            _insert(dest, table, cols, batch)
                            batch = []
                    _insert(dest, table, cols, batch)
            if is_server(dest):
                for table in SERIAL_TABLES:  # new rows continue after the copied ids
                    _conn(dest).execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")
            from . import indexqueue

            indexqueue.enqueue_all(dest._store)
        dest._originals.sync()
        if progress:
            progress(len(plan), total, "search index")
        report.indexed = dest._apply_queue()
    _verify(src, dest, plan, report)
    if progress:
        progress(total, total, "verified")
    return report


def _copy_sources(src: Library, dest: Library, cols: list[str], report: CopyReport) -> None:
    sha, original = cols.index("sha256"), cols.index("original")
    batch: list[list] = []
    for row in _rows(src, "sources", cols, ("id",)):
        data = read_original(src, row[sha], row[original])
        if data is None:
            raise CopyError(f"the original of source {row[cols.index('id')]} ({row[sha]})"
                            " is missing from the source archive")
        if hashlib.sha256(data).hexdigest() != row[sha]:
            raise CopyError(f"the original of source {row[cols.index('id')]} does not match"
                            " its sha256 in the source archive")
        row[original] = dest._originals.keep(row[sha], data)
        report.originals += 1
        report.original_bytes += len(data)
        batch.append(row)
        if len(batch) >= CHUNK // 5:
            _insert(dest, "sources", cols, batch)
            batch = []
    _insert(dest, "sources", cols, batch)


def _verify(src: Library, dest: Library, plan, report: CopyReport) -> None:
    """Counts and checksums of every table, then every original, read back from ``dest``."""
    for table, keys, cols in plan:
        check = [c for c in cols if c != "original"]  # where an original lives may differ
        n_src, sum_src = table_digest(src, table, check, keys)
        n_dest, sum_dest = table_digest(dest, table, check, keys)
        if n_src != n_dest:
            raise CopyError(f"verification failed: {table} has {n_src} rows in the source"
                            f" and {n_dest} in the copy")
        if sum_src != sum_dest:
            raise CopyError(f"verification failed: {table} differs between the source and"
                            " the copy (checksums do not match)")
        report.rows[table] = n_src
        report.checksums[table] = sum_src
    checked = 0
    for sha, original in dest._store.query("SELECT sha256, original FROM sources"):
        data = read_original(dest, sha, original)
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            raise CopyError(f"verification failed: the original {sha} in the copy is missing"
                            " or does not match its sha256")
        checked += 1
    if checked != report.originals:
        raise CopyError(f"verification failed: {report.originals} originals copied,"
                        f" {checked} in the copy")


SERVER_PREFIXES = ("postgresql://", "postgres://")


def open_location(location: str, must_exist: bool = False) -> Library:
    """A Library for a folder or a ``postgresql://`` URL; ``must_exist``: refuse a folder
    that holds no archive (the source of a copy)."""
    from .opening import open_library

    if not location.startswith(SERVER_PREFIXES) and must_exist \
            and not ArchivePaths(Path(location)).database.exists():
        raise CopyError(f"{location}: there is no archive in that folder")
    return open_library(location if location.startswith(SERVER_PREFIXES) else Path(location),
                        recover=False)
