"""Relevance on real documentation: precision@3 and nDCG@10 over a judged query set.

Ingests ``tests/data/relevance_docs`` (36 man pages of manpages-zh, as text) into a fresh
archive through the Library and runs each query of ``judgements.json``.

    python tests/perf/relevance.py [--docs DIR] [--json]

To measure another checkout's engine on the same set, run this file with that checkout
first on the path: ``PYTHONPATH=/path/to/checkout python tests/perf/relevance.py``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "data" / "relevance_docs"


def precision_at(ranked: list[str], judged: dict[str, int], k: int = 3) -> float:
    """Share of the first ``k`` results judged relevant (any grade)."""
    return sum(1 for name in ranked[:k] if judged.get(name, 0) > 0) / k


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain at ``k`` with gains 2^grade - 1."""
    dcg = sum((2 ** judged.get(n, 0) - 1) / math.log2(i + 2) for i, n in enumerate(ranked[:k]))
    ideal = sorted(judged.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def evaluate(docs: Path = DOCS) -> dict:
    """Per-query and mean precision@3 and nDCG@10 (a fresh archive in a temporary folder)."""
    from archive.library import Library

    judgements = {q: j for q, j in json.loads((docs / "judgements.json").read_text("utf-8"))
                  .items() if not q.startswith("_")}
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "archive")
        try:
            report = lib.ingest(sorted(docs.glob("*.txt")))
            names = {aid: lib.get(aid).source_name for aid in report.added}
            rows = {}
            for query, judged in judgements.items():
                result = lib.search(query, limit=10)
                ranked = [names.get(h.id, "") for h in result.hits]
                rows[query] = {"p@3": precision_at(ranked, judged),
                               "ndcg@10": ndcg_at(ranked, judged), "top3": ranked[:3]}
        finally:
            lib.close()
    n = max(len(rows), 1)
    return {
        "queries": len(rows), "documents": len(names),
        "mean_p@3": sum(r["p@3"] for r in rows.values()) / n,
        "mean_ndcg@10": sum(r["ndcg@10"] for r in rows.values()) / n,
        # precision@3 cannot reach 1 when a query has fewer than three relevant pages
        "best_p@3": sum(min(3, sum(g > 0 for g in judgements[q].values())) / 3
                        for q in rows) / n,
        "per_query": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DOCS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    out = evaluate(args.docs)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for query, row in out["per_query"].items():
        print(f"{query:<10} p@3 {row['p@3']:.2f}  nDCG@10 {row['ndcg@10']:.2f}  "
              f"{' '.join(row['top3'])}")
    print(f"{out['queries']} queries over {out['documents']} documents: mean precision@3 "
          f"{out['mean_p@3']:.3f} (at best {out['best_p@3']:.3f}), mean nDCG@10 "
          f"{out['mean_ndcg@10']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
