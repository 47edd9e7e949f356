"""Keeping the index in step with SQLite across crashes, and checking that it is.

SQLite is the source of truth. Changes reach the index through the index queue
(``indexqueue``): queued in the change's own transaction, applied here, cleared once the
index has published them. ``recover`` runs whenever a writer takes the archive's lock (and
when a program opens an archive no one is writing): it removes leftovers of interrupted
index writes, drops unloadable segments, finishes the queue, indexes what is missing and
notes in the ingest log the ingests that were killed.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from index.faults import fault_point

from . import indexqueue
from .editing import apply_companies, apply_topics
from .metadata.dates import redetect_date

if TYPE_CHECKING:
    from .library import Library

QUEUE_BATCH = 1000
STORAGE_ERRORS = (OSError, sqlite3.Error)
Progress = Callable[[int, int, str], None]


def apply_queue(lib: Library, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> int:
    """Apply every queued change to the index (writer lock held); return the number of
    articles written to the index. A cancelled run leaves the rest queued."""
    store = lib._store
    total = indexqueue.pending_count(store)
    done = indexed = 0
    while True:
        if cancel is not None and cancel.is_set():
            break
        batch = indexqueue.next_batch(store, QUEUE_BATCH)
        if batch is None:
            break
        if batch.rederive:
            with store.transaction():
                rederive(lib, batch.rederive)
                indexqueue.done_rederiving(store, batch)
            fault_point("rederive-committed")
        docs = lib.index_documents(batch.ids)
        have = {d.id for d in docs}
        gone = [i for i in batch.ids if i not in have]
        if docs:
            lib._index.add(docs)
        if gone:
            lib._index.delete(gone)
        fault_point("index-applied")
        indexqueue.clear(store, batch.seqs)
        fault_point("queue-cleared")
        done += len(batch.seqs)
        indexed += len(docs)
        if progress:
            progress(min(done, total), max(total, done), "")
    return indexed


def rederive(lib: Library, ids: list[int]) -> None:
    """Derive dates, companies and topics of ``ids`` again (inside a transaction); the
    user's manual corrections still win."""
    import json

    rows = lib._store.query(
        "SELECT id, title, text, manual, date_source FROM articles WHERE id IN"
        f" ({','.join('?' * len(ids))})", ids)
    for aid, title, text, manual_json, date_source in rows:
        manual = json.loads(manual_json or "{}")
        if "date" not in manual and not (date_source or "").startswith("hint"):
            # the date rules may have changed too; dates from markup cannot be re-read
            lib._store.update_fields(aid, redetect_date(text))
        lib._store.set_companies(aid, apply_companies(lib._gazetteer.match(text), manual))
        lib._store.set_topics(aid, apply_topics(lib._taxonomy.score(title, text), manual))


def recover(lib: Library, progress: Progress | None = None) -> dict:
    """Finish what an interrupted writer left (writer lock held); say what was done."""
    tidy = lib._index.tidy()
    killed = mark_killed_ingests(lib._store)
    applied = apply_queue(lib, progress) if indexqueue.has_pending(lib._store) else 0
    missing = stale = 0
    if tidy["broken"] or lib._index.doc_count() != lib._store.total_articles():
        missing, stale = reconcile_ids(lib, progress)
    return {**tidy, "killed_ingests": killed, "applied": applied, "missing": missing,
            "stale": stale}


def reconcile_ids(lib: Library, progress: Progress | None = None,
                  cancel: threading.Event | None = None) -> tuple[int, int]:
    """Index articles missing from the index and drop stale entries (writer lock held)."""
    wanted = set(lib._store.article_ids(include_versions=True))
    have = lib._index.ids()
    missing = sorted(wanted - have)
    stale = sorted(have - wanted)
    if stale:
        lib._index.delete(stale)
    for start in range(0, len(missing), QUEUE_BATCH):
        if cancel is not None and cancel.is_set():
            break
        if progress:
            progress(start, len(missing), "")
        lib._index.add(lib.index_documents(missing[start : start + QUEUE_BATCH]))
    return len(missing), len(stale)


def check_index(lib: Library) -> dict:
    """Compare SQLite and the index: every searchable article indexed exactly once, nothing
    else indexed, no unloadable segment, no queued change left."""
    wanted = set(lib._store.article_ids(include_versions=True))
    live = lib._index.entries()
    have = set(live)
    missing = sorted(wanted - have)
    stale = sorted(have - wanted)
    broken = lib._index.broken_segments()
    pending = indexqueue.pending_count(lib._store)
    twice = len(live) - len(have)
    problems = []
    if missing:
        problems.append(f"{len(missing)} articles missing from the index (ids {_some(missing)})")
    if stale:
        problems.append(f"{len(stale)} index entries of no article (ids {_some(stale)})")
    if twice:
        problems.append(f"{twice} articles indexed more than once")
    for name, why in broken.items():
        problems.append(f"index segment {name} cannot be read: {why}")
    if pending:
        problems.append(f"{pending} changes not yet applied to the index")
    return {"ok": not problems, "articles": len(wanted), "indexed": len(live),
            "missing": missing, "stale": stale, "broken_segments": sorted(broken),
            "pending": pending, "problems": problems}


def _some(ids: list[int]) -> str:
    return ", ".join(map(str, ids[:10])) + (" …" if len(ids) > 10 else "")


# ----- the ingest log's record of a run ----------------------------------------------------
def begin_ingest(store, paths: list) -> int | None:
    """Log that an ingest starts (its row says ``running`` until it ends)."""
    first = str(paths[0]) if paths else ""
    label = first if len(paths) == 1 else f"{first} and {len(paths) - 1} more"
    try:
        with store.transaction():
            return store.log(label, "running", f"ingest by process {os.getpid()}")
    except STORAGE_ERRORS:
        return None


def end_ingest(store, row: int | None, summary: str, outcome: str) -> None:
    """Record how the ingest of ``row`` ended: ``finished``, ``stopped`` or ``cancelled``."""
    if row is None:
        return
    try:
        with store.transaction():
            store.execute("UPDATE ingest_log SET outcome = ?, error = ? WHERE id = ?",
                          (outcome, summary, row))
    except STORAGE_ERRORS:
        pass


def mark_killed_ingests(store) -> int:
    """Ingests still ``running`` while we hold the writer lock were killed: say so, with
    how many files they had stored (the log rows after theirs)."""
    rows = store.query("SELECT id FROM ingest_log WHERE outcome = 'running' ORDER BY id")
    if not rows:
        return 0
    ids = [r[0] for r in rows] + [None]
    with store.transaction():
        for start, end in itertools.pairwise(ids):
            bound = "" if end is None else f" AND id < {int(end)}"
            stored = store.query(
                "SELECT count(*) FROM ingest_log WHERE id > ? AND outcome IN"
                f" ('added', 'version', 'duplicate'){bound}", [start])[0][0]
            note = (f"the ingest was killed before it finished; {stored} files were settled"
                    " before that (logged after this line) and kept")
            store.execute(
                "UPDATE ingest_log SET outcome = 'killed', error = ? WHERE id = ?", (note, start))
    return len(rows)
