"""The gram index: segments on disk, a manifest that says which are live, and snapshots.

Writes add a segment per commit (incremental: adding 100 articles to 100,000 writes only
those 100) and merge small segments in tiers; deletions are recorded per segment until a
merge drops them.

Any number of reader processes and one writer share the folder without waiting for each
other. Only the writer (the holder of the archive's writer lock) changes it: a segment is
written under a temporary folder name, fsynced and renamed, then the manifest is written
under a temporary name, fsynced and renamed over the old one, so a reader sees the old or
the new state, never half of one. Segments a merge or a rebuild supersedes are kept as
garbage until no reader holds a generation that lists them (``readers``); folders that no
manifest names are removed only by the writer, whose lock proves their maker is gone.
A segment that cannot be loaded is left out of snapshots and reported in ``broken``.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

import numpy as np

from .faults import fault_point
from .grams import SHIFT, prefix_range
from .phrasecache import phrases
from .readers import READERS_DIR, ReaderPin, held_generations
from .segments import (
    MULTI_FACETS,
    Segment,
    SegmentDoc,
    build_segment,
    fsync_folder,
    load_segment,
    merge_segments,
    save_segment,
)

_PIN_TRIES = 20

MANIFEST = "manifest.json"
MERGE_FACTOR = 8  # merge when this many segments of a similar size exist
# No merge makes a bigger segment. A merge's memory does not grow with its size (it works a
# slice of terms at a time), but its time does: an ingest waits for the merges it causes.
MAX_MERGED_DOCS = 50_000
# A new segment holds at most about this many positions (one a character, about 40 bytes
# each while its postings are laid out): a commit of more, books say, is written as
# several segments, so the writer's memory stays bounded (about 80 MB for this step).
SEGMENT_POSITIONS = 2_000_000


def split_by_positions(docs: list[SegmentDoc], limit: int) -> list[list[SegmentDoc]]:
    """``docs`` in order, cut into runs of at most ``limit`` characters of title and body
    (a document has no more positions than characters); a longer document is a run alone."""
    runs: list[list[SegmentDoc]] = []
    run: list[SegmentDoc] = []
    size = 0
    for doc in docs:
        n = len(doc.title) + len(doc.body) + 1
        if run and size + n > limit:
            runs.append(run)
            run, size = [], 0
        run.append(doc)
        size += n
    if run:
        runs.append(run)
    return runs


@dataclass
class Snapshot:
    """A consistent, read-only view of the live segments with global per-document arrays."""

    segments: list[Segment]
    bases: list[int]  # global number of each segment's first document
    live: np.ndarray
    aid: np.ndarray
    title_len: np.ndarray
    length: np.ndarray
    year: np.ndarray
    date_key: np.ndarray
    generation: int
    derived: dict[str, np.ndarray] = field(default_factory=dict)  # worked out once per view

    @classmethod
    def of(cls, segs: list[Segment], deleted: dict[str, list[int]], generation: int) -> Snapshot:
        """The view of ``segs`` (in order), ``deleted[name]`` the article ids no longer
        live in segment ``name``."""
        bases, lives, base = [], [], 0
        for seg in segs:
            bases.append(base)
            base += seg.size
            live = np.ones(seg.size, dtype=bool)
            if deleted.get(seg.name):
                live &= ~np.isin(seg.aid, np.array(deleted[seg.name], dtype=np.int64))
            lives.append(live)

        def cat(attr: str, dtype) -> np.ndarray:
            arrays = [np.asarray(getattr(s, attr)) for s in segs]
            return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype=dtype)

        return cls(
            segments=list(segs), bases=bases,
            live=np.concatenate(lives) if lives else np.zeros(0, dtype=bool),
            aid=cat("aid", np.int64), title_len=cat("title_len", np.int32),
            length=cat("length", np.int32), year=cat("year", np.int32),
            date_key=cat("date_key", np.int64), generation=generation)

    @property
    def size(self) -> int:
        return len(self.aid)

    @cached_property
    def live_count(self) -> int:
        return int(self.live.sum())

    @cached_property
    def mean_length(self) -> float:
        """Mean number of positions of the live documents (BM25's average length)."""
        return float(self.length[self.live].mean()) if self.live_count else 1.0

    def phrase(self, grams: list[tuple[int, bool]], field: str | None = None):
        """Documents containing the gram sequence: (global doc numbers, title hits, body hits).

        One gram is answered from its document lists; a sequence of grams reads the
        positions of the documents that contain every one of them. A segment's answer
        to a sequence or to a prefix gram (the lists of every gram it covers, merged) is
        kept in ``phrasecache.phrases`` for the next search that asks.
        """
        docs_out, title_out, body_out = [], [], []
        for seg, base in zip(self.segments, self.bases, strict=True):
            if len(grams) == 1 and not grams[0][1]:
                hit, title_tf, body_tf = seg.gram_counts(*grams[0])
            else:  # positions compared, or the lists of every gram a prefix covers merged
                compute = partial(seg.gram_counts, *grams[0]) if len(grams) == 1 \
                    else partial(_phrase_counts, seg, grams)
                hit, title_tf, body_tf = phrases.get((seg.name, tuple(grams)), compute)
            if field == "title":
                keep = title_tf > 0
                hit, title_tf = hit[keep], title_tf[keep]
                body_tf = np.zeros(len(hit), dtype=np.int64)
            elif field == "body":
                keep = body_tf > 0
                hit, body_tf = hit[keep], body_tf[keep]
                title_tf = np.zeros(len(hit), dtype=np.int64)
            if len(hit) == 0:
                continue
            docs_out.append(hit + base)
            title_out.append(title_tf)
            body_out.append(body_tf)
        if not docs_out:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        return np.concatenate(docs_out), np.concatenate(title_out), np.concatenate(body_out)


_EMPTY = np.zeros(0, dtype=np.int64)


def merge_group(sizes: dict[str, int]) -> list[str] | None:
    """The segments tiered merging joins next, from each segment's document count (in
    the index's order): the smallest MERGE_FACTOR of a size class (number of digits)
    that has that many, or as many of them (at least two) as stay under MAX_MERGED_DOCS
    together; None when no class has a group to merge."""
    tiers: dict[int, list[str]] = {}
    for name, size in sizes.items():
        tiers.setdefault(len(str(max(size, 1))), []).append(name)
    for names in tiers.values():
        if len(names) < MERGE_FACTOR:
            continue
        names = sorted(names, key=sizes.__getitem__)[:MERGE_FACTOR]
        fit = int(np.searchsorted(np.cumsum([sizes[n] for n in names]), MAX_MERGED_DOCS,
                                  side="right"))
        if fit >= 2:
            return names[:fit]
    return None


def _phrase_counts(seg: Segment,
                   grams: list[tuple[int, bool]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(docs, title hits, body hits)`` of a gram sequence in ``seg``."""
    keys, local = _phrase_keys(seg, grams)  # ascending, so each document's keys are a run
    if len(keys) == 0:
        return _EMPTY, _EMPTY, _EMPTY
    runs = np.flatnonzero(np.concatenate(([True], local[1:] != local[:-1])))
    title = np.zeros(len(runs), dtype=np.int64)
    in_title = np.flatnonzero(keys < seg.title_ends[local])  # few: most hits are in bodies
    if len(in_title):
        np.add.at(title, np.searchsorted(runs, in_title, side="right") - 1, 1)
    return local[runs], title, np.diff(np.append(runs, len(keys))) - title


# A probe costs a binary search: tens of ns (a cache miss or a mispredicted branch a
# level) once the keys outgrow the processor's cache. Marking a key in a table that stays
# in that cache and looking a probe up there costs a few ns each. Probes are looked up by
# search when they are SEARCH_RATIO times fewer than the keys or the keys are few (up to
# SEARCH_KEYS), and through a table of the keys otherwise, TABLE_SPAN keys at a time.
SEARCH_RATIO = 16
SEARCH_KEYS = 1 << 15
TABLE_SPAN = 1 << 20
_tables = threading.local()


def _phrase_keys(seg: Segment,
                 grams: list[tuple[int, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """Keys (``int64``) in ``seg`` where the sequence starts, and the document of each;
    sorted unless the sequence is a single gram.

    The grams are covered by pieces (``_pieces``): mostly three-character strings, each a
    group of positions of its first pair, and a gram's whole list where no such piece
    covers it. Where a whole list is read, the document lists are intersected first:
    positions are then read only where every gram occurs, and not at all when no
    document has them all (a missing three-character piece says so without reading
    anything). The rarest piece's keys are the candidates; each other piece keeps those
    whose key plus its offset is one of its keys, rarest first, so the candidates shrink
    as early as they can. A candidate and the key it came from are in one document: the
    grams of a phrase that ran on into another document would stand on the unused key
    that ends each document.
    """
    alone = len(grams) == 1  # one gram: its keys are the answer, in any order
    pieces = _pieces(seg, grams)
    if pieces is None:
        return _EMPTY, _EMPTY
    candidates, n_cand, fewest = None, 0, 0
    if not alone and not all(group for _, _, _, group in pieces):
        for code, is_prefix in grams:
            docs = seg.gram_docs(code, is_prefix)
            if len(docs) == 0:
                return _EMPTY, _EMPTY
            has = np.zeros(seg.size, dtype=bool)
            has[docs] = True
            candidates = has if candidates is None else candidates & has
            fewest = len(docs) if candidates is has else min(fewest, len(docs))
        if candidates is None:  # no grams: nothing to look up
            return _EMPTY, _EMPTY
        n_cand = int(np.count_nonzero(candidates))
        if n_cand == 0:
            return _EMPTY, _EMPTY
    lists = []
    for size, offset, read, _ in pieces:
        keys = read()
        if len(keys) == 0:
            return _EMPTY, _EMPTY
        lists.append((size, offset, keys))
    lists.sort(key=lambda item: item[0])
    _, offset, keys = lists[0]
    local = None
    if candidates is not None and n_cand < 0.7 * fewest:  # worth a pass to drop the rest
        local = seg.key_docs(keys)
        keep = candidates[local]
        keys, local = keys[keep], local[keep]
    current = keys.astype(np.int64) - offset
    for _, offset, keys in lists[1:]:
        if len(current) == 0:
            break
        keep = _present(current + offset, keys)
        current = current[keep]
        if local is not None:
            local = local[keep]
    if local is None:
        local = seg.key_docs(current)
    return current, local.astype(np.int64)


_LOW = (1 << SHIFT) - 1
WHOLE_LIST_COST = 3  # a pair's whole list is read in groups and sorted: weighed 3 a key


def _pieces(seg: Segment, grams: list[tuple[int, bool]]):
    """The pieces whose keys a phrase's keys are found from, fewest keys overall: a list of
    ``(number of keys, offset in the phrase, read, is a group)``, ``read()`` giving sorted
    keys; None when a piece has no keys (the phrase is not in ``seg``).

    Gram ``i`` and the next (a pair and the gram at the next position) are one piece
    when gram ``i`` is a pair: its keys followed by the next gram's second character
    (its group). A gram no such piece covers is a piece alone: its whole list (a
    pair's groups merged, a prefix gram's lists merged). Pieces may overlap.
    """
    m = len(grams)
    if m == 1:
        code, is_prefix = grams[0]
        if is_prefix:
            return [(0, 0, partial(seg.range_postings, *prefix_range(code), ordered=False),
                     False)]
        a, b = seg.postings_span(code)  # in groups: its keys, in no order
        return [(b - a, 0, partial(seg.keys_at, a, b), False)]
    whole: list[tuple[int, int, Callable[[], np.ndarray]]] = []  # (cost, keys, read) of each gram's whole list
    for code, is_prefix in grams:
        if is_prefix:
            i, j = np.searchsorted(seg.terms, prefix_range(code))
            n = int(seg.offsets[j]) - int(seg.offsets[i])
            read = partial(seg.range_postings, *prefix_range(code), ordered=True)
        else:
            n = seg.postings_size(code)
            read = partial(seg.postings, code)
        if n == 0:
            return None
        # a lone character's list is one group, already sorted; other lists are sorted
        whole.append((n if code & _LOW == 0 and not is_prefix else WHOLE_LIST_COST * n,
                      n, read))
    pairs: list[tuple[int, int] | None] = []
    for i in range(m - 1):
        (code, is_prefix), (nxt, nxt_prefix) = grams[i], grams[i + 1]
        second = code & _LOW
        if is_prefix or nxt_prefix or second == 0 or nxt >> SHIFT != second:
            pairs.append(None)  # not a pair and the gram that follows it in one run
            continue
        span = seg.group_span(code, nxt & _LOW)
        if span[1] == span[0]:
            return None
        pairs.append(span)
    # Fewest keys covering grams 0..m-1: best[c] covers the first c grams.
    inf = float("inf")
    best: list[float] = [0.0] + [inf] * m
    step: list[tuple[int, int, int] | None] = [None] * (m + 1)  # (from, kind, gram)
    for c in range(m):
        if best[c] == inf:
            continue
        moves = [(c + 1, 0, c, whole[c][0])]  # gram c alone
        here, before = pairs[c] if c < m - 1 else None, pairs[c - 1] if c >= 1 else None
        if here is not None:  # grams c and c+1
            moves.append((c + 2, 1, c, here[1] - here[0]))
        if before is not None:  # grams c-1 and c (c-1 covered already)
            moves.append((c + 1, 1, c - 1, before[1] - before[0]))
        for to, kind, at, cost in moves:
            if best[c] + cost < best[to]:
                best[to] = best[c] + cost
                step[to] = (c, kind, at)
    out = []
    c = m
    while c > 0:
        came = step[c]
        assert came is not None  # every gram has its whole list, so c was reached
        c, kind, at = came
        if kind == 0:
            _, size, whole_read = whole[at]
            out.append((size, at, whole_read, False))
        else:
            pair = pairs[at]
            assert pair is not None
            a, b = pair
            out.append((b - a, at, partial(seg.keys_at, a, b), True))
    return out


def _present(want: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which of ``want`` (sorted ``int64``) are in ``keys`` (sorted): a mask over ``want``."""
    found = np.zeros(len(want), dtype=bool)
    lo, hi = max(int(want[0]), int(keys[0])), min(int(want[-1]), int(keys[-1])) + 1
    if lo >= hi:
        return found
    wa, wb = (int(i) for i in np.searchsorted(want, [lo, hi]))
    if len(keys) <= SEARCH_KEYS or (wb - wa) * SEARCH_RATIO <= len(keys):
        probe = want[wa:wb].astype(keys.dtype)  # in the keys' range: searched without a copy
        idx = np.searchsorted(keys, probe)
        idx[idx >= len(keys)] = len(keys) - 1
        found[wa:wb] = keys[idx] == probe
        return found
    # The table holds a stamp per key: a window's keys are marked with a stamp of their
    # own, so no window has to clear the marks of the one before.
    table = getattr(_tables, "table", None)
    if table is None or len(table) != TABLE_SPAN:
        table = _tables.table = np.zeros(TABLE_SPAN, dtype=np.uint8)
        _tables.stamp = 0
    bounds = np.arange(lo, hi + TABLE_SPAN, TABLE_SPAN)
    bounds[-1] = hi
    k_at = np.searchsorted(keys, bounds.astype(keys.dtype)).tolist()
    w_at = np.searchsorted(want, bounds).tolist()
    for i, w0 in enumerate(bounds[:-1].tolist()):
        ka, kb, wa, wb = k_at[i], k_at[i + 1], w_at[i], w_at[i + 1]
        if ka == kb or wa == wb:
            continue
        stamp = _tables.stamp = _tables.stamp % 255 + 1
        if stamp == 1:
            table[:] = 0
        table[np.subtract(keys[ka:kb], w0, dtype=np.intp)] = stamp
        found[wa:wb] = table[want[wa:wb] - w0] == stamp
    return found


class GramIndex:
    """A folder of segments and the manifest naming the live ones and their deletions."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._segments: dict[str, Segment] = {}
        self._snapshot: Snapshot | None = None
        self._pin = ReaderPin(self.folder)
        self.broken: dict[str, str] = {}  # segment name -> why it could not be loaded
        self._stamp: tuple | None = None
        self.manifest = self._read_pinned()

    def close(self) -> None:
        """Let go of this reader's generation (writers may then remove what it listed)."""
        with self._lock:
            self._pin.release()
            self._stamp = None

    # ----- manifest ------------------------------------------------------------------
    def _manifest_stamp(self) -> tuple:
        try:
            st = (self.folder / MANIFEST).stat()
            return (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            return ()

    def _refresh(self) -> None:
        """Re-read the manifest if another process (or instance) has written it."""
        if self._manifest_stamp() != self._stamp:
            self.manifest = self._read_pinned()
            self._snapshot = None

    def _read_pinned(self) -> dict:
        """The current manifest, with this process's reader pin on its generation."""
        for _ in range(_PIN_TRIES):
            manifest = self._read_manifest()
            gen = int(manifest.get("generation", 0))
            if not self._pin.pin(gen):
                return manifest  # cannot pin (read-only or full disk): no writer runs either
            again = self._read_manifest()
            if int(again.get("generation", 0)) == gen:
                return again
        return self._read_manifest()

    def _read_manifest(self) -> dict:
        self._stamp = self._manifest_stamp()
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            if isinstance(data.get("segments"), list):
                data.setdefault("deleted", {})
                data.setdefault("garbage", [])
                return data
        except (OSError, ValueError, AttributeError):
            pass
        return {"segments": [], "deleted": {}, "garbage": [], "generation": 0}

    def _write_manifest(self) -> None:
        """Publish ``self.manifest`` as the next generation (writer only)."""
        self.manifest["generation"] = int(self.manifest.get("generation", 0)) + 1
        tmp = self.folder / (MANIFEST + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.manifest, fh)
            fh.flush()
            os.fsync(fh.fileno())
        fault_point("manifest-written")
        os.replace(tmp, self.folder / MANIFEST)
        fsync_folder(self.folder)
        fault_point("manifest-published")
        self._stamp = self._manifest_stamp()
        self._pin.pin(int(self.manifest["generation"]))
        self._snapshot = None

    def collect_garbage(self) -> int:
        """Remove superseded segments no reader can still use (writer only); return how
        many were removed."""
        with self._lock:
            self._refresh()
            garbage = self.manifest.get("garbage", [])
            held = held_generations(self.folder, int(self.manifest["generation"]))
            if not garbage:
                return 0
            oldest = min(held) if held else None
            keep, gone = [], []
            for entry in garbage:
                if oldest is None or int(entry["dropped"]) <= oldest:
                    gone.append(entry["name"])
                else:
                    keep.append(entry)
            if not gone:
                return 0
            self.manifest["garbage"] = keep
            self._write_manifest()
            for name in gone:
                self._segments.pop(name, None)
                shutil.rmtree(self.folder / name, ignore_errors=True)
            fault_point("garbage-collected")
            return len(gone)

    def remove_leftovers(self) -> list[str]:
        """Remove what an interrupted write left behind: folders no manifest names and a
        temporary manifest. Call only while holding the archive's writer lock: then no
        other process is writing, so nothing unnamed can still be in use."""
        with self._lock:
            self._refresh()
            known = set(self.manifest["segments"])
            known |= {e["name"] for e in self.manifest.get("garbage", [])}
            removed = []
            for child in self.folder.iterdir():
                if child.is_dir() and child.name not in known and child.name != READERS_DIR:
                    shutil.rmtree(child, ignore_errors=True)
                    removed.append(child.name)
            (self.folder / (MANIFEST + ".tmp")).unlink(missing_ok=True)
            return removed

    def drop_broken(self) -> list[str]:
        """Take segments that cannot be loaded out of the manifest (writer only); their
        documents are then missing and a reconcile indexes them again from the source."""
        with self._lock:
            self.snapshot()  # loading the segments finds the broken ones
            names = [n for n in self.manifest["segments"] if n in self.broken]
            if not names:
                return []
            self._retire(names)
            self._write_manifest()
            self.broken = {}
            return names

    def _retire(self, names: list[str]) -> None:
        """Move segments from the live list to the garbage list (published by the next
        manifest write, whose generation is the first that no longer lists them)."""
        gen = int(self.manifest.get("generation", 0)) + 1
        self.manifest["segments"] = [n for n in self.manifest["segments"] if n not in names]
        for n in names:
            self.manifest["deleted"].pop(n, None)
            self.manifest.setdefault("garbage", []).append({"name": n, "dropped": gen})

    def _segment(self, name: str) -> Segment:
        seg = self._segments.get(name)
        if seg is None:
            seg = self._segments[name] = load_segment(self.folder, name)
        return seg

    def _loadable(self, name: str) -> bool:
        """Load a segment, or record it as broken and say no."""
        if name in self._segments:
            return True
        try:
            self._segment(name)
        except (OSError, ValueError, KeyError) as exc:  # missing or damaged files
            self.broken[name] = f"{exc.__class__.__name__}: {exc}"
            return False
        self.broken.pop(name, None)
        return True

    # ----- writing -------------------------------------------------------------------
    def add(self, docs: list[SegmentDoc]) -> None:
        """Add (or replace, by article id) documents (writer only), as one new segment per
        run of them holding up to ``SEGMENT_POSITIONS`` positions; one manifest write
        publishes them all. A segment's postings are built in memory, so this bounds the
        writer's memory whatever the documents' lengths (a document longer than the bound
        is a segment of its own)."""
        if not docs:
            return
        with self._lock:
            self._refresh()
            self._mark_deleted({d.aid for d in docs})
            written: list[str] = []
            try:
                for piece in split_by_positions(docs, SEGMENT_POSITIONS):
                    seg = build_segment(piece)
                    save_segment(seg, self.folder)
                    written.append(seg.name)
                    del seg  # its arrays are freed: the saved files are mapped instead
                    self._segments[written[-1]] = load_segment(self.folder, written[-1])
            except BaseException:  # a full disk: nothing of this add is published
                for name in written:
                    self._segments.pop(name, None)
                self.manifest = self._read_pinned()
                self._snapshot = None
                raise
            self.manifest["segments"].extend(written)
            self._write_manifest()
            self._maybe_merge()
            self.collect_garbage()

    def delete(self, aids: set[int]) -> int:
        with self._lock:
            self._refresh()
            n = self._mark_deleted(aids)
            if n:
                self._write_manifest()
            return n

    def _mark_deleted(self, aids: set[int]) -> int:
        if not aids:
            return 0
        wanted = np.fromiter(aids, dtype=np.int64)
        n = 0
        empty: list[str] = []
        for name in self.manifest["segments"]:
            if not self._loadable(name):
                continue
            seg = self._segment(name)
            present = seg.aid[np.isin(seg.aid, wanted)]
            if len(present):
                gone = set(self.manifest["deleted"].get(name, []))
                new = set(present.tolist()) - gone
                n += len(new)
                self.manifest["deleted"][name] = sorted(gone | new)
                if len(gone | new) >= seg.size:
                    empty.append(name)
        if empty:  # nothing live left in them: retire them with this write
            self._retire(empty)
        return n

    def _maybe_merge(self) -> None:
        """Tiered merging: when MERGE_FACTOR segments of one size class (number of digits
        of their document count) exist, the smallest of them become one: all of them, or
        as many (at least two) as stay under MAX_MERGED_DOCS together. At 100,000
        documents of 500-document commits that leaves two or three large segments and
        fewer than MERGE_FACTOR of each smaller class."""
        while True:
            group = merge_group({n: self._segment(n).size for n in self.manifest["segments"]
                                 if self._loadable(n)})
            if group is None:
                return
            self.merge(group)

    def merge(self, names: list[str]) -> None:
        """Merge these segments into one, dropping their deleted documents (writer only)."""
        with self._lock:
            self._refresh()
            names = [n for n in names if n in self.manifest["segments"] and n not in self.broken]
            if not names:
                return
            segs = [self._segment(n) for n in names]
            drop = [set(self.manifest["deleted"].get(n, [])) for n in names]
            merged = merge_segments(segs, drop, self.folder)
            self._segments[merged.name] = merged
            first = self.manifest["segments"].index(names[0])
            self._retire(names)
            rest = self.manifest["segments"]
            rest.insert(min(first, len(rest)), merged.name)
            self._write_manifest()
            for n in names:
                self._segments.pop(n, None)

    def optimize(self) -> None:
        """Merge every segment into one."""
        with self._lock:
            if len(self.manifest["segments"]) > 1 or self.manifest["deleted"]:
                self.merge(list(self.manifest["segments"]))
            self.collect_garbage()

    def clear(self) -> None:
        """Empty the index (writer only); readers keep their segments until they move on."""
        with self._lock:
            self._refresh()
            self._retire(list(self.manifest["segments"]))
            self.manifest["deleted"] = {}
            self._write_manifest()
            self.broken = {}
            self.collect_garbage()

    # ----- reading -------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The current live view (cached until the next write)."""
        with self._lock:
            self._refresh()
            if self._snapshot is None:
                self._snapshot = self._build_snapshot()
            return self._snapshot

    def _build_snapshot(self) -> Snapshot:
        self.broken = {n: e for n, e in self.broken.items() if n in self.manifest["segments"]}
        names = [n for n in self.manifest["segments"] if self._loadable(n)]
        segs = [self._segment(n) for n in names]
        for name in [n for n in self._segments if n not in names]:
            del self._segments[name]  # superseded: unmapped once no snapshot uses it
        return Snapshot.of(segs, self.manifest["deleted"], int(self.manifest["generation"]))

    def ids(self) -> set[int]:
        snap = self.snapshot()
        return set(snap.aid[snap.live].tolist())

    def doc_count(self) -> int:
        return int(self.snapshot().live.sum())


__all__ = ["MULTI_FACETS", "SHIFT", "GramIndex", "SegmentDoc", "Snapshot"]
