"""The gram index's immutable segments (``index.segments``) stored in PostgreSQL.

The index lives in the database, shared by every client, written in the same transaction
as the articles and backed up with them; the position intersection of a phrase runs in
the client (NumPy, ``index.gramindex``) over the postings it reads from the server,
because SQL cannot intersect positions fast (a phrase test over ``tsvector`` re-read each
candidate's whole vector: ``README.md``, "Server archive").

Tables (``archive/pg/schema.py``, versions 3-4):

* ``search_segments``: one row per segment: its number of documents, the dtypes and
  lengths of its arrays (``meta``), and ``head``: the arrays a client keeps whole (sorted
  gram codes, list offsets, the per-document arrays, the facet pairs) as one ``.npz``;
* ``search_chunks``: the large arrays (positions ``keys``, document lists ``docs``,
  counts ``tf``/``ttf``) cut into ``CHUNK``-byte rows stored uncompressed out of line
  (``STORAGE EXTERNAL``), so ``substring`` reads only the TOAST pages of the slice a
  query needs;
* ``search_docs``: each indexed article's segment (an article deleted for good takes its
  row along); removing a row marks the article deleted in its segment (``search_deleted``,
  by a statement trigger) and moves the index's generation;
* ``search_state``: the generation and a random stamp, moved when a transaction that
  changed the index commits (a deferred trigger: the row is locked for an instant, not
  for a writer's whole group), so a client checks its cached view with one cheap read.

A document of a segment is live while its article's ``search_docs`` row names that
segment; each write settles the documents it adds against those rows, so two clients
writing at once both land and an article indexed by both is live once. Merges are made
by one client at a time (an advisory lock; a client finding it taken merges later).
Segments never change, so what a client caches of them (heads, slices) never goes stale;
a merge (under the same row lock, in one transaction) replaces its inputs by its output.
A reader still holding a merged-away segment finds its chunks gone and searches again on
the new view (``Stale``).
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
import psycopg

from index.gramindex import SEGMENT_POSITIONS, Snapshot, merge_group, split_by_positions
from index.segments import (
    MULTI_FACETS,
    FacetPairs,
    Segment,
    SegmentDoc,
    build_segment,
    load_segment,
    merge_segments,
    no_leads,
)

from .roles import grant_tables

CHUNK = 1 << 20  # bytes of a large array per stored row
REMOTE = ("keys", "docs", "tf", "ttf", "gnext", "gpos", "ldocs", "ltf", "lttf")  # read in slices
HEAD = ("terms", "offsets", "doffsets", "goffsets", "lterms", "ldoffsets", "aid", "title_len",
        "length", "year", "date_key")
SLICE_CACHE_BYTES = 256 << 20  # slices kept by a client (immutable: never stale)

SQL = f"""
DROP TRIGGER IF EXISTS articles_search_doc ON articles;
{''.join(f"DROP TRIGGER IF EXISTS {t}_search_{op} ON {t};"
         for t in ("article_companies", "article_topics")
         for op in ("insert", "delete", "update"))}
DROP FUNCTION IF EXISTS archive_search_doc_article();
DROP FUNCTION IF EXISTS archive_search_doc_links();
DROP TABLE IF EXISTS search_parts, search_docs CASCADE;
CREATE TABLE IF NOT EXISTS search_state (
    id integer PRIMARY KEY CHECK (id = 1), generation bigint NOT NULL, stamp text NOT NULL);
INSERT INTO search_state VALUES (1, 0, gen_random_uuid()::text) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS search_segments (
    name text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY,
    size integer NOT NULL, meta jsonb NOT NULL, head bytea NOT NULL);
CREATE TABLE IF NOT EXISTS search_chunks (
    segment text NOT NULL REFERENCES search_segments (name) ON DELETE CASCADE,
    attr text NOT NULL, chunk integer NOT NULL, data bytea NOT NULL,
    PRIMARY KEY (segment, attr, chunk));
ALTER TABLE search_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE TABLE IF NOT EXISTS search_docs (
    article_id bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    segment text NOT NULL);
CREATE INDEX IF NOT EXISTS idx_search_docs_segment ON search_docs (segment);
CREATE TABLE IF NOT EXISTS search_deleted (
    segment text NOT NULL REFERENCES search_segments (name) ON DELETE CASCADE,
    article_id bigint NOT NULL, PRIMARY KEY (segment, article_id));
