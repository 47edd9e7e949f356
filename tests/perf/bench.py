"""Benchmark: ingest, search latency, start time and memory at N generated articles.

Run with ``./run.sh bench --articles 10000`` (not part of the test suite). It generates N
articles from the sample corpus (fixed seed), ingests them end to end through the Library
(read, extract, store, index), runs a fixed query set, and prints the figures next to the
same queries side by side with SQLite FTS5 (trigram) and tantivy (CJK bigrams) in one
process, interleaved per query, with the same meaning and a literal count (``compare.py``).
``--books PCT`` adds that percentage of book-length documents.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

QUERIES = [
    "汽车", "长春", "新能源汽车", "智能网联", "中德汽车大会", "一汽 红旗", '"汽车产业"',
    "招商 项目", "长春汽开区 人才", "电池 OR 芯片", "营商环境", "汽开", "红旗 -解放",
    "高质量发展", "零部件 企业", "title:长春", "company:一汽", "year:2020..2023 汽车",
]
REPEAT = 5


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def peak_rss_mb() -> int:
    """This process's peak resident memory (VmHWM: not inherited across exec, unlike maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q * (len(values) - 1))))
    return values[k]


def as_when_idle(lib) -> None:
    """What the app has done by the time a person types a query: the word segmenter is
    loaded (the app asks for it once its first page is shown, ``prepare_word_search``).
    A one-shot command-line search that falls back to words pays for it (0.15-0.5 s)."""
    from index.analysis import segment

    segment("预热")


def timed_queries(run) -> list[float]:
    times = []
    for _ in range(REPEAT):
        for q in QUERIES:
            t = time.perf_counter()
            run(q)
            times.append((time.perf_counter() - t) * 1000)
    return times


