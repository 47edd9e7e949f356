"""What "did you mean" costs on a server archive (archive/pg/suggest.py).

``python tests/perf/pg_suggest.py [N]`` (default 2,000 generated articles,
tests/perf/corpus.py) starts a throwaway cluster and, back to back on the same files:

* ingests them without the word tables (the plain ``PgSearch``) and with them, twice,
  alternated, each into a new database (after a warm-up import), reporting articles/s and
  the client's CPU seconds;
* times ``suggest`` for typos made from the archive's own words (one character changed)
  and for words it does not have, median and p95, wall and CPU;
* times filling the word tables of an archive indexed before them (the owner's first
  open after an upgrade), and reports the tables' sizes beside the search index's.

Run it alone if you can: wall-clock figures follow the machine's load (printed).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    return time.process_time()


def _ingest(url: str, folder: Path, words: bool) -> dict:
    from archive import pg
    from archive.opening import open_library
    from archive.pg.search import PgSearch

    original = pg.PgSearchWithWords
    if not words:
        pg.PgSearchWithWords = lambda conn, primary=None: PgSearch(conn)  # type: ignore
    try:
        wall, cpu = time.perf_counter(), _cpu()
        with open_library(url) as lib:
            report = lib.ingest([folder])
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    finally:
        pg.PgSearchWithWords = original
    stored = len(report.added) + len(report.versions)
    return {"words": words, "articles": stored, "seconds": round(wall, 1),
            "rate": round(stored / wall, 1), "client_cpu_s": round(cpu, 1)}


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    from tests.perf.corpus import write_corpus
    from tests.pg_cluster import start_cluster

    print(f"load average before: {os.getloadavg()}", flush=True)
    out: dict = {"articles": n}
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_corpus(Path(tmp) / "corpus", n)
            warm = write_corpus(Path(tmp) / "warm", 20, seed=3)
            _ingest(cluster.create_database("warm_up"), warm, True)  # loads, caches
            with_url = cluster.create_database("with_words")
            out["ingest"] = [  # alternated, so neither side gets the quieter minutes
                _ingest(cluster.create_database("without_words"), folder, False),
                _ingest(with_url, folder, True),
                _ingest(cluster.create_database("without_words_2"), folder, False),
                _ingest(cluster.create_database("with_words_2"), folder, True)]
            print(json.dumps(out["ingest"]), flush=True)

        from archive.opening import open_library
        from archive.pg import suggest as sg

        with open_library(with_url, recover=False) as lib:
            search = lib._index
            conn = search.conn
            words = [r[0] for r in conn.run(
                "SELECT word FROM search_terms WHERE char_length(word) BETWEEN 2 AND 8"
                " ORDER BY word")]
            rnd = random.Random(7)
            typos = []
            for word in rnd.sample(words, min(40, len(words))):
                i = rnd.randrange(len(word))
                typos.append(word[:i] + ("坏" if word[i] != "坏" else "好") + word[i + 1:])
            typos += ["量子引力", "xyzzy", "goverment", "营商坏境"]
            walls, cpus, found = [], [], 0
            for query in typos:
                wall, cpu = time.perf_counter(), _cpu()
                got = search.suggest(query)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((_cpu() - cpu) * 1000)
                found += got is not None
            out["suggest_ms"] = {
                "queries": len(typos), "with_a_suggestion": found,
                "wall_median": round(statistics.median(walls), 1),
                "wall_p95": round(_pct(walls, 0.95), 1),
                "cpu_median": round(statistics.median(cpus), 1),
                "cpu_p95": round(_pct(cpus, 0.95), 1)}
            sizes = conn.run(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname IN"
                " ('search_words', 'search_terms', 'search_parts', 'search_docs')")
            out["sizes_mb"] = {name: round(size / 2**20, 1) for name, size in sizes}
            out["distinct_words"] = conn.run("SELECT count(*) FROM search_terms")[0][0]
        cluster.psql("DROP TABLE search_words, search_terms", dbname="with_words")
        from archive.pg.connection import PgConnection

        primary = PgConnection(with_url)
        wall, cpu = time.perf_counter(), _cpu()
        assert sg.install(primary) is None
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        primary.close()
        out["fill"] = {"seconds": round(wall, 1), "client_cpu_s": round(cpu, 1),
                       "rate": round(n / wall, 1)}
    finally:
        cluster.remove()
    out["load_average_after"] = os.getloadavg()
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
