"""Immutable segments of the gram index: postings and per-document arrays in NumPy files.

A segment holds, for its documents (local numbers 0..n-1):

* ``terms`` (sorted gram codes) and two postings lists per term, stored apart so that a
  query reads positions only when it needs them (a phrase of several grams):

  - document lists: ``docs[doffsets[i]:doffsets[i+1]]`` are the documents containing
    ``terms[i]`` (ascending; 16-bit numbers in a segment of up to 65,536 documents), ``tf``
    how often (16 bits) and ``ttf`` how often in the title (8 bits); counts saturate
    there, where BM25 no longer tells them apart (tf 65,535 in a book of 600,000
    characters scores within 0.5 % of tf 100,000);
  - positions: ``keys[offsets[i]:offsets[i+1]]``, sorted. A key numbers a position in
    the whole segment: the documents lie one after another, each taking its positions
    (0 to its length) and one unused key after them (``doc_starts``), so a phrase's grams
    are at consecutive keys and never run on from one document into the next; the keys
    of two grams, plain numbers in one range, can be compared through a table of them
    (``gramindex``). Keys are 32-bit where the segment's positions fit (``key_dtype``);
  - groups: a term's positions are ordered by the character that follows the pair (the
    second character of the gram at the next position, 0 where the run ends; see
    ``grams.next_chars``), then by key. Group ``g`` of term ``i`` (``goffsets[i] <= g <
    goffsets[i+1]``) holds the keys ``keys[gpos[g]:gpos[g+1]]`` (sorted) of the pair
    followed by ``gnext[g]`` (ascending within a term): the positions of a
    three-character string are one group, so a phrase reads the positions of its
    three-character pieces, far rarer than those of its pairs;
* lead lists: for each character that starts many grams (a pair with each character that
  follows it, the character alone; ``LEAD_GAIN``), the documents holding any of them with
  summed counts: ``ldocs[ldoffsets[i]:ldoffsets[i+1]]`` (with ``ltf``, ``lttf``) for the
  character ``lterms[i]`` (a gram code shifted right by ``SHIFT``: the character and the
  word-start flag). A query of one character (any gram that starts with it) reads that
  one list instead of the lists of every pair, hundreds of them for a character such as
  的. A segment saved without them (before they were added) answers from the pairs;
* per document: article id, number of title positions, number of positions, year, date
  rank;
* per facet (company, topic, author): the segment's value names and two parallel arrays,
  document and value number of each (document, value) pair.

Arrays are saved as ``.npy`` files and memory-mapped on open, so opening a large index
reads almost nothing. A merge reads its inputs and writes its output a slice of terms at a
time, so its memory does not grow with the size of the segments it merges.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from .facets import date_rank
from .faults import fault_point
from .folding import fold
from .grams import SHIFT, next_chars, text_grams

MULTI_FACETS = ("company", "topic", "author")
_LOW = (1 << SHIFT) - 1
_LEADS = ("lterms", "ldoffsets", "ldocs", "ltf", "lttf")
_POSTINGS = ("terms", "offsets", "keys", "doffsets", "docs", "tf", "ttf",
             "goffsets", "gnext", "gpos") + _LEADS
_MAPPED = _POSTINGS  # large: read lazily, page by page
_PER_DOC = ("aid", "title_len", "length", "year", "date_key")
_ARRAYS = _POSTINGS + _PER_DOC
DOC_GAP = 2  # keys a document takes beyond its length: position ``length`` and a gap
TF_MAX = np.iinfo(np.uint16).max
TTF_MAX = np.iinfo(np.uint8).max
# A merge handles about this many positions at a time: about 60 MB at the peak (4 M took
# 190 MB for no less CPU).
MERGE_CHUNK = 1_000_000
SMALL_READ = 1 << 20  # bytes: a list up to this long is read from its file, not mapped
# A character gets a lead list when its pairs' document lists are this many times longer
# (on the bench's articles: 45 of 1,274 characters, 4 % more document entries; a character
# left out costs at most some 60,000 entries read in a segment of 15,000 articles).
LEAD_GAIN = 4
DOC_TABLE_SHIFT = 7  # ``key_docs`` looks a key's document up in a table of 128-key spans


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
    doffsets: np.ndarray
    docs: np.ndarray
    tf: np.ndarray
    ttf: np.ndarray
    goffsets: np.ndarray
    gnext: np.ndarray
    gpos: np.ndarray
    lterms: np.ndarray
    ldoffsets: np.ndarray
    ldocs: np.ndarray
    ltf: np.ndarray
    lttf: np.ndarray
    aid: np.ndarray
    title_len: np.ndarray
    length: np.ndarray
    year: np.ndarray
    date_key: np.ndarray
    facets: dict[str, FacetPairs]
    _readers: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def size(self) -> int:
        return len(self.aid)

    @cached_property
    def doc_starts(self) -> np.ndarray:
        """The key of each document's position 0."""
        return doc_starts(np.asarray(self.length))

    @cached_property
    def _doc_table(self) -> np.ndarray:
        """The document holding each ``2 ** DOC_TABLE_SHIFT``-th key (and one past the end)."""
        starts = self.doc_starts
        span = int(starts[-1]) + int(self.length[-1]) + DOC_GAP if self.size else 0
        marks = np.arange((span >> DOC_TABLE_SHIFT) + 2, dtype=np.int64) << DOC_TABLE_SHIFT
        return (np.searchsorted(starts, marks, side="right") - 1).astype(np.int32)

    def key_docs(self, keys: np.ndarray) -> np.ndarray:
        """The (local) document of each key (in any order)."""
        keys = np.asarray(keys)
        if len(keys) < 256:
            return np.searchsorted(self.doc_starts, keys, side="right") - 1
        # The document at a key's span start is its document unless another starts within
        # the span (about one key in ten for articles): only those are searched.
        table = self._doc_table
        at = (keys >> DOC_TABLE_SHIFT).astype(np.intp)
        local = table[at].astype(np.int64)
        odd = np.flatnonzero(local != table[at + 1])
        if len(odd):
            local[odd] = np.searchsorted(self.doc_starts, keys[odd], side="right") - 1
        return local

    @cached_property
    def title_ends(self) -> np.ndarray:
        """The key after each document's title (its first body key)."""
        return self.doc_starts + np.asarray(self.title_len, dtype=np.int64)

    def _slice(self, attr: str, start: int, stop: int) -> np.ndarray:
        """``attr[start:stop]``. A short stretch of a mapped file is read with a plain file
        read: touching a mapping maps whole (large) pages around the spot, so a query of
        many short lists would otherwise keep far more of the index resident than it
        reads. A long one is used in place from the mapping."""
        array = getattr(self, attr)
        if not isinstance(array, np.memmap) or not array.filename \
                or (stop - start) * array.dtype.itemsize > SMALL_READ:
            return np.asarray(array[start:stop])
        reader = self._readers.get(attr)
        if reader is None:
            reader = self._readers[attr] = _FileReader(array)
        return reader.read(start, stop)

    def _term_range(self, code: int, is_prefix: bool) -> tuple[int, int]:
        """Index range in ``terms`` of one code, or of every code a prefix gram covers."""
        if is_prefix:
            from .grams import prefix_range

            i, j = np.searchsorted(self.terms, prefix_range(code))
            return int(i), int(j)
        i = int(np.searchsorted(self.terms, code))
        if i < len(self.terms) and int(self.terms[i]) == code:
            return i, i + 1
        return i, i

    def postings(self, code: int) -> np.ndarray:
        """Sorted keys of one gram code (empty if absent)."""
        i, j = self._term_range(code, False)
        if i == j:
            return _EMPTY
        keys = self._slice("keys", int(self.offsets[i]), int(self.offsets[j]))
        return keys if int(self.goffsets[j]) - int(self.goffsets[i]) == 1 else np.sort(keys)

    def postings_span(self, code: int) -> tuple[int, int]:
        """Range in ``keys`` of one gram code's keys (in groups; empty if absent)."""
        i, j = self._term_range(code, False)
        return int(self.offsets[i]), int(self.offsets[j])

    def postings_size(self, code: int) -> int:
        """How many keys ``postings(code)`` has (nothing read but the offsets)."""
        a, b = self.postings_span(code)
        return b - a

    def group_span(self, code: int, nxt: int) -> tuple[int, int]:
        """Range in ``keys`` of the gram ``code`` followed by the character ``nxt`` (the
        gram at the next position is its second character and ``nxt``, or that character
        alone when ``nxt`` is 0); an empty range if there is none."""
        i, j = self._term_range(code, False)
        if i == j:
            return 0, 0
        ga, gb = int(self.goffsets[i]), int(self.goffsets[j])
        nexts = self._slice("gnext", ga, gb)
        g = int(np.searchsorted(nexts, nxt))
        if g == len(nexts) or int(nexts[g]) != nxt:
            return 0, 0
        g += ga
        a, b = self._slice("gpos", g, g + 2).tolist()
        return a, b

    def keys_at(self, a: int, b: int) -> np.ndarray:
        """``keys[a:b]`` (a group's keys are sorted)."""
        return self._slice("keys", a, b) if b > a else _EMPTY

    def range_postings(self, lo: int, hi: int, ordered: bool = True) -> np.ndarray:
        """Keys of every gram code in ``[lo, hi)``, sorted unless ``ordered`` is False (a
        lone prefix gram needs no order: only its documents are counted)."""
        i, j = np.searchsorted(self.terms, [lo, hi])
        if i == j:
            return _EMPTY
        keys = self._slice("keys", int(self.offsets[i]), int(self.offsets[j]))
        return np.sort(keys) if ordered else keys

    def doc_list(self, code: int, is_prefix: bool) -> tuple[tuple[str, str, str], int, int, bool]:
        """Where the document list of a gram is: the names of its ``(docs, tf, ttf)``
        arrays, its range in them, and whether it is the lists of several grams one after
        another (a prefix gram without a lead list), so that a document may repeat."""
        if is_prefix:
            lead = code >> SHIFT
            i = int(np.searchsorted(self.lterms, lead))
            if i < len(self.lterms) and int(self.lterms[i]) == lead:
                return _LEAD_LISTS, int(self.ldoffsets[i]), int(self.ldoffsets[i + 1]), False
        i, j = self._term_range(code, is_prefix)
        return _DOC_LISTS, int(self.doffsets[i]), int(self.doffsets[j]), j - i > 1

    def gram_docs(self, code: int, is_prefix: bool) -> np.ndarray:
        """Documents containing a gram (a prefix gram: any gram it covers; may repeat)."""
        (docs, _, _), a, b, _ = self.doc_list(code, is_prefix)
        return self._slice(docs, a, b)

    def posting_docs(self, code: int) -> np.ndarray | None:
        """The document of each of ``postings(code)`` (sorted keys), from the gram's
        document list (its documents, each repeated as often as the gram occurs there);
        None when a count saturated (then ``key_docs`` tells)."""
        i, j = self._term_range(code, False)
        a, b = int(self.doffsets[i]), int(self.doffsets[j])
        tf = self._slice("tf", a, b)
        if a == b or int(tf.max()) >= TF_MAX:
            return None
        return np.repeat(self._slice("docs", a, b), tf)

    def gram_counts(self, code: int, is_prefix: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(docs, title count, body count)`` of a gram, from the document lists alone."""
        names, a, b, several = self.doc_list(code, is_prefix)
        if a == b:
            return _EMPTY, _EMPTY, _EMPTY
        docs, tf, ttf = (self._slice(name, a, b) for name in names)
        if several:  # several grams: a document may be listed under each of them
            at = docs.astype(np.intp)
            tf = np.bincount(at, tf, self.size)
            titled = np.flatnonzero(ttf)  # few: most occurrences are in bodies
            ttf = np.bincount(at[titled], ttf[titled], self.size)
            docs = np.flatnonzero(tf)
            tf, ttf = tf[docs].astype(np.int64), ttf[docs].astype(np.int64)
            return docs, ttf, tf - ttf
        ttf = ttf.astype(np.int64)
        return docs.astype(np.int64), ttf, tf - ttf  # document numbers as wide as the bases


_EMPTY = np.zeros(0, dtype=np.int64)
_DOC_LISTS = ("docs", "tf", "ttf")
_LEAD_LISTS = ("ldocs", "ltf", "lttf")


class _FileReader:
    """Reads stretches of a saved array from its file (one descriptor, kept open)."""

    def __init__(self, array: np.memmap):
        assert array.filename is not None  # only arrays mapped from a file are read this way
        self.fd = os.open(array.filename, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self.offset = int(array.offset)
        self.dtype = array.dtype
        self.lock = threading.Lock()  # for platforms without pread (seek, then read)

    def read(self, start: int, stop: int) -> np.ndarray:
        size = self.dtype.itemsize
        want, at = (stop - start) * size, self.offset + start * size
        parts, got = [], 0
        while got < want:
            if hasattr(os, "pread"):
                data = os.pread(self.fd, want - got, at + got)
            else:
                with self.lock:
                    os.lseek(self.fd, at + got, os.SEEK_SET)
                    data = os.read(self.fd, want - got)
            if not data:
                raise OSError(f"segment file ends early (fd {self.fd})")
            parts.append(data)
            got += len(data)
        return np.frombuffer(parts[0] if len(parts) == 1 else b"".join(parts), dtype=self.dtype)

    def __del__(self):
        try:
            os.close(self.fd)
        except (OSError, AttributeError):
            pass


def doc_starts(length: np.ndarray) -> np.ndarray:
    """The key of each document's position 0, from the documents' lengths."""
    ends = np.cumsum(np.asarray(length, dtype=np.int64) + DOC_GAP)
    return np.concatenate(([0], ends[:-1])).astype(np.int64)


def key_dtype(length: np.ndarray) -> np.dtype:
    """The narrowest type holding every key of a segment of documents of ``length``."""
    span = int(np.asarray(length, dtype=np.int64).sum()) + DOC_GAP * len(length)
    return np.dtype(np.uint32 if span < (1 << 32) - 1 else np.int64)


def doc_lists(offsets: np.ndarray, keys: np.ndarray, title_len: np.ndarray,
              starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Document lists ``(doffsets, docs, tf, ttf)`` of sorted per-term position keys of
    documents starting at keys ``starts``."""
    n = len(keys)
    if n == 0:
        return np.zeros(len(offsets), dtype=np.int64), np.zeros(0, np.uint16), \
            np.zeros(0, np.uint16), np.zeros(0, np.uint8)
    local = np.searchsorted(starts, keys, side="right") - 1
    start = np.ones(n, dtype=bool)
    start[1:] = local[1:] != local[:-1]
    start[np.asarray(offsets[:-1])[np.diff(offsets) > 0]] = True  # each term starts a list
    first = np.flatnonzero(start)
    in_title = ((keys - starts[local]) < title_len[local]).astype(np.int32)
    ttf = np.add.reduceat(in_title, first)
    tf = np.diff(np.append(first, n))
    running = np.concatenate(([0], np.cumsum(start)))
    return (running[offsets].astype(np.int64), local[first].astype(doc_dtype(len(title_len))),
            np.minimum(tf, TF_MAX).astype(np.uint16), np.minimum(ttf, TTF_MAX).astype(np.uint8))


def doc_dtype(n_docs: int) -> np.dtype:
    """The narrowest type that numbers ``n_docs`` documents."""
    return np.dtype(np.uint16 if n_docs <= 1 << 16 else np.int32)


def build_segment(docs: list[SegmentDoc]) -> Segment:
    """Analyse ``docs`` and lay out their postings (all in memory: about 40 bytes a
    position at the peak; ``GramIndex.add`` keeps a segment under ``SEGMENT_POSITIONS``)."""
    gram_parts, key_parts = [], []
    title_len = np.zeros(len(docs), dtype=np.int32)
    length = np.zeros(len(docs), dtype=np.int32)
    start = 0
    for local, doc in enumerate(docs):
        title = text_grams(fold(doc.title))
        body = text_grams(fold(doc.body), start_pos=title.length + 1)
        title_len[local] = title.length
        length[local] = title.length + body.length
        gram_parts += [title.grams, body.grams]
        key_parts += [title.positions.astype(np.int64) + start,
                      body.positions.astype(np.int64) + start]
        start += int(length[local]) + DOC_GAP
        del title, body
    grams = np.concatenate(gram_parts) if gram_parts else _EMPTY
    del gram_parts
    nexts = next_chars(grams)  # a text's last gram is a lone character: texts stay apart
    # Keys ascend in the order they were made (document, then position), so a stable sort
    # by gram alone puts the postings in (gram, key) order.
    order = np.argsort(grams, kind="stable")
    grams = grams[order]
    keys = np.concatenate(key_parts)[order] if key_parts else _EMPTY
    nexts = nexts[order]
    del key_parts, order
    starts = np.flatnonzero(np.diff(grams)) + 1 if len(grams) else _EMPTY
    starts = np.concatenate(([0], starts)) if len(grams) else _EMPTY
    terms = grams[starts]
    del grams
    offsets = np.append(starts, len(keys)).astype(np.int64)
    doffsets, dl_docs, tf, ttf = doc_lists(offsets, keys, title_len, doc_starts(length))
    # Within each term, the keys in order of the character that follows (a stable sort of
    # lists already in term order: it only sorts within each term's run).
    term_of = np.repeat(np.arange(len(terms), dtype=np.int64), np.diff(offsets))
    order = np.argsort((term_of << SHIFT) | nexts, kind="stable")
    keys, nexts = keys[order], nexts[order]
    del order
    per_term, gnext, gstart = _groups(term_of, nexts, len(terms))
    leads = _collect_leads(lead_lists(terms, doffsets, _reader({"docs": dl_docs, "tf": tf,
                                                                "ttf": ttf}), len(docs)))
    return Segment(
        name=uuid.uuid4().hex[:12],
        terms=terms.astype(np.int64, copy=False), offsets=offsets,
        keys=keys.astype(key_dtype(length), copy=False),
        doffsets=doffsets, docs=dl_docs, tf=tf, ttf=ttf,
        goffsets=np.concatenate(([0], np.cumsum(per_term))).astype(np.int64),
        gnext=gnext.astype(np.uint32),
        gpos=np.append(gstart, len(keys)).astype(pos_dtype(len(keys))),
        lterms=leads["lterms"], ldoffsets=leads["ldoffsets"], ldocs=leads["ldocs"],
        ltf=leads["ltf"], lttf=leads["lttf"],
        aid=np.array([d.aid for d in docs], dtype=np.int64),
        title_len=title_len,
        length=length,
        year=np.array([d.year or 0 for d in docs], dtype=np.int32),
        date_key=np.array([date_rank(d.date or "") for d in docs], dtype=np.int64),
        facets={f: FacetPairs.from_lists([list(getattr(d, f)) for d in docs])
                for f in MULTI_FACETS},
    )


def _groups(term_of: np.ndarray, nexts: np.ndarray,
            n_terms: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Groups of positions in (term, next character) order: how many groups each of
    ``n_terms`` terms has, the next character of each group and the index of its first
    position."""
    new = np.ones(len(term_of), dtype=bool)
    new[1:] = (term_of[1:] != term_of[:-1]) | (nexts[1:] != nexts[:-1])
    first = np.flatnonzero(new)
    return np.bincount(term_of[first], minlength=n_terms), nexts[first], first


def lead_lists(terms: np.ndarray, doffsets: np.ndarray, read, n_docs: int):
    """The lead lists of a segment's document lists, in parts of about ``MERGE_CHUNK``
    entries: ``(lead codes, entries of each, docs, tf, ttf)`` per part, in lead order.

    A lead is a gram code shifted right by ``SHIFT``; one is listed when it starts at
    least two terms whose lists hold ``LEAD_GAIN`` times as many entries as its own.
    ``read(name, a, b)`` gives ``name[a:b]`` of ``docs``, ``tf`` and ``ttf``. Counts are
    summed over the lead's terms and saturate as the terms' do."""
    terms, doffsets = np.asarray(terms), np.asarray(doffsets)
    if len(terms) == 0:
        return
    lead = terms >> SHIFT
    first = np.flatnonzero(np.concatenate(([True], lead[1:] != lead[:-1])))  # each lead's first term
    ends = np.append(first[1:], len(terms))
    summed = doffsets[ends] - doffsets[first]
    # a lead's own list is at least as long as its longest term's: most leads fail here
    longest = np.maximum.reduceat(np.diff(doffsets), first)
    many = np.flatnonzero((ends - first >= 2) & (summed >= LEAD_GAIN * longest))
    if len(many) == 0:
        return
    entries = np.cumsum(summed[many])
    cuts = np.searchsorted(entries, np.arange(MERGE_CHUNK, int(entries[-1]), MERGE_CHUNK))
    for l0, l1 in itertools.pairwise(np.unique(np.concatenate(([0], cuts, [len(many)])))):
        chosen = many[l0:l1]
        a, b = int(doffsets[first[chosen[0]]]), int(doffsets[ends[chosen[-1]]])
        docs, tf, ttf = (read(name, a, b) for name in ("docs", "tf", "ttf"))
        codes, counts, out_docs, out_tf, out_ttf = [], [], [], [], []
        for at in chosen.tolist():
            i, j = int(doffsets[first[at]]) - a, int(doffsets[ends[at]]) - a
            per_doc = np.bincount(docs[i:j], minlength=n_docs)
            hit = np.flatnonzero(per_doc)
            if int(summed[at]) < LEAD_GAIN * len(hit):
                continue
            codes.append(int(lead[first[at]]))
            counts.append(len(hit))
            out_docs.append(hit.astype(doc_dtype(n_docs)))
            out_tf.append(np.minimum(np.bincount(docs[i:j], tf[i:j], n_docs)[hit], TF_MAX))
            out_ttf.append(np.minimum(np.bincount(docs[i:j], ttf[i:j], n_docs)[hit], TTF_MAX))
        if codes:
            yield (np.array(codes, dtype=np.int64), np.array(counts, dtype=np.int64),
                   np.concatenate(out_docs), np.concatenate(out_tf).astype(np.uint16),
                   np.concatenate(out_ttf).astype(np.uint8))


def _reader(arrays: dict[str, np.ndarray]):
    """``read(name, a, b)`` over arrays in memory, or saved (mapped: read with ``_read``)."""
    return lambda name, a, b: _read(arrays[name], a, b)


def _collect_leads(parts) -> dict[str, np.ndarray]:
    """The lead arrays (``_LEADS``) from the parts ``lead_lists`` gives."""
    parts = list(parts)

    def field(i: int, empty: np.ndarray) -> np.ndarray:
        return np.concatenate([empty] + [part[i] for part in parts])

    return {"lterms": field(0, _EMPTY).astype(np.int64),
            "ldoffsets": np.concatenate(([0], np.cumsum(field(1, _EMPTY)))).astype(np.int64),
            "ldocs": field(2, np.zeros(0, np.uint16)), "ltf": field(3, np.zeros(0, np.uint16)),
            "lttf": field(4, np.zeros(0, np.uint8))}


def no_leads() -> dict[str, np.ndarray]:
    """The lead arrays of a segment saved without them (it answers from the pairs)."""
    return _collect_leads([])


def pos_dtype(n: int) -> np.dtype:
    """The narrowest type holding the positions 0..``n`` of a keys array."""
    return np.dtype(np.uint32 if n < (1 << 32) - 1 else np.int64)


def _slices(offsets: np.ndarray):
    """Ranges ``(j0, j1)`` of terms holding about ``MERGE_CHUNK`` positions each."""
    bounds = np.searchsorted(offsets, np.arange(MERGE_CHUNK, int(offsets[-1]), MERGE_CHUNK))
    edges = np.unique(np.concatenate(([0], bounds, [len(offsets) - 1])))
    return [(int(a), int(b)) for a, b in itertools.pairwise(edges) if b > a]


def _read(array: np.ndarray, start: int, stop: int) -> np.ndarray:
    """``array[start:stop]`` as an ordinary array; a memory-mapped file is read with plain
    file reads, so a merge does not keep the pages of its inputs mapped."""
    if stop <= start:
        return np.zeros(0, dtype=array.dtype)
    if isinstance(array, np.memmap) and array.filename:
        with open(array.filename, "rb") as fh:
            fh.seek(array.offset + start * array.dtype.itemsize)
            return np.fromfile(fh, dtype=array.dtype, count=stop - start)
    return np.array(array[start:stop])


class _NpyWriter:
    """Writes a one-dimensional ``.npy`` file piece by piece: of a known length, or (None)
    of the length written, put in its header when it is closed."""

    HEADER = 128  # bytes of the header of a file whose length is known at close

    def __init__(self, path: Path, dtype, length: int | None):
        self.fh = open(path, "wb")  # noqa: SIM115 (closed in close())
        self.dtype = np.dtype(dtype)
        self.left = length
        self.written = 0
        if length is None:
            self.fh.write(b"\0" * self.HEADER)
        else:
            np.lib.format.write_array_header_1_0(self.fh, self._header(length))

    def _header(self, length: int) -> dict:
        return {"descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False,
                "shape": (length,)}

    def write(self, part: np.ndarray) -> None:
        self.written += len(part)
        if self.left is not None:
            self.left -= len(part)
        self.fh.write(np.ascontiguousarray(part, dtype=self.dtype).tobytes())

    def close(self) -> None:
        if self.left:
            raise ValueError(f"{self.fh.name}: {self.left} values missing")
        if self.left is None:
            text = repr(self._header(self.written)).encode("latin1")
            pad = self.HEADER - 10 - len(text) - 1
            self.fh.seek(0)
            self.fh.write(b"\x93NUMPY\x01\x00" + (self.HEADER - 10).to_bytes(2, "little")
                          + text + b" " * pad + b"\n")
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()


def merge_segments(segments: list[Segment], drop: list[set[int]], folder: Path) -> Segment:
    """Write one segment with the live documents of ``segments`` under ``folder`` and
    return it, opened. ``drop[i]`` are the article ids deleted from ``segments[i]`` (only
    from it: an updated article is deleted from its old segment, live in a newer one).

    Later segments' documents come after earlier ones', so each term's merged lists are
    its lists of each segment in turn (documents renumbered): no sort over all postings.
    Terms are handled in slices of about ``MERGE_CHUNK`` positions.
    """
    keeps, remaps, base = [], [], 0
    for seg, gone in zip(segments, drop, strict=True):
        keep = ~np.isin(seg.aid, np.fromiter(gone, dtype=np.int64)) if gone \
            else np.ones(seg.size, dtype=bool)
        remap = np.full(seg.size, -1, dtype=np.int64)
        remap[keep] = np.arange(int(keep.sum())) + base
        keeps.append(keep)
        remaps.append(remap)
        base += int(keep.sum())
    union = np.unique(np.concatenate([np.asarray(s.terms) for s in segments])) \
        if segments else _EMPTY
    term_ix = [np.searchsorted(union, np.asarray(s.terms)) for s in segments]
    n_keys = np.zeros(len(union), dtype=np.int64)  # live positions of each union term
    n_docs = np.zeros(len(union), dtype=np.int64)  # live documents of each union term
    for seg, keep, tix in zip(segments, keeps, term_ix, strict=True):
        offsets, doffsets = np.asarray(seg.offsets), np.asarray(seg.doffsets)
        if keep.all():
            n_keys[tix] += np.diff(offsets)
            n_docs[tix] += np.diff(doffsets)
            continue
        for j0, j1 in _slices(offsets):
            keys = _read(seg.keys, int(offsets[j0]), int(offsets[j1]))
            kterm = np.repeat(np.arange(j0, j1), np.diff(offsets[j0 : j1 + 1]))
            n_keys[tix[j0:j1]] += np.bincount(kterm[keep[seg.key_docs(keys)]] - j0,
                                              minlength=j1 - j0)
        docs = np.asarray(seg.docs)
        dterm = np.repeat(np.arange(len(tix)), np.diff(doffsets))
        n_docs[tix] += np.bincount(dterm[keep[docs]], minlength=len(tix))

    merged_length = np.concatenate(
        [np.asarray(s.length)[k] for s, k in zip(segments, keeps, strict=True)]) \
        if segments else _EMPTY
    new_starts = doc_starts(merged_length)
    name = uuid.uuid4().hex[:12]
    tmp = folder / f"{name}.part"
    tmp.mkdir(parents=True, exist_ok=True)
    with _partial(tmp):  # a failed write (a full disk) leaves no partial segment
        live_terms = n_keys > 0
        total_keys, total_docs = int(n_keys.sum()), int(n_docs.sum())
        _save_array(tmp / "terms.npy", union[live_terms].astype(np.int64))
        _save_array(tmp / "offsets.npy", np.concatenate(([0], np.cumsum(n_keys[live_terms]))))
        _save_array(tmp / "doffsets.npy", np.concatenate(([0], np.cumsum(n_docs[live_terms]))))
        out = {"keys": _NpyWriter(tmp / "keys.npy", key_dtype(merged_length), total_keys),
               "docs": _NpyWriter(tmp / "docs.npy", doc_dtype(base), total_docs),
               "tf": _NpyWriter(tmp / "tf.npy", np.uint16, total_docs),
               "ttf": _NpyWriter(tmp / "ttf.npy", np.uint8, total_docs),
               "gnext": _NpyWriter(tmp / "gnext.npy", np.uint32, None),
               "gpos": _NpyWriter(tmp / "gpos.npy", pos_dtype(total_keys), None)}
        n_groups = np.zeros(len(union), dtype=np.int64)  # groups of each union term
        written = 0  # keys written so far
        bounds = np.searchsorted(np.cumsum(n_keys), np.arange(MERGE_CHUNK, total_keys, MERGE_CHUNK))
        edges = np.unique(np.concatenate(([0], bounds, [len(union)])))
        for u0, u1 in itertools.pairwise(edges):
            keys_parts, key_sort, doc_parts, doc_terms = [], [], [], []
            tf_parts, ttf_parts = [], []
            for seg, keep, remap, tix in zip(segments, keeps, remaps, term_ix, strict=True):
                j0, j1 = (int(x) for x in np.searchsorted(tix, [u0, u1]))
                if j0 == j1:
                    continue
                offs = np.asarray(seg.offsets[j0 : j1 + 1])
                keys = _read(seg.keys, int(offs[0]), int(offs[-1]))
                kterm = np.repeat(tix[j0:j1], np.diff(offs))
                g0, g1 = int(seg.goffsets[j0]), int(seg.goffsets[j1])
                gpos = _read(seg.gpos, g0, g1 + 1).astype(np.int64)
                knext = np.repeat(_read(seg.gnext, g0, g1).astype(np.int64), np.diff(gpos))
                doffs = np.asarray(seg.doffsets[j0 : j1 + 1])
                docs = _read(seg.docs, int(doffs[0]), int(doffs[-1])).astype(np.int64)
                dterm = np.repeat(tix[j0:j1], np.diff(doffs))
                tf = _read(seg.tf, int(doffs[0]), int(doffs[-1]))
                ttf = _read(seg.ttf, int(doffs[0]), int(doffs[-1]))
                local = seg.key_docs(keys)
                if not keep.all():
                    ok = keep[local]
                    keys, kterm, knext, local = keys[ok], kterm[ok], knext[ok], local[ok]
                    ok = keep[docs]
                    docs, dterm, tf, ttf = docs[ok], dterm[ok], tf[ok], ttf[ok]
                keys_parts.append(new_starts[remap[local]] + (keys - seg.doc_starts[local]))
                key_sort.append((kterm << SHIFT) | knext)
                if u1 - u0 == 1:  # one term (a very common one): documents written as read
                    out["docs"].write(remap[docs])
                    out["tf"].write(tf)
                    out["ttf"].write(ttf)
                    continue
                doc_parts.append(remap[docs])
                doc_terms.append(dterm)
                tf_parts.append(tf)
                ttf_parts.append(ttf)
            if not keys_parts:
                continue
            # A stable sort by (term, next character) keeps each group's keys in segment
            # order, so ascending (timsort merges the already sorted runs of each segment).
            sort_key = np.concatenate(key_sort)
            order = np.argsort(sort_key, kind="stable")
            sort_key = sort_key[order]
            out["keys"].write(np.concatenate(keys_parts)[order])
            del keys_parts, order
            first = np.flatnonzero(np.concatenate(([True], sort_key[1:] != sort_key[:-1])))
            out["gnext"].write(sort_key[first] & _LOW)
            out["gpos"].write(first + written)
            n_groups[u0:u1] += np.bincount((sort_key[first] >> SHIFT) - u0, minlength=u1 - u0)
            written += len(sort_key)
            if doc_parts:
                order = np.argsort(np.concatenate(doc_terms), kind="stable")
                out["docs"].write(np.concatenate(doc_parts)[order])
                out["tf"].write(np.concatenate(tf_parts)[order])
                out["ttf"].write(np.concatenate(ttf_parts)[order])
        out["gpos"].write(np.array([written]))
        for writer in out.values():
            writer.close()
        _save_array(tmp / "goffsets.npy",
                    np.concatenate(([0], np.cumsum(n_groups[live_terms]))).astype(np.int64))
        saved = {name: np.load(tmp / f"{name}.npy", mmap_mode="r")
                 for name in ("terms", "doffsets", "docs", "tf", "ttf")}
        # lead lists are small (a few % of the document entries): gathered, then saved
        leads = _collect_leads(lead_lists(saved["terms"], saved["doffsets"], _reader(saved), base))
        for attr, array in leads.items():
            _save_array(tmp / f"{attr}.npy", array)
        del saved, leads

        def pick(attr: str) -> np.ndarray:
            parts = [np.asarray(getattr(s, attr))[k] for s, k in zip(segments, keeps, strict=True)]
            return np.concatenate(parts) if parts else _EMPTY

        for attr in _PER_DOC:
            _save_array(tmp / f"{attr}.npy", pick(attr))
        facets = {f: _merge_facet(f, segments, keeps) for f in MULTI_FACETS}
        _save_facets(tmp, facets)
        _publish(tmp, folder / name, folder)
    return load_segment(folder, name)


def _merge_facet(facet: str, segments: list[Segment], keeps: list[np.ndarray]) -> FacetPairs:
    ids: dict[str, int] = {}
    docs_out, vals_out = [], []
    base = 0
    for s, k in zip(segments, keeps, strict=True):
        pairs = s.facets[facet]
        remap_doc = np.full(s.size, -1, dtype=np.int64)
        remap_doc[k] = np.arange(int(k.sum())) + base
        remap_val = np.array([ids.setdefault(n, len(ids)) for n in pairs.names], dtype=np.int64)
        ok = k[pairs.docs] if len(pairs.docs) else np.zeros(0, dtype=bool)
        docs_out.append(remap_doc[pairs.docs[ok]])
        vals_out.append(remap_val[pairs.vals[ok]] if len(remap_val) else pairs.vals[ok])
        base += int(k.sum())
    names = sorted(ids, key=ids.__getitem__)
    return FacetPairs(names, np.concatenate(docs_out) if docs_out else _EMPTY,
                      np.concatenate(vals_out) if vals_out else _EMPTY)


def save_segment(seg: Segment, folder: Path) -> None:
    """Write ``seg`` as ``folder/<name>/``: files written and fsynced in a temporary folder
    that is then renamed (the manifest makes it live)."""
    tmp = folder / f"{seg.name}.part"
    tmp.mkdir(parents=True, exist_ok=True)
    with _partial(tmp):  # a failed write (a full disk) leaves no partial segment
        for attr in _ARRAYS:
            _save_array(tmp / f"{attr}.npy", np.asarray(getattr(seg, attr)))
        _save_facets(tmp, seg.facets)
        _publish(tmp, folder / seg.name, folder)


@contextmanager
def _partial(tmp: Path) -> Iterator[None]:
    """Writing a segment in ``tmp``: the folder is removed again if writing fails, so a
    full disk gets its space back for the archive to record how the ingest ended."""
    try:
        yield
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _save_facets(tmp: Path, facets: dict[str, FacetPairs]) -> None:
    for facet, pairs in facets.items():
        for part in ("docs", "vals"):
            _save_array(tmp / f"{facet}_{part}.npy", getattr(pairs, part))
    with open(tmp / "facets.json", "w", encoding="utf-8") as fh:
        json.dump({f: p.names for f, p in facets.items()}, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())


def _publish(tmp: Path, target: Path, folder: Path) -> None:
    """Make a fully written segment folder visible under its name (durably)."""
    fsync_folder(tmp)
    fault_point("segment-written")
    if target.exists():  # cannot happen with fresh names; never rename onto a folder
        shutil.rmtree(tmp, ignore_errors=True)
        raise FileExistsError(target)
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
        for attr in _ARRAYS if attr not in _LEADS
    }
    present = [attr for attr in _LEADS if (target / f"{attr}.npy").exists()]
    if present and len(present) < len(_LEADS):  # some, not all: files lost, not an old segment
        missing = next(attr for attr in _LEADS if attr not in present)
        raise FileNotFoundError(f"{target / missing}.npy")
    arrays.update({attr: np.load(target / f"{attr}.npy", mmap_mode="r") for attr in present}
                  if present else no_leads())  # none: saved before lead lists existed
    names = json.loads((target / "facets.json").read_text(encoding="utf-8"))
    facets = {f: FacetPairs(names[f], np.load(target / f"{f}_docs.npy"),
                            np.load(target / f"{f}_vals.npy")) for f in MULTI_FACETS}
    return Segment(name=name, facets=facets, **arrays)
