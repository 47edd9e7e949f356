"""The index queue: SQLite's record of changes the index has not applied yet.

Every change that affects what the index holds (an ingested article, an edit, a delete, a
reindex) adds the article ids to ``index_queue`` in the same SQLite transaction as the
change itself. Once the index has published the new state of those articles, their queue
rows are cleared. A process killed anywhere in between leaves the rows in place, and the
next writer applies them again (applying is idempotent: an article's index entry is
rewritten from SQLite, or removed if SQLite no longer has it as a searchable article).
Rows with ``rederive`` set also get their companies and topics derived again first (a
reindex after a gazetteer or alias change).
"""

from __future__ import annotations

from dataclasses import dataclass

from .backends import ArchiveRepository


@dataclass
class QueueBatch:
    """Some pending queue rows: their sequence numbers and article ids."""

    seqs: list[int]
    ids: list[int]  # distinct, in queue order
    rederive: list[int]  # distinct ids whose metadata is derived again first


def enqueue(store: ArchiveRepository, ids: list[int], rederive: bool = False) -> None:
    """Queue ``ids`` for the index; call inside the transaction that changes them."""
    store.executemany(
        "INSERT INTO index_queue (article_id, rederive) VALUES (?, ?)",
        [(int(i), int(rederive)) for i in ids])


def enqueue_all(store: ArchiveRepository, rederive: bool = False) -> int:
    """Queue every article (inside a transaction); return how many."""
    return store.execute(
        "INSERT INTO index_queue (article_id, rederive) SELECT id, ? FROM articles ORDER BY id",
        (int(rederive),))


def pending_count(store: ArchiveRepository) -> int:
    return int(store.query("SELECT count(*) FROM index_queue")[0][0])


def has_pending(store: ArchiveRepository) -> bool:
    return bool(store.query("SELECT 1 FROM index_queue LIMIT 1"))


def next_batch(store: ArchiveRepository, size: int) -> QueueBatch | None:
    """The oldest ``size`` queue rows, or None when the queue is empty."""
    rows = store.query(
        "SELECT seq, article_id, rederive FROM index_queue ORDER BY seq LIMIT ?", [size])
    if not rows:
        return None
    ids = list(dict.fromkeys(r[1] for r in rows))
    again = list(dict.fromkeys(r[1] for r in rows if r[2]))
    return QueueBatch([r[0] for r in rows], ids, again)


def done_rederiving(store: ArchiveRepository, batch: QueueBatch) -> None:
    """Mark a batch's metadata as derived (inside the transaction that stored it)."""
    marks = ",".join("?" * len(batch.seqs))
    store.execute(f"UPDATE index_queue SET rederive = 0 WHERE seq IN ({marks})", batch.seqs)


def clear(store: ArchiveRepository, seqs: list[int]) -> None:
    """Remove queue rows the index has applied."""
    with store.transaction():
        for start in range(0, len(seqs), 500):
            chunk = seqs[start : start + 500]
            store.execute(
                f"DELETE FROM index_queue WHERE seq IN ({','.join('?' * len(chunk))})", chunk)


def clear_ids(store: ArchiveRepository, ids: list[int], upto: int) -> None:
    """Remove the rows of ``ids`` queued at or before sequence ``upto``."""
    with store.transaction():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            store.execute(
                f"DELETE FROM index_queue WHERE seq <= ? AND article_id IN"
                f" ({','.join('?' * len(chunk))})", [upto, *chunk])


def last_seq(store: ArchiveRepository) -> int:
    return int(store.query("SELECT coalesce(max(seq), 0) FROM index_queue")[0][0])
