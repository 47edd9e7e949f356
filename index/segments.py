"""Immutable segments of the gram index: postings and per-document arrays in NumPy files.

A segment holds, for its documents (local numbers 0..n-1):

* ``terms`` (sorted gram codes) and ``offsets``: the postings of ``terms[i]`` are
  ``keys[offsets[i]:offsets[i+1]]``;
* ``keys``: ``local_doc << 32 | position``, sorted within each term;
* per document: article id, number of title positions, number of positions, year, date
  rank;
* per facet (company, topic, author): the segment's value names and two parallel arrays,
  document and value number of each (document, value) pair.

Arrays are saved as ``.npy`` files and memory-mapped on open, so opening a large index
reads almost nothing.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .facets import date_rank
from .faults import fault_point
from .folding import fold
from .grams import text_grams

MULTI_FACETS = ("company", "topic", "author")
_MAPPED = ("terms", "offsets", "keys")  # large: read lazily, page by page
_ARRAYS = ("terms", "offsets", "keys", "aid", "title_len", "length", "year", "date_key")


@dataclass
class SegmentDoc:
    """What a segment stores of one document."""

    aid: int
    title: str
    body: str
    year: int | None
    date: str | None
    company: list[str]
    topic: list[str]
    author: list[str]


@dataclass
class FacetPairs:
    """A facet of one segment: value names, and (document, value number) pairs."""

    names: list[str]
    docs: np.ndarray
    vals: np.ndarray

    @classmethod
    def from_lists(cls, per_doc: list[list[str]]) -> FacetPairs:
        names: list[str] = []
        ids: dict[str, int] = {}
        docs, vals = [], []
        for local, values in enumerate(per_doc):
            for v in values:
                vid = ids.get(v)
                if vid is None:
                    vid = ids[v] = len(names)
                    names.append(v)
                docs.append(local)
                vals.append(vid)
        return cls(names, np.array(docs, dtype=np.int64), np.array(vals, dtype=np.int64))


@dataclass
class Segment:
    """One immutable segment (arrays may be memory-mapped)."""

    name: str
    terms: np.ndarray
    offsets: np.ndarray
    keys: np.ndarray
    aid: np.ndarray
    title_len: np.ndarray
    length: np.ndarray
    year: np.ndarray
    date_key: np.ndarray
    facets: dict[str, FacetPairs]

    @property
    def size(self) -> int:
        return len(self.aid)

    def postings(self, code: int) -> np.ndarray:
        """Sorted keys of one gram code (empty if absent)."""
        i = int(np.searchsorted(self.terms, code))
        if i < len(self.terms) and int(self.terms[i]) == code:
            return np.asarray(self.keys[int(self.offsets[i]) : int(self.offsets[i + 1])])
        return _EMPTY

    def range_postings(self, lo: int, hi: int, ordered: bool = True) -> np.ndarray:
        """Keys of every gram code in ``[lo, hi)``, sorted unless ``ordered`` is False (a
        lone prefix gram needs no order: only its documents are counted)."""
        i, j = np.searchsorted(self.terms, [lo, hi])
        if i == j:
            return _EMPTY
        keys = np.asarray(self.keys[int(self.offsets[i]) : int(self.offsets[j])])
        return np.sort(keys) if ordered else keys


_EMPTY = np.zeros(0, dtype=np.int64)


def build_segment(docs: list[SegmentDoc]) -> Segment:
    """Analyse ``docs`` and lay out their postings (all in memory)."""
    all_grams, all_keys = [], []
    title_len = np.zeros(len(docs), dtype=np.int32)
    length = np.zeros(len(docs), dtype=np.int32)
    for local, doc in enumerate(docs):
        title = text_grams(fold(doc.title))
        body = text_grams(fold(doc.body), start_pos=title.length + 1)
        title_len[local] = title.length
        length[local] = title.length + body.length
        grams = np.concatenate([title.grams, body.grams])
        pos = np.concatenate([title.positions, body.positions])
        all_grams.append(grams)
        all_keys.append((np.int64(local) << 32) | pos)
    grams = np.concatenate(all_grams) if all_grams else _EMPTY
    keys = np.concatenate(all_keys) if all_keys else _EMPTY
    order = np.lexsort((keys, grams))
    grams, keys = grams[order], keys[order]
    terms, starts = np.unique(grams, return_index=True)
    offsets = np.append(starts, len(grams)).astype(np.int64)
    return Segment(
        name=uuid.uuid4().hex[:12],
        terms=terms.astype(np.int64),
        offsets=offsets,
        keys=keys.astype(np.int64),
        aid=np.array([d.aid for d in docs], dtype=np.int64),
        title_len=title_len,
        length=length,
        year=np.array([d.year or 0 for d in docs], dtype=np.int32),
        date_key=np.array([date_rank(d.date or "") for d in docs], dtype=np.int64),
        facets={f: FacetPairs.from_lists([list(getattr(d, f)) for d in docs])
                for f in MULTI_FACETS},
    )


def merge_segments(segments: list[Segment], drop: set[int]) -> Segment:
    """One segment with the live documents of ``segments`` (aids in ``drop`` left out)."""
    keep_docs: list[np.ndarray] = []
    parts_terms, parts_keys = [], []
    new_base = 0
    for seg in segments:
        keep = ~np.isin(seg.aid, np.fromiter(drop, dtype=np.int64)) if drop else \
            np.ones(seg.size, dtype=bool)
        remap = np.full(seg.size, -1, dtype=np.int64)
        remap[keep] = np.arange(int(keep.sum())) + new_base
        counts = np.diff(np.asarray(seg.offsets))
        term_of_key = np.repeat(np.asarray(seg.terms), counts)
        keys = np.asarray(seg.keys)
        local = keys >> 32
        ok = keep[local]
        parts_terms.append(term_of_key[ok])
        parts_keys.append((remap[local[ok]] << 32) | (keys[ok] & 0xFFFFFFFF))
        keep_docs.append(keep)
        new_base += int(keep.sum())
    grams = np.concatenate(parts_terms) if parts_terms else _EMPTY
    keys = np.concatenate(parts_keys) if parts_keys else _EMPTY
    order = np.lexsort((keys, grams))
    grams, keys = grams[order], keys[order]
    terms, starts = np.unique(grams, return_index=True)

    def pick(attr: str) -> np.ndarray:
        return np.concatenate([np.asarray(getattr(s, attr))[k] for s, k in zip(segments, keep_docs)])

    def merge_facet(facet: str) -> FacetPairs:
        ids: dict[str, int] = {}
        docs_out, vals_out = [], []
        base = 0
        for s, k in zip(segments, keep_docs, strict=True):
            pairs = s.facets[facet]
            remap_doc = np.full(s.size, -1, dtype=np.int64)
            remap_doc[k] = np.arange(int(k.sum())) + base
            remap_val = np.array([ids.setdefault(n, len(ids)) for n in pairs.names],
                                 dtype=np.int64)
            ok = k[pairs.docs] if len(pairs.docs) else np.zeros(0, dtype=bool)
            docs_out.append(remap_doc[pairs.docs[ok]])
            vals_out.append(remap_val[pairs.vals[ok]] if len(remap_val) else pairs.vals[ok])
            base += int(k.sum())
        names = sorted(ids, key=ids.__getitem__)
        cat = lambda parts: np.concatenate(parts) if parts else _EMPTY
        return FacetPairs(names, cat(docs_out), cat(vals_out))

    return Segment(
        name=uuid.uuid4().hex[:12],
        terms=terms.astype(np.int64),
        offsets=np.append(starts, len(grams)).astype(np.int64),
        keys=keys.astype(np.int64),
        aid=pick("aid"), title_len=pick("title_len"), length=pick("length"),
        year=pick("year"), date_key=pick("date_key"),
        facets={f: merge_facet(f) for f in MULTI_FACETS},
    )


def save_segment(seg: Segment, folder: Path) -> None:
    """Write ``seg`` as ``folder/<name>/``: files written and fsynced in a temporary folder
    that is then renamed (the manifest makes it live)."""
    target = folder / seg.name
    tmp = folder / f"{seg.name}.part"
    tmp.mkdir(parents=True, exist_ok=True)
    for attr in _ARRAYS:
        _save_array(tmp / f"{attr}.npy", np.asarray(getattr(seg, attr)))
    for facet, pairs in seg.facets.items():
        for part in ("docs", "vals"):
            _save_array(tmp / f"{facet}_{part}.npy", getattr(pairs, part))
    with open(tmp / "facets.json", "w", encoding="utf-8") as fh:
        json.dump({f: p.names for f, p in seg.facets.items()}, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    fsync_folder(tmp)
    fault_point("segment-written")
    os.replace(tmp, target)
    fsync_folder(folder)
    fault_point("segment-renamed")


def _save_array(path: Path, array: np.ndarray) -> None:
    with open(path, "wb") as fh:
        np.save(fh, array)
        fh.flush()
        os.fsync(fh.fileno())


def fsync_folder(path: Path) -> None:
    """fsync a folder, so that the names in it (a rename) are durable (where the platform
    allows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def load_segment(folder: Path, name: str) -> Segment:
    """Open a saved segment, memory-mapping its postings."""
    target = folder / name
    arrays = {
        attr: np.load(target / f"{attr}.npy", mmap_mode="r" if attr in _MAPPED else None)
        for attr in _ARRAYS
    }
    names = json.loads((target / "facets.json").read_text(encoding="utf-8"))
    facets = {f: FacetPairs(names[f], np.load(target / f"{f}_docs.npy"),
                            np.load(target / f"{f}_vals.npy")) for f in MULTI_FACETS}
    return Segment(name=name, facets=facets, **arrays)