CREATE OR REPLACE FUNCTION archive_search_docs_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_deleted (segment, article_id)
        SELECT g.segment, g.article_id FROM gone g
        WHERE EXISTS (SELECT 1 FROM search_segments s WHERE s.name = g.segment)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER search_docs_gone AFTER DELETE ON search_docs
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION archive_search_docs_gone();
-- The stamp moves when a transaction that changed the index commits: deferred to the
-- commit, so the row's lock is held for an instant, not for a writer's whole group.
CREATE OR REPLACE FUNCTION archive_search_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('archive.search_stamped', true) IS DISTINCT FROM
            txid_current()::text THEN
        UPDATE search_state SET generation = generation + 1, stamp = gen_random_uuid()::text;
        PERFORM set_config('archive.search_stamped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS search_segments_changed ON search_segments;
CREATE CONSTRAINT TRIGGER search_segments_changed AFTER INSERT OR DELETE ON search_segments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION archive_search_changed();
DROP TRIGGER IF EXISTS search_deleted_changed ON search_deleted;
CREATE CONSTRAINT TRIGGER search_deleted_changed AFTER INSERT ON search_deleted
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION archive_search_changed();
"""

MERGE_LOCK = 0x4E_41_53_4D  # advisory lock key held by the transaction that merges
_SLICES = f"""
SELECT r.i, string_agg(substring(c.data FROM greatest(r.a - c.chunk::bigint * {CHUNK}, 0)::int + 1
                                 FOR (least(r.b, (c.chunk + 1)::bigint * {CHUNK})
                                      - greatest(r.a, c.chunk::bigint * {CHUNK}))::int),
                       ''::bytea ORDER BY c.chunk)
FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::bigint[]) WITH ORDINALITY r (seg, attr, a, b, i)
JOIN search_chunks c ON c.segment = r.seg AND c.attr = r.attr
    AND c.chunk BETWEEN r.a / {CHUNK} AND (r.b - 1) / {CHUNK}
