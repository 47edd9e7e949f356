"""CPU time per query on an existing archive: the bench's queries and the comparison's, in
one process, timed with ``time.process_time`` (which other jobs on a shared machine slow
far less than wall time).

    python tests/perf/cputime.py ARCHIVE [--rounds 3] [--json] [--cold] [--all]

Prints the median, p95 and maximum per query through ``Library.search`` (first page of 20
with facets and snippets) and through ``SearchIndex.search`` without facets (the engine
alone), the slowest queries (``--all``: every query, fastest round), the CPU time to open the archive and show a first page, and
the process's peak memory. ``--cold`` empties the index's phrase cache before each query,
so that every round costs what the first search of a phrase does. To measure another
checkout on its own archive, run this file with that checkout first on the path:
``PYTHONPATH=/path/to/checkout python ...``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parents[1]))  # after PYTHONPATH: another checkout may come first
sys.path.insert(0, str(HERE))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cold", action="store_true",
                        help="empty the phrase cache before each query")
    parser.add_argument("--all", action="store_true", help="list every query's time")
    args = parser.parse_args()
    cpu = time.process_time()
    from archive.library import open_library  # noqa: I001 (first: bench puts this checkout on the path)

    from bench import QUERIES, as_when_idle, peak_rss_mb, percentile
    from compare import EXTRA_QUERIES, engine

    lib = open_library(args.archive)
    lib.search("", limit=50)
    out: dict = {"open_cpu_s": round(time.process_time() - cpu, 2)}
    as_when_idle(lib)
    queries = QUERIES + EXTRA_QUERIES
    search_index = engine(lib)
    forget = _phrase_cache_clear() if args.cold else None
    runs = {"full": lambda q: lib.search(q, limit=20),
            "engine": lambda q: search_index.search(q, limit=20, facets=False,
                                                    resolve=lib.resolve)}
    for name, run in runs.items():
        per: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for q in queries:
                if forget is not None:
                    forget()
                t = time.process_time()
                run(q)
                per.setdefault(q, []).append((time.process_time() - t) * 1000)
        times = [v for vs in per.values() for v in vs]
        out[f"{name}_median_ms"] = round(statistics.median(times), 1)
        out[f"{name}_p95_ms"] = round(percentile(times, 0.95), 1)
        out[f"{name}_max_ms"] = round(max(times), 1)
        out[f"{name}_slowest"] = [(q, round(min(v), 1)) for q, v in
                                  sorted(per.items(), key=lambda p: -min(p[1]))[:5]]
        if args.all:
            out[f"{name}_per_query"] = {q: round(min(v), 1) for q, v in
                                        sorted(per.items(), key=lambda p: -min(p[1]))}
    out["cold"] = bool(forget)
    out["peak_rss_mb"] = peak_rss_mb()
    lib.close()
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for key, value in out.items():
            print(f"{key:<18} {value}")
    return 0


def _phrase_cache_clear():
    """The measured checkout's way to empty its phrase cache (None where it has none)."""
    try:
        from index.phrasecache import phrases
    except ImportError:
        return None
    return phrases.clear


if __name__ == "__main__":
    sys.exit(main())
