"""External facets (collections, tags) at 100k documents: selection masks and counts.

Run: .venv/bin/python tests/perf/external_facets.py (engine level, synthetic memberships).
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import numpy as np

from index.engine import ExternalFacet

rng = np.random.default_rng(1)
n = 100_000
aids = np.arange(1, n + 1, dtype=np.int64)
# 50 tags over 20,000 tagged articles (each 1-3 tags), 200 collections over 10,000
def make(values, tagged, per):
    m = {}
    for v in range(values):
        m[f"v{v}"] = np.unique(rng.choice(tagged, size=tagged // values * per))
    return ExternalFacet(m)
tags = make(50, 20000, 2)
cols = make(200, 10000, 1)
for label, result in (("all 100k", aids), ("10k hits", rng.choice(aids, 10000, replace=False))):
    ts = []
    for _ in range(30):
        t = time.perf_counter()
        tags.counts(result); cols.counts(result)
        tags.selection_mask(aids, ["v1", "v2"]); cols.selection_mask(aids, ["v3"])
        ts.append(time.perf_counter() - t)
    ts.sort()
    print(f"{label}: median {ts[15]*1000:.1f} ms, p95 {ts[28]*1000:.1f} ms (counts of 2 facets + 2 masks)")