GROUP BY r.i
"""


TABLES = ("search_state", "search_segments", "search_chunks", "search_docs", "search_deleted")


def grant(raw: psycopg.Connection) -> None:
    """Give the archive's levels (archive/pg/roles.py) their rights on the index tables
    (an archive upgraded by a superuser: the admin's default privileges do not apply)."""
    grant_tables(raw, TABLES)


class Stale(RuntimeError):
    """A segment of this client's view was merged away meanwhile: search again."""


class _Remote:
    """Stands for a large array kept on the server: its dtype and length."""

    def __init__(self, dtype: np.dtype, length: int):
        self.dtype = np.dtype(dtype)
        self.length = length

    def __len__(self) -> int:
        return self.length


class RemoteSegment(Segment):
    """A segment whose large arrays are read from the server a slice at a time."""

    store: PgSegments

    def _slice(self, attr: str, start: int, stop: int) -> np.ndarray:
        array = getattr(self, attr)
        if not isinstance(array, _Remote):
            return np.asarray(array[start:stop])
        return self.store.read(self.name, attr, array.dtype, start, stop)


def pack_head(seg: Segment) -> tuple[bytes, dict]:
    """The arrays a client keeps whole, as one ``.npz``, and the segment's ``meta``."""
    buf = io.BytesIO()
    arrays = {a: np.asarray(getattr(seg, a)) for a in HEAD}
    for f in MULTI_FACETS:
        arrays[f"{f}_docs"] = np.asarray(seg.facets[f].docs, dtype=np.int64)
        arrays[f"{f}_vals"] = np.asarray(seg.facets[f].vals, dtype=np.int64)
    np.savez(buf, **arrays)  # type: ignore[arg-type]  # (numpy's stub reads the names as its keywords)
    meta = {"arrays": {a: [np.asarray(getattr(seg, a)).dtype.str, len(getattr(seg, a))]
                       for a in REMOTE},
            "facets": {f: seg.facets[f].names for f in MULTI_FACETS}}
    return buf.getvalue(), meta


def _unpack(name: str, meta: dict, head: bytes, store: PgSegments) -> RemoteSegment:
    data = np.load(io.BytesIO(head))
    arrays: dict[str, Any] = no_leads() if "lterms" not in data else {}  # stored before them
    arrays.update({a: data[a] for a in HEAD if a in data})
    for attr, (dtype, length) in meta["arrays"].items():
        arrays[attr] = _Remote(np.dtype(dtype), int(length))
    facets = {f: FacetPairs(meta["facets"][f], data[f"{f}_docs"], data[f"{f}_vals"])
              for f in MULTI_FACETS}
    seg = RemoteSegment(name=name, facets=facets, **arrays)
    seg.store = store
    return seg


class PgSegments:
    """The gram index of a server archive (the ``GramIndex`` surface the engine uses)."""

    def __init__(self, conn):
        self.conn = conn  # reads may go to a replica (conn.run); writes to conn.raw
        self._lock = threading.RLock()
        self._segments: dict[str, RemoteSegment] = {}
        self._snapshot: Snapshot | None = None
        self._stamp: str | None = None
        self._generation = 0  # this client's count of the views it has built
        self._slices: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._cached_bytes = 0
        self.broken: dict[str, str] = {}

    # ----- reading -------------------------------------------------------------------
    def read(self, name: str, attr: str, dtype: np.dtype, start: int, stop: int) -> np.ndarray:
        """``attr[start:stop]`` of segment ``name`` (kept in a bounded cache)."""
        if stop <= start:
            return np.zeros(0, dtype=dtype)
        key = (name, attr, start, stop)
        with self._lock:
            hit = self._slices.get(key)
            if hit is not None:
                self._slices.move_to_end(key)
                return hit
        got = self.read_many([(name, attr, dtype, start, stop)])[0]
        return got

    def read_many(self, wants: list[tuple[str, str, np.dtype, int, int]]) -> list[np.ndarray]:
        """Several slices in one statement (those cached are not asked for)."""
        out: list[np.ndarray | None] = [None] * len(wants)
        ask = []
        with self._lock:
            for i, (name, attr, dtype, start, stop) in enumerate(wants):
                if stop <= start:
                    out[i] = np.zeros(0, dtype=dtype)
                    continue
                hit = self._slices.get((name, attr, start, stop))
                if hit is not None:
                    out[i] = hit
                else:
                    ask.append(i)
        if ask:
            size = [np.dtype(wants[i][2]).itemsize for i in ask]
            rows = self._binary(_SLICES, (
                [wants[i][0] for i in ask], [wants[i][1] for i in ask],
                [wants[i][3] * s for i, s in zip(ask, size, strict=True)],
                [wants[i][4] * s for i, s in zip(ask, size, strict=True)]))
            found = {int(r[0]) - 1: bytes(r[1]) for r in rows}
            for j, i in enumerate(ask):
                name, attr, dtype, start, stop = wants[i]
                data = found.get(j, b"")
                if len(data) != (stop - start) * size[j]:
                    raise Stale(f"segment {name} is gone")
                array = np.frombuffer(data, dtype=dtype)
                out[i] = array
                self._keep((name, attr, start, stop), array)
        return out  # type: ignore[return-value]

    def _binary(self, sql: str, params: tuple) -> list:
        """Rows of a read, sent in binary (bytea as bytes, not as hex text); inside this
        client's open transaction (a writer's group) as a savepoint, as ``run`` does."""
        raw = self.conn.raw
        if raw.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            return raw.execute(sql, params, binary=True).fetchall()
        with raw.transaction():
            return raw.execute(sql, params, binary=True).fetchall()

    def _keep(self, key: tuple, array: np.ndarray) -> None:
        with self._lock:
            if key in self._slices:
                return
            self._slices[key] = array
            self._cached_bytes += array.nbytes
            while self._cached_bytes > SLICE_CACHE_BYTES and self._slices:
                _, old = self._slices.popitem(last=False)
                self._cached_bytes -= old.nbytes

    def prefetch(self, snap: Snapshot, grams: dict[tuple[int, bool], bool]) -> None:
        """Read, in one statement, the document lists of these grams in every segment of
        ``snap``, and their positions where ``grams[gram]`` is true (a phrase's grams:
        the engine compares their positions)."""
        wants = []
        for seg in snap.segments:
            if not isinstance(seg, RemoteSegment):
                continue
            for (code, is_prefix), positions in grams.items():
                names, a, b, _ = seg.doc_list(code, is_prefix)
                if a == b:
                    continue
                for attr in names:
                    wants.append((seg.name, attr, getattr(seg, attr).dtype, a, b))
                if positions:
                    i, j = seg._term_range(code, is_prefix)
                    wants.append((seg.name, "keys", seg.keys.dtype,
                                  int(seg.offsets[i]), int(seg.offsets[j])))
        if wants:
            self.read_many(wants)

    def invalidate(self) -> None:
        """Build the view again at the next search (a segment of it was not found)."""
        with self._lock:
            self._snapshot = None

    def stamp(self) -> str:
        return str(self.conn.run("SELECT stamp FROM search_state")[0][0])

    def snapshot(self) -> Snapshot:
        """The current view (rebuilt when another write moved the stamp)."""
        with self._lock:
            stamp = self.stamp()
            if self._snapshot is None or stamp != self._stamp:
                self._snapshot = self._build()
            return self._snapshot

    def _build(self) -> Snapshot:
        row = self.conn.run(
            "SELECT (SELECT stamp FROM search_state),"
            " (SELECT coalesce(json_agg(json_build_array(name, size) ORDER BY seq), '[]')"
            "  FROM search_segments),"
            " (SELECT coalesce(json_agg(json_build_array(segment, article_id)), '[]')"
            "  FROM search_deleted)")[0]
        stamp, listed, deleted = row[0], _json(row[1]), _json(row[2])
        names = [n for n, _ in listed]
        missing = [n for n in names if n not in self._segments]
        if missing:
            for name, meta, head in self.conn.run(
                    "SELECT name, meta, head FROM search_segments WHERE name = ANY(%s)",
                    (missing,)):
                self._segments[name] = _unpack(name, _json(meta), bytes(head), self)
        names = [n for n in names if n in self._segments]  # (merged away meanwhile)
        for gone in [n for n in self._segments if n not in names]:
            del self._segments[gone]
        gone_by: dict[str, list[int]] = {}
        for seg_name, aid in deleted:
            gone_by.setdefault(seg_name, []).append(int(aid))
        self._stamp = stamp
        self._generation += 1
        return Snapshot.of([self._segments[n] for n in names], gone_by, self._generation)

    def ids(self) -> set[int]:
        return {int(r[0]) for r in self.conn.run("SELECT article_id FROM search_docs")}

    def doc_count(self) -> int:
        return int(self.conn.run("SELECT count(*) FROM search_docs")[0][0])

    def close(self) -> None:
        with self._lock:
            self._slices.clear()
            self._segments.clear()
            self._snapshot = None

    # ----- writing -------------------------------------------------------------------
    def add(self, docs: list[SegmentDoc]) -> None:
        """Add (or replace, by article id) documents as new segments, in one transaction:
        the segments, their articles' ``search_docs`` rows (an article's earlier entry
        marked deleted) and any merge they bring about."""
        if not docs:
            return
        built = [build_segment(piece) for piece in split_by_positions(docs, SEGMENT_POSITIONS)]
        raw = self.conn.raw
        with self._lock, raw.transaction(), raw.cursor() as cur:
            ids = [d.aid for d in docs]
            cur.execute("DELETE FROM search_docs WHERE article_id = ANY(%s)", (ids,))
            for seg in built:
                _upload(cur, seg)
                cur.execute("INSERT INTO search_docs (article_id, segment)"
                            " SELECT x, %s FROM unnest(%s::bigint[]) x"
                            " WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = x)"
                            " ON CONFLICT (article_id) DO NOTHING", (seg.name, seg.aid.tolist()))
                _settle(cur, seg)
            self._tidy(cur)
            self._maybe_merge(cur)
        self._snapshot = None

    def delete(self, aids: set[int]) -> int:
        ids = [int(a) for a in aids]
        if not ids:
            return 0
        raw = self.conn.raw
        with self._lock, raw.transaction(), raw.cursor() as cur:
            cur.execute("DELETE FROM search_docs WHERE article_id = ANY(%s) RETURNING 1", (ids,))
            n = len(cur.fetchall())
            self._tidy(cur)
        self._snapshot = None
        return n

    def clear(self) -> None:
        raw = self.conn.raw
        with self._lock, raw.transaction(), raw.cursor() as cur:
            cur.execute("DELETE FROM search_docs")
            cur.execute("DELETE FROM search_segments")
        self._snapshot = None

    def optimize(self) -> None:
        """Merge every segment into one."""
        raw = self.conn.raw
        with self._lock, raw.transaction(), raw.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (MERGE_LOCK,))
            self._tidy(cur)
            cur.execute("SELECT s.name, (SELECT count(*) FROM search_deleted d"
                        " WHERE d.segment = s.name) FROM search_segments s ORDER BY seq")
            rows = cur.fetchall()
            if len(rows) > 1 or any(r[1] for r in rows):
                self._merge(cur, [r[0] for r in rows])
        self._snapshot = None

    @staticmethod
    def _tidy(cur) -> None:
        """Segments with nothing live left are removed (their chunks go with them)."""
        cur.execute("DELETE FROM search_segments s WHERE s.size <= (SELECT count(*)"
                    " FROM search_deleted d WHERE d.segment = s.name)")

    def _maybe_merge(self, cur) -> None:
        """Tiered merging as the local index does (``GramIndex._maybe_merge``), by one
        client at a time (another client's merge under way: this one merges next time)."""
        cur.execute("SELECT pg_try_advisory_xact_lock(%s)", (MERGE_LOCK,))
        if not cur.fetchone()[0]:
            return
        while True:
            cur.execute("SELECT name, size FROM search_segments ORDER BY seq")
            group = merge_group({name: int(size) for name, size in cur.fetchall()})
            if group is None:
                return
            self._merge(cur, group)

    def _merge(self, cur, names: list[str]) -> None:
        """Replace segments ``names`` by one with their live documents (in the caller's
        transaction, the index's row lock held)."""
        tmp = Path(tempfile.mkdtemp(prefix="pg-merge-"))
        try:
            segs, drop = [], []
            for name in names:
                segs.append(_download(cur, name, tmp))
                cur.execute("SELECT article_id FROM search_deleted WHERE segment = %s", (name,))
                drop.append({int(r[0]) for r in cur.fetchall()})
            merged = merge_segments(segs, drop, tmp)
            _upload(cur, merged)
            cur.execute("UPDATE search_docs SET segment = %s WHERE segment = ANY(%s)",
                        (merged.name, names))
            _settle(cur, merged)
            cur.execute("DELETE FROM search_segments WHERE name = ANY(%s)", (names,))
            del segs, merged
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def _settle(cur, seg: Segment) -> None:
    """A document of ``seg`` is live only while its article's entry names ``seg``: one
    whose entry another client removed or wrote meanwhile is marked deleted here."""
    cur.execute("INSERT INTO search_deleted (segment, article_id)"
                " SELECT %s, x FROM unnest(%s::bigint[]) x WHERE NOT EXISTS (SELECT 1"
                " FROM search_docs d WHERE d.article_id = x AND d.segment = %s)"
                " ON CONFLICT DO NOTHING", (seg.name, np.asarray(seg.aid).tolist(), seg.name))


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _upload(cur, seg: Segment) -> None:
    """Write a segment's row and its large arrays' chunks."""
    head, meta = pack_head(seg)
    cur.execute("INSERT INTO search_segments (name, size, meta, head) VALUES (%s, %s, %s, %s)",
                (seg.name, seg.size, json.dumps(meta, ensure_ascii=False), head))
    with cur.copy("COPY search_chunks (segment, attr, chunk, data) FROM STDIN"
                  " (FORMAT BINARY)") as copy:
        copy.set_types(["text", "text", "int4", "bytea"])
        for attr in REMOTE:
            array = getattr(seg, attr)
            per = max(CHUNK // array.dtype.itemsize, 1)
            for n, start in enumerate(range(0, len(array), per)):
                part = np.ascontiguousarray(array[start:start + per])
                copy.write_row((seg.name, attr, n, part.tobytes()))


def _download(cur, name: str, folder: Path) -> Segment:
    """A stored segment written out as a local segment folder (large arrays mapped)."""
    cur.execute("SELECT meta, head FROM search_segments WHERE name = %s", (name,))
    meta, head = cur.fetchone()
    meta = _json(meta)
    target = folder / name
    target.mkdir()
    data = np.load(io.BytesIO(bytes(head)))
    for attr in HEAD:
        if attr in data:  # a segment stored before the lead lists has none (load_segment)
            np.save(target / f"{attr}.npy", data[attr])
    for f in MULTI_FACETS:
        np.save(target / f"{f}_docs.npy", data[f"{f}_docs"])
        np.save(target / f"{f}_vals.npy", data[f"{f}_vals"])
    (target / "facets.json").write_text(json.dumps(meta["facets"], ensure_ascii=False),
                                        encoding="utf-8")
    for attr, (dtype, length) in meta["arrays"].items():
        out = np.lib.format.open_memmap(target / f"{attr}.npy", mode="w+",
                                        dtype=np.dtype(dtype), shape=(int(length),))
        at = 0
        cur.execute("SELECT data FROM search_chunks WHERE segment = %s AND attr = %s"
                    " ORDER BY chunk", (name, attr), binary=True)  # bytes, not hex text
        for (chunk,) in cur:
            part = np.frombuffer(bytes(chunk), dtype=np.dtype(dtype))
            out[at:at + len(part)] = part
            at += len(part)
        out.flush()
        del out
    return load_segment(folder, name)
