"""Evaluating a parsed query over a snapshot: a match mask and BM25 scores, in bulk.

Text terms are scored with BM25 over their exact occurrences (length-normalised), title
occurrences weighing ``TITLE_WEIGHT`` times a body occurrence, and a term in the title
adding ``TITLE_BONUS`` (BM25 saturates, so without it a long body that repeats a word
outranks the page whose title is that word); facet and year terms filter without scoring.
A word's other forms (plurals) count as its occurrences. The words of an unspaced query
word that was split (``And.near``) score higher the closer together they occur.
"""

from __future__ import annotations

import itertools

import numpy as np

from .facets import FacetTable
from .gramindex import Snapshot
from .query import And, Every, Node, Or, Text, Values, YearRange

K1, B = 1.2, 0.75
TITLE_WEIGHT = 3.0
TITLE_BONUS = 1.0  # a title occurrence also adds this many idf: the title says what it is about


def evaluate(node: Node | None, snap: Snapshot, table: FacetTable) -> tuple[np.ndarray, np.ndarray]:
    """``(mask, score)`` over every document of ``snap``; deleted documents never match."""
    mask, score = _eval(node, snap, table)
    return mask & snap.live, score


def _eval(node, snap: Snapshot, table: FacetTable) -> tuple[np.ndarray, np.ndarray]:
    n = snap.size
    if node is None or isinstance(node, Every):
        return snap.live.copy(), np.zeros(n, dtype=np.float32)
    if isinstance(node, Text):
        return _text(node, snap)
    if isinstance(node, Values):
        return table.value_mask(node.field, node.values), np.zeros(n, dtype=np.float32)
    if isinstance(node, YearRange):
        year = snap.year
        if node.low == 0 and node.high == 0:
            return year == 0, np.zeros(n, dtype=np.float32)
        mask = year > 0
        if node.low is not None:
            mask &= year >= node.low
        if node.high is not None:
            mask &= year <= node.high
        return mask, np.zeros(n, dtype=np.float32)
    if isinstance(node, And):
        if node.near:
            return _near(node, snap, table)
        mask = np.ones(n, dtype=bool)
        score = np.zeros(n, dtype=np.float32)
        for child in node.must:
            m, s = _eval(child, snap, table)
            mask &= m
            score += s
        for child in node.must_not:
            m, _ = _eval(child, snap, table)
            mask &= ~m
        return mask, np.where(mask, score, 0).astype(np.float32)
    if isinstance(node, Or):
        mask = np.zeros(n, dtype=bool)
        score = np.zeros(n, dtype=np.float32)
        for child in node.should:
            m, s = _eval(child, snap, table)
            mask |= m
            score += s
        return mask, score
    raise TypeError(f"unknown query node {node!r}")