def bench_ingest(corpus: Path | list[Path], archive: Path) -> dict:
    from archive.library import Library

    t, before = time.perf_counter(), os.times()
    with Library(archive) as lib:
        report = lib.ingest(corpus if isinstance(corpus, list) else [corpus])
    seconds, after = time.perf_counter() - t, os.times()
    main_cpu = after.user + after.system - before.user - before.system
    worker_cpu = (after.children_user + after.children_system
                  - before.children_user - before.children_system)
    n = max(1, len(report.added) + len(report.versions))
    return {
        "articles": len(report.added), "failed": len(report.failed),
        "versions": len(report.versions), "ingest_seconds": round(seconds, 1),
        "ingest_rate": round(len(report.added) / seconds, 1),
        # CPU time holds up on a shared machine where wall time does not: the main process
        # (store, index) and the worker processes (read, extract) apart.
        "ingest_cpu_main_seconds": round(main_cpu, 1),
        "ingest_cpu_workers_seconds": round(worker_cpu, 1),
        "ingest_cpu_ms_per_article": round((main_cpu + worker_cpu) / n * 1000, 2),
        "ingest_main_cpu_ms_per_article": round(main_cpu / n * 1000, 2),
        "ingest_load_average": round(os.getloadavg()[0], 1),
        "ingest_peak_rss_mb": peak_rss_mb(),
        "ingest_worker_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def bench_search(archive: Path) -> dict:
    """Run in a fresh process: start time, latencies and the memory of a searching app."""
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(Path(__file__).parent)!r})
t0 = time.perf_counter()
from archive.library import open_library
lib = open_library({str(archive)!r})
first = lib.search("", limit=50)
start = time.perf_counter() - t0
start_cpu = time.process_time()
from bench import as_when_idle, timed_queries, percentile, peak_rss_mb
as_when_idle(lib)
import statistics
full = timed_queries(lambda q: lib.search(q, limit=20))
engine = lib._index._index if hasattr(lib, "_index") else lib.index  # the SearchIndex
bare = timed_queries(lambda q: engine.search(q, limit=20, facets=False, resolve=lib.resolve))
totals = {{q: lib.search(q, limit=0).total for q in __import__("bench").QUERIES}}
print(json.dumps({{
    "start_seconds": round(start, 2), "start_cpu_seconds": round(start_cpu, 2),
    "query_median_ms": round(statistics.median(full), 1), "query_p95_ms": round(percentile(full, 0.95), 1),
    "query_nofacets_median_ms": round(statistics.median(bare), 1),
    "query_nofacets_p95_ms": round(percentile(bare, 0.95), 1),
    "search_peak_rss_mb": peak_rss_mb(),
    "totals": totals,
}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_window_start(archive: Path) -> dict:
    """Seconds from a fresh process to the main window shown with its first results (wall
    and the process's CPU time), the project's modules compiled to bytecode first as an
    installed program's are (``PYTHONDONTWRITEBYTECODE``, set on some CI machines, would
    otherwise make every start compile them again: 0.2 s)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    *(str(ROOT / package) for package in ("archive", "index", "app"))],
                   env=env, check=True, capture_output=True)
    code = f"""
import os, sys, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from archive.library import Library
from app.gui.launch import start_window
lib = Library({str(archive)!r})
win = start_window(lib, import_samples=False)
win.show()
while win.results_model.rowCount() == 0 and time.perf_counter() - t0 < 60:
    app.processEvents()
print(round(time.perf_counter() - t0, 2), round(time.process_time(), 2))
win.runner.wait()
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return {"window_start_seconds": float(wall), "window_start_cpu_seconds": float(cpu)}


def bench_incremental(archive: Path, tmp: Path, n: int) -> float:
    from corpus import write_corpus

    from archive.library import Library

    seed = int(time.time())  # new articles on every run, also on a kept archive
    extra = write_corpus(tmp / f"extra-{seed}", n, seed=seed)
    with Library(archive) as lib:
        t = time.perf_counter()
        report = lib.ingest([extra])
        seconds = time.perf_counter() - t
    # Generated articles share paragraphs, so some come out as near-duplicate versions.
    assert len(report.added) + len(report.versions) == n, report.failed[:3]
    return round(seconds, 2)


def write_books(folder: Path, count: int, seed: int = 7) -> Path:
    """``count`` book-length documents (300-600 k characters each): many generated articles
    run together under one title, as a book read from one PDF or TXT would be."""
    import random

    from corpus import write_corpus

    rnd = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    parts = write_corpus(folder / "parts", 120 * count, seed=seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(parts.glob("*.txt"))]
    shutil.rmtree(parts)
    for b in range(count):
        target, chunks, size = rnd.randint(300_000, 600_000), [f"长篇资料汇编 第{b + 1}卷"], 0
        while size < target:
            chunk = rnd.choice(texts)
            chunks.append(chunk)
            size += len(chunk)
        (folder / f"book-{b:04d}.txt").write_text("\n\n".join(chunks), encoding="utf-8")
    return folder


def bench_compare(archive: Path, tmp: Path) -> dict:
    """Ours, FTS5 and tantivy side by side in a fresh process (``compare.py``)."""
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(Path(__file__).parent)!r})
from pathlib import Path
from bench import QUERIES, peak_rss_mb
from compare import EXTRA_QUERIES, compare
out = compare(Path({str(archive)!r}), Path({str(tmp)!r}), QUERIES + EXTRA_QUERIES)
out["compare_peak_rss_mb"] = peak_rss_mb()
print(json.dumps(out, ensure_ascii=False))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


KWIC_QUERIES = ["汽车", "长春", "新能源汽车", "一汽 红旗", "营商环境", "芯片"]
TREND_TERMS = [["汽车", "芯片", "人才"], ["新能源汽车", "营商环境", "长春"]]


def bench_kwic_trend(archive: Path) -> dict:
    """Run in a fresh process: the first screen of keyword in context (the search, then
    rows for the first articles in result order, as the view shows them) and a 3-term
    trend per year and per month."""
    code = f"""
import json, statistics, sys, time
sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(Path(__file__).parent)!r})
from archive.library import open_library
from bench import KWIC_QUERIES, TREND_TERMS, REPEAT, percentile
lib = open_library({str(archive)!r})
lib.search("", limit=1)
def timed(run, items):
    times = []
    for _ in range(REPEAT):
        for item in items:
            t = time.perf_counter()
            run(item)
            times.append((time.perf_counter() - t) * 1000)
    return times
kwic = timed(lambda q: lib.kwic(q).more(min_rows=100), KWIC_QUERIES)
year = timed(lambda terms: lib.trend(terms), TREND_TERMS)
month = timed(lambda terms: lib.trend(terms, by="month"), TREND_TERMS)
print(json.dumps({{
    "kwic_first_screen_median_ms": round(statistics.median(kwic), 1),
    "kwic_first_screen_p95_ms": round(percentile(kwic, 0.95), 1),
    "trend3_year_p95_ms": round(percentile(year, 0.95), 1),
    "trend3_month_p95_ms": round(percentile(month, 0.95), 1),
}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="keep the corpus and archive in this folder")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--books", type=float, default=0.0, metavar="PCT",
                        help="add this percentage of book-length documents (300-600 k chars)")
    parser.add_argument("--no-compare", action="store_true",
                        help="skip the side-by-side run with FTS5 and tantivy")
    parser.add_argument("--backend", choices=("local", "postgres"), default="local",
                        help="postgres: a server archive on a throwaway cluster (bench_pg.py)")
    parser.add_argument("--pg-url", help="with --backend postgres: use this empty database")
    parser.add_argument("--clients", type=int, default=1,
                        help="with --backend postgres: 2 adds two clients ingesting at once")
    parser.add_argument("--skip-ingest", action="store_true",
                        help="with --keep: reuse the archive ingested by an earlier run")
    args = parser.parse_args()
    from corpus import write_corpus

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="newsbench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        corpus = tmp / "corpus"
        if not corpus.exists() or len(list(corpus.glob("*.txt"))) != args.articles:
            shutil.rmtree(corpus, ignore_errors=True)
            write_corpus(corpus, args.articles)
        books = round(args.articles * args.books / 100)
        if books:
            if len(list((tmp / "books").glob("*.txt"))) != books:
                write_books(tmp / "books", books)
            corpus = [corpus, tmp / "books"]
        mb = sum(folder_size(c) for c in (corpus if isinstance(corpus, list) else [corpus])) / 1e6
        archive = tmp / "archive"
        figures = {"n": args.articles, "books": books, "corpus_mb": round(mb, 1)}
        print(f"corpus: {args.articles} articles, {mb:.1f} MB", flush=True)
        if args.backend == "postgres":
            import bench_pg

            figures.update(bench_pg.run(args, tmp, corpus if isinstance(corpus, list)
                                        else [corpus]))
            width = max(len(k) for k in figures)
            for key, value in figures.items():
                print(f"{key:<{width}}  {value}")
            if args.out:
                args.out.write_text(json.dumps(figures, indent=1, ensure_ascii=False))
            return 0
        saved = tmp / "ingest.json"
        if args.skip_ingest and saved.exists() and archive.exists():
            figures.update(json.loads(saved.read_text()))
        else:
            shutil.rmtree(archive, ignore_errors=True)
            figures.update(bench_ingest(corpus, archive))
            saved.write_text(json.dumps(figures))
        print(f"ingest: {figures['ingest_rate']} articles/s", flush=True)
        figures["index_mb"] = round(folder_size(archive / "index") / 1e6, 1)
        figures["archive_mb"] = round(folder_size(archive) / 1e6, 1)
        figures.update(bench_search(archive))
        figures["search_load_average"] = round(os.getloadavg()[0], 1)
        print(json.dumps(figures), flush=True)  # keep what is measured so far
        figures.update(bench_window_start(archive))
        figures["window_load_average"] = round(os.getloadavg()[0], 1)
        figures["add_100_seconds"] = bench_incremental(archive, tmp, 100)
        print(json.dumps({k: figures[k] for k in ("window_start_seconds", "add_100_seconds")}),
              flush=True)
        if not args.no_compare:
            figures.update(bench_compare(archive, tmp))
        figures.pop("totals", None)
        figures.update(bench_kwic_trend(archive))
        width = max(len(k) for k in figures)
        for key, value in figures.items():
            print(f"{key:<{width}}  {value}")
        if args.out:
            args.out.write_text(json.dumps(figures, indent=1))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
