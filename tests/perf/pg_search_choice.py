"""How the server searches, chosen by measurement: gram lexemes in a ``tsvector`` (GIN,
``<->`` phrases) against ``pg_trgm`` (GIN trigram index, ``LIKE '%…%'`` on the folded
text), over the same folded texts, with recall checked against Python's ``in``.

    python tests/perf/pg_search_choice.py CORPUS_FOLDER [--limit N] [--url URL]

Without ``--url`` it starts a throwaway cluster (tests/pg_cluster.py). It prints, per
query, the literal count, each representation's count and its median time (5 runs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

QUERIES = ["汽车", "长春", "汽开", "一汽", "芯片", "新能源汽车", "智能网联", "中德汽车大会",
           "汽车产业", "高质量发展", "营商环境", "零部件企业", "长春汽开区", "稿号甲乙丙丁",
           "不存在的词语组合"]


def main() -> int:
    import pg_grams as g
    import psycopg

    from index.folding import fold
    from index.grams import query_grams

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=10000)
    parser.add_argument("--url")
    args = parser.parse_args()
    cluster = None
    url = args.url
    if not url:
        from tests.pg_cluster import start_cluster

        cluster = start_cluster()
        url = cluster.create_database("choice")
    try:
        files = sorted(args.corpus.glob("*.txt"))[: args.limit]
        texts = [fold(p.read_text(encoding="utf-8")) for p in files]
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.execute("CREATE TABLE grams (id int PRIMARY KEY, v tsvector)")
            conn.execute("CREATE TABLE trgm (id int PRIMARY KEY, t text)")
            t = time.perf_counter()
            with conn.cursor().copy("COPY grams (id, v) FROM STDIN") as cp:
                for i, text in enumerate(texts):
                    cp.write_row((i, g.vector(text)[0]))
            conn.execute("CREATE INDEX ON grams USING gin (v)")
            conn.execute("VACUUM ANALYZE grams")
            build_grams = time.perf_counter() - t
            t = time.perf_counter()
            with conn.cursor().copy("COPY trgm (id, t) FROM STDIN") as cp:
                for i, text in enumerate(texts):
                    cp.write_row((i, text))
            conn.execute("CREATE INDEX ON trgm USING gin (t gin_trgm_ops)")
            conn.execute("VACUUM ANALYZE trgm")
            build_trgm = time.perf_counter() - t
            sizes = {name: conn.execute(f"SELECT pg_total_relation_size('{name}')").fetchone()[0]
                     for name in ("grams", "trgm")}
            print(f"{len(texts)} texts; build s: grams {build_grams:.1f}, trgm {build_trgm:.1f};"
                  f" MB: grams {sizes['grams'] / 1e6:.0f}, trgm {sizes['trgm'] / 1e6:.0f}")
            print(f"{'query':<12} {'literal':>7} {'grams':>7} {'ms':>7} {'trgm':>7} {'ms':>7}")
            worst = {"grams": 0.0, "trgm": 0.0}
            for q in QUERIES:
                folded = fold(q)
                literal = sum(folded in text for text in texts)
                phrase = g.phrase(query_grams(q))
                runs: dict[str, list[float]] = {"grams": [], "trgm": []}
                counts = {}
                for _ in range(5):
                    for name, sql, param in (
                            ("grams", "SELECT count(*) FROM grams WHERE v @@ %s::tsquery", phrase),
                            ("trgm", "SELECT count(*) FROM trgm WHERE t LIKE %s",
                             "%" + folded.replace("%", "\\%").replace("_", "\\_") + "%")):
                        t = time.perf_counter()
                        counts[name] = conn.execute(sql, (param,)).fetchone()[0]
                        runs[name].append((time.perf_counter() - t) * 1000)
                med = {k: statistics.median(v) for k, v in runs.items()}
                worst = {k: max(v, med[k]) for k, v in worst.items()}
                print(f"{q:<12} {literal:>7} {counts['grams']:>7} {med['grams']:>7.1f}"
                      f" {counts['trgm']:>7} {med['trgm']:>7.1f}")
            print(f"slowest median ms: grams {worst['grams']:.1f}, trgm {worst['trgm']:.1f}")
    finally:
        if cluster is not None:
            cluster.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