def _text(node: Text, snap: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    n = snap.size
    mask = np.zeros(n, dtype=bool)
    score = np.zeros(n, dtype=np.float32)
    docs, title_tf, body_tf = snap.phrase(node.grams, node.field)
    if node.variants:
        found = [(docs, title_tf, body_tf)]
        found += [snap.phrase(form, node.field) for form in node.variants]
        all_docs = np.concatenate([f[0] for f in found])
        docs, inverse = np.unique(all_docs, return_inverse=True)
        title_tf = np.bincount(inverse, np.concatenate([f[1] for f in found]), len(docs))
        body_tf = np.bincount(inverse, np.concatenate([f[2] for f in found]), len(docs))
    if len(docs) == 0:
        return mask, score
    if snap.live_count < snap.size:
        live = snap.live[docs]
        docs, title_tf, body_tf = docs[live], title_tf[live], body_tf[live]
    mask[docs] = True
    total = max(snap.live_count, 1)
    df = len(docs)
    idf = np.log(1.0 + (total - df + 0.5) / (df + 0.5))
    # idf * (tf * (K1 + 1) / (tf + norm) + TITLE_BONUS * (in the title)), tf weighing title
    # occurrences TITLE_WEIGHT times, in float32 and in place (a common word is in most
    # documents: each pass over them counts)
    tf = body_tf.astype(np.float32)
    titled = np.flatnonzero(title_tf)  # few: most hits are in bodies
    tf[titled] += np.float32(TITLE_WEIGHT) * title_tf[titled]
    denom = _length_norm(snap)[docs]
    denom += tf
    tf *= np.float32(idf * (K1 + 1))
    tf /= denom
    tf[titled] += np.float32(idf * TITLE_BONUS)
    score[docs] = tf
    return mask, score


def _length_norm(snap: Snapshot) -> np.ndarray:
    """BM25's length part of each document, ``K1 * (1 - B + B * length / average``), worked
    out once per snapshot (float32)."""
    norm = snap.derived.get("bm25_norm")
    if norm is None:
        avgdl = max(snap.mean_length, 1.0)
        norm = snap.derived["bm25_norm"] = \
            (K1 * (1 - B + B * snap.length / avgdl)).astype(np.float32)
    return norm


NEAR_SCALE = 8.0  # positions apart at which the proximity bonus halves
MAX_NEAR_DOCS = 5000  # proximity is worked out for at most this many best candidates


def _near(node: And, snap: Snapshot, table: FacetTable) -> tuple[np.ndarray, np.ndarray]:
    """AND of the words, each pair of neighbours scoring up to twice as much when close."""
    n = snap.size
    mask = np.ones(n, dtype=bool)
    score = np.zeros(n, dtype=np.float32)
    for child in node.must:
        m, s = _eval(child, snap, table)
        mask &= m
        score += s
    docs = np.nonzero(mask & snap.live)[0]
    texts = [c for c in node.must if isinstance(c, Text)]
    if len(docs) == 0 or len(texts) < 2:
        return mask, np.where(mask, score, 0).astype(np.float32)
    if len(docs) > MAX_NEAR_DOCS:
        docs = docs[np.argsort(-score[docs], kind="stable")[:MAX_NEAR_DOCS]]
    bonus = np.zeros(n, dtype=np.float32)
    for left, right in itertools.pairwise(texts):
        gap = _min_gap(snap, left, right, docs)
        bonus[docs] += 1.0 / (1.0 + gap / NEAR_SCALE)
    bonus /= len(texts) - 1
    return mask, np.where(mask, score * (1.0 + bonus), 0).astype(np.float32)


def _min_gap(snap: Snapshot, left: Text, right: Text, docs: np.ndarray) -> np.ndarray:
    """For each of ``docs``: the fewest positions between an occurrence of ``left`` and
    one of ``right`` (either order; 0 when adjacent), or a large number when unknown."""
    from .gramindex import _phrase_keys

    far = np.float32(1e6)
    out = np.full(len(docs), far, dtype=np.float32)
    for seg, base in zip(snap.segments, snap.bases, strict=True):
        sel = (docs >= base) & (docs < base + seg.size)
        if not sel.any():
            continue
        a, _ = _phrase_keys(seg, left.grams)
        b, b_doc = _phrase_keys(seg, right.grams)
        if len(a) == 0 or len(b) == 0:
            continue
        a_len, b_len = len(left.typed), len(right.typed)
        # Nearest occurrence of ``a`` before and after each ``b`` (keys number positions in
        # the segment, each document's apart from the others').
        a = np.sort(a)
        idx = np.searchsorted(a, b)
        best = np.full(len(b), far, dtype=np.float32)
        for j, adjust in ((idx - 1, a_len), (idx, b_len)):
            ok = (j >= 0) & (j < len(a))
            other = a[np.clip(j, 0, len(a) - 1)]
            same = ok & (seg.key_docs(other) == b_doc)
            dist = np.abs(other - b) - adjust
            best = np.where(same, np.minimum(best, np.maximum(dist, 0)), best)
        per_doc = np.full(seg.size, far, dtype=np.float32)
        np.minimum.at(per_doc, b_doc, best)
        out[sel] = per_doc[docs[sel] - base]
    return out
