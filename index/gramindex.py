"""The gram index: segments on disk, a manifest that says which are live, and snapshots.

Writes add a segment per commit (incremental: adding 100 articles to 100,000 writes only
those 100) and merge small segments in tiers; deletions are recorded per segment until a
merge drops them. The manifest is replaced atomically, so a crash at any point leaves the
previous state readable, and leftovers of an unfinished write are removed on open.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .grams import SHIFT, prefix_range
from .segments import (
    MULTI_FACETS,
    Segment,
    SegmentDoc,
    build_segment,
    load_segment,
    merge_segments,
    save_segment,
)

MANIFEST = "manifest.json"
MERGE_FACTOR = 8  # merge when this many segments of a similar size exist
MAX_MERGED_DOCS = 8000  # no merge makes a bigger segment (bounds a merge's memory)


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

    @property
    def size(self) -> int:
        return len(self.aid)

    def phrase(self, grams: list[tuple[int, bool]], field: str | None = None):
        """Documents containing the gram sequence: (global doc numbers, title hits, body hits)."""
        docs_out, title_out, body_out = [], [], []
        for seg, base in zip(self.segments, self.bases, strict=True):
            keys = _phrase_keys(seg, grams)
            if len(keys) == 0:
                continue
            local = keys >> 32
            pos = keys & 0xFFFFFFFF
            in_title = pos < np.asarray(seg.title_len)[local]
            if field == "title":
                local, in_title = local[in_title], in_title[in_title]
            elif field == "body":
                local, in_title = local[~in_title], in_title[~in_title]
            if len(local) == 0:
                continue
            title_tf = np.bincount(local[in_title], minlength=seg.size)
            body_tf = np.bincount(local[~in_title], minlength=seg.size)
            hit = np.nonzero(title_tf + body_tf)[0]
            docs_out.append(hit + base)
            title_out.append(title_tf[hit])
            body_out.append(body_tf[hit])
        if not docs_out:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        return np.concatenate(docs_out), np.concatenate(title_out), np.concatenate(body_out)


def _phrase_keys(seg: Segment, grams: list[tuple[int, bool]]) -> np.ndarray:
    """Keys (doc << 32 | start position) where the sequence occurs in ``seg``."""
    lists = []
    for offset, (code, is_prefix) in enumerate(grams):
        keys = seg.range_postings(*prefix_range(code)) if is_prefix else seg.postings(code)
        if len(keys) == 0:
            return keys
        lists.append((len(keys), offset, keys))
    lists.sort(key=lambda item: item[0])
    _, offset, keys = lists[0]
    current = keys - offset
    for _, offset, keys in lists[1:]:
        want = current + offset
        idx = np.searchsorted(keys, want)
        idx[idx >= len(keys)] = len(keys) - 1
        current = current[keys[idx] == want]
        if len(current) == 0:
            break
    return current


class GramIndex:
    """A folder of segments and the manifest naming the live ones and their deletions."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._segments: dict[str, Segment] = {}
        self._snapshot: Snapshot | None = None
        self.manifest = self._read_manifest()
        self._remove_leftovers()

    # ----- manifest ------------------------------------------------------------------
    def _manifest_stamp(self) -> int:
        try:
            return (self.folder / MANIFEST).stat().st_mtime_ns
        except OSError:
            return 0

    def _refresh(self) -> None:
        """Re-read the manifest if another process (or instance) has written it."""
        if self._manifest_stamp() != self._stamp:
            self.manifest = self._read_manifest()
            self._snapshot = None

    def _read_manifest(self) -> dict:
        self._stamp = self._manifest_stamp()
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            if isinstance(data.get("segments"), list):
                return data
        except (OSError, ValueError):
            pass
        return {"segments": [], "deleted": {}, "generation": 0}

    def _write_manifest(self) -> None:
        self.manifest["generation"] = int(self.manifest.get("generation", 0)) + 1
        tmp = self.folder / (MANIFEST + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.manifest, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.folder / MANIFEST)
        self._stamp = self._manifest_stamp()
        self._snapshot = None

    def _remove_leftovers(self) -> None:
        live = set(self.manifest["segments"])
        for child in self.folder.iterdir():
            if child.is_dir() and child.name not in live:
                shutil.rmtree(child, ignore_errors=True)

    def _segment(self, name: str) -> Segment:
        seg = self._segments.get(name)
        if seg is None:
            seg = self._segments[name] = load_segment(self.folder, name)
        return seg

    # ----- writing -------------------------------------------------------------------
    def add(self, docs: list[SegmentDoc]) -> None:
        """Add (or replace, by article id) documents as one new segment."""
        if not docs:
            return
        with self._lock:
            self._refresh()
            self._mark_deleted({d.aid for d in docs})
            seg = build_segment(docs)
            save_segment(seg, self.folder)
            self._segments[seg.name] = seg
            self.manifest["segments"].append(seg.name)
            self._write_manifest()
            self._maybe_merge()

    def delete(self, aids: set[int]) -> int:
        with self._lock:
            self._refresh()
            n = self._mark_deleted(aids)
            self._write_manifest()
            return n

    def _mark_deleted(self, aids: set[int]) -> int:
        if not aids:
            return 0
        wanted = np.fromiter(aids, dtype=np.int64)
        n = 0
        for name in self.manifest["segments"]:
            seg = self._segment(name)
            present = seg.aid[np.isin(seg.aid, wanted)]
            if len(present):
                gone = set(self.manifest["deleted"].get(name, []))
                new = set(present.tolist()) - gone
                n += len(new)
                self.manifest["deleted"][name] = sorted(gone | new)
        return n

    def _maybe_merge(self) -> None:
        """Tiered merging: MERGE_FACTOR segments of one size class become one, as long as
        the result stays under MAX_MERGED_DOCS (which bounds a merge's memory)."""
        while True:
            tiers: dict[int, list[str]] = {}
            for name in self.manifest["segments"]:
                size = self._segment(name).size
                tiers.setdefault(len(str(max(size, 1))), []).append(name)
            group = None
            for names in tiers.values():
                if len(names) >= MERGE_FACTOR:
                    names = sorted(names, key=lambda n: self._segment(n).size)[:MERGE_FACTOR]
                    if sum(self._segment(n).size for n in names) <= MAX_MERGED_DOCS:
                        group = names
                        break
            if group is None:
                return
            self.merge(group)

    def merge(self, names: list[str]) -> None:
        """Merge these segments into one, dropping their deleted documents."""
        with self._lock:
            self._refresh()
            names = [n for n in names if n in self.manifest["segments"]]
            if not names:
                return
            segs = [self._segment(n) for n in names]
            drop = {a for n in names for a in self.manifest["deleted"].get(n, [])}
            merged = merge_segments(segs, drop)
            save_segment(merged, self.folder)
            self._segments[merged.name] = merged
            first = self.manifest["segments"].index(names[0])
            rest = [n for n in self.manifest["segments"] if n not in names]
            rest.insert(min(first, len(rest)), merged.name)
            self.manifest["segments"] = rest
            for n in names:
                self.manifest["deleted"].pop(n, None)
            self._write_manifest()
            for n in names:
                self._segments.pop(n, None)
                shutil.rmtree(self.folder / n, ignore_errors=True)

    def optimize(self) -> None:
        """Merge every segment into one."""
        with self._lock:
            if len(self.manifest["segments"]) > 1 or self.manifest["deleted"]:
                self.merge(list(self.manifest["segments"]))

    def clear(self) -> None:
        with self._lock:
            names = list(self.manifest["segments"])
            self.manifest = {"segments": [], "deleted": {}, "generation": 0}
            self._write_manifest()
            for n in names:
                self._segments.pop(n, None)
                shutil.rmtree(self.folder / n, ignore_errors=True)

    # ----- reading -------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The current live view (cached until the next write)."""
        with self._lock:
            self._refresh()
            if self._snapshot is None:
                self._snapshot = self._build_snapshot()
            return self._snapshot

    def _build_snapshot(self) -> Snapshot:
        segs = [self._segment(n) for n in self.manifest["segments"]]
        bases, base = [], 0
        lives = []
        for name, seg in zip(self.manifest["segments"], segs, strict=True):
            bases.append(base)
            base += seg.size
            deleted = self.manifest["deleted"].get(name)
            live = np.ones(seg.size, dtype=bool)
            if deleted:
                live &= ~np.isin(seg.aid, np.array(deleted, dtype=np.int64))
            lives.append(live)

        def cat(attr: str, dtype) -> np.ndarray:
            arrays = [np.asarray(getattr(s, attr)) for s in segs]
            return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype=dtype)

        return Snapshot(
            segments=segs, bases=bases,
            live=np.concatenate(lives) if lives else np.zeros(0, dtype=bool),
            aid=cat("aid", np.int64), title_len=cat("title_len", np.int32),
            length=cat("length", np.int32), year=cat("year", np.int32),
            date_key=cat("date_key", np.int64), generation=int(self.manifest["generation"]),
        )

    def ids(self) -> set[int]:
        snap = self.snapshot()
        return set(snap.aid[snap.live].tolist())

    def doc_count(self) -> int:
        return int(self.snapshot().live.sum())


__all__ = ["GramIndex", "Snapshot", "SegmentDoc", "MULTI_FACETS", "SHIFT"]
