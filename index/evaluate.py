"""Evaluating a parsed query over a snapshot: a match mask and BM25 scores, in bulk.

Text terms are scored with BM25 over their exact occurrences, title occurrences weighing
``TITLE_WEIGHT`` times a body occurrence; facet and year terms filter without scoring.
"""

from __future__ import annotations

import numpy as np

from .facets import FacetTable
from .gramindex import Snapshot
from .query import And, Every, Node, Or, Text, Values, YearRange

K1, B = 1.2, 0.75
TITLE_WEIGHT = 3.0


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
    if len(docs) == 0:
        return mask, score
    live = snap.live[docs]
    docs, title_tf, body_tf = docs[live], title_tf[live], body_tf[live]
    mask[docs] = True
    total = max(int(snap.live.sum()), 1)
    df = len(docs)
    idf = np.log(1.0 + (total - df + 0.5) / (df + 0.5))
    avgdl = max(float(snap.length[snap.live].mean()) if total else 1.0, 1.0)
    tf = body_tf + TITLE_WEIGHT * title_tf
    dl = snap.length[docs]
    score[docs] = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / avgdl))
    return mask, score
