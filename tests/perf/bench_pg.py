"""Benchmark of a server archive: ``./run.sh bench --backend postgres --articles N``.

It starts a throwaway PostgreSQL cluster (tests/pg_cluster.py) with durable settings
(fsync, synchronous_commit and full_page_writes on; the test fixture turns them off), or
uses ``--pg-url URL`` (an empty database; with ``--skip-ingest``, one a run already
filled), ingests N generated articles from one client
through the Library, then runs the bench's query set from a fresh process (first page
with facet counts and snippets, as the app asks) and reports median and p95. With
``--clients 2`` two clients then each ingest N/50 new articles at the same time, 20
files an import, each client its own process, to show how ingest shares the archive
(``python tests/perf/bench_pg.py two-clients URL N [CHUNK]`` runs only that part on a
database already filled; ``... ingest URL N`` one client's import of N new articles, with
its CPU and the server's per article).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on",
           "shared_buffers": "512MB", "work_mem": "32MB", "effective_cache_size": "4GB",
           "max_wal_size": "4GB"}


def start_server():
    """A throwaway cluster with durable settings, and its URL for a new database."""
    sys.path.insert(0, str(ROOT))
    from tests.pg_cluster import start_cluster

    cluster = start_cluster()
    for key, value in DURABLE.items():
        cluster.psql(f"ALTER SYSTEM SET {key} = '{value}'")
    cluster.stop()
    cluster.start()
    return cluster, cluster.create_database("bench")


def server_cpu(url: str) -> float | None:
    """CPU seconds the server's processes have used so far (the postmaster's reaped
    children and the live ones), when the server runs on this machine; else None."""
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("SHOW data_directory").fetchone()
        pid = int((Path(row[0]) / "postmaster.pid").read_text().split()[0]) if row else 0
        tick = os.sysconf("SC_CLK_TCK")

        def fields(p: int) -> list[str]:
            return Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()

        own = fields(pid)
        total = sum(int(x) for x in own[11:15])  # utime stime cutime cstime
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            try:
                total += sum(int(x) for x in fields(int(child))[11:13])
            except OSError:
                continue  # it ended meanwhile (its time moved to the postmaster's)
        return total / tick
    except (OSError, ValueError, IndexError, psycopg.Error):
        return None


def cpu_figures(prefix: str, url: str, server_before: float | None, client: float,
                wall: float) -> dict:
    """CPU seconds of the client and the server beside the wall time, and the load."""
    after = server_cpu(url)
    out = {f"{prefix}_wall_s": round(wall, 1), f"{prefix}_client_cpu_s": round(client, 1),
           f"{prefix}_load_avg": round(os.getloadavg()[0], 1)}
    if after is not None and server_before is not None:
        out[f"{prefix}_server_cpu_s"] = round(after - server_before, 1)
    return out


def ingest(url: str, inputs: list[Path]) -> dict:
    from archive.opening import open_library

    server0 = server_cpu(url)
    t, cpu = time.perf_counter(), _own_cpu()
    with open_library(url) as lib:
        report = lib.ingest(inputs)
    seconds = time.perf_counter() - t
    stored = len(report.added) + len(report.versions)
    return {"articles": len(report.added), "versions": len(report.versions),
            "failed": len(report.failed), "ingest_seconds": round(seconds, 1),
            "ingest_rate": round(stored / seconds, 1),
            **cpu_figures("ingest", url, server0, _own_cpu() - cpu, seconds)}


def _own_cpu() -> float:
    """CPU seconds of this process and its reaped children (the ingest's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def search(url: str) -> dict:
    """Latencies from a fresh client process (``bench.QUERIES``, ``bench.REPEAT`` rounds),
    with the CPU seconds of that client and of the server beside the wall time."""
    code = f"""
import json, statistics, sys, time
sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(HERE)!r})
t0 = time.perf_counter()
from archive.opening import open_library
lib = open_library({url!r})
lib.search("", limit=50)
start = time.perf_counter() - t0
from bench import QUERIES, REPEAT, as_when_idle, percentile, peak_rss_mb
as_when_idle(lib)
per = {{q: [] for q in QUERIES}}
every = []
wall, cpu = time.perf_counter(), time.process_time()
for _ in range(REPEAT):
    for q in QUERIES:
        t = time.perf_counter()
        lib.search(q, limit=20)
        ms = (time.perf_counter() - t) * 1000
        per[q].append(ms)
        every.append(ms)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({{
    "search_rounds_wall_s": round(wall, 1), "search_rounds_client_cpu_s": round(cpu, 1),
    "start_seconds": round(start, 2),
    "query_median_ms": round(statistics.median(every), 1),
    "query_p95_ms": round(percentile(every, 0.95), 1),
    "query_max_ms": round(max(every), 1),
    "slowest": sorted(((round(statistics.median(v), 1), q) for q, v in per.items()))[-3:],
    "totals": {{q: lib.search(q, limit=0).total for q in QUERIES}},
    "search_peak_rss_mb": peak_rss_mb(),
}}, ensure_ascii=False))
"""
    server0 = server_cpu(url)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    after = server_cpu(url)
    if server0 is not None and after is not None:  # (includes the totals' extra searches)
        figures["search_server_cpu_s"] = round(after - server0, 1)
    figures["search_load_avg"] = round(os.getloadavg()[0], 1)
    return figures


CHUNK = 20  # files a client imports at a time


def client_import(url: str, folder: Path, chunk: int = CHUNK) -> dict:
    """One client (this process) importing ``folder``'s files, ``chunk`` files an import:
    articles stored, wall seconds, its CPU seconds (with any extraction workers)."""
    from archive.opening import open_library

    files = sorted(folder.glob("*.txt"))
    t, cpu = time.perf_counter(), _own_cpu()
    stored = duplicates = 0
    with open_library(url) as lib:
        for start in range(0, len(files), chunk):
            report = lib.ingest(files[start:start + chunk])
            stored += len(report.added) + len(report.versions)
            duplicates += len(report.duplicates)
            if report.error or report.failed:
                raise SystemExit(f"import failed: {report.error or report.failed[0]}")
    seconds = time.perf_counter() - t
    return {"articles": stored, "duplicates": duplicates, "seconds": round(seconds, 2),
            "rate": round(stored / seconds, 1), "cpu_s": round(_own_cpu() - cpu, 1)}


def two_clients(url: str, tmp: Path, n: int, chunk: int = CHUNK) -> dict:
    """Two clients, each its own process as two desktops would be, each importing ``n``
    new articles at the same time, ``chunk`` files an import: each one's rate, the
    combined rate (all articles over the wall time of both), the clients' and the server's
    CPU seconds and the load average."""
    from corpus import write_corpus

    seed = int(time.time())
    folders = [write_corpus(tmp / f"client{i}-{seed}", n, seed=seed + i) for i in range(2)]
    server0 = server_cpu(url)
    t = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, str(Path(__file__)), "client", url,
                               str(folder), str(chunk)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True) for folder in folders]
    results = []
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"a client failed (exit {proc.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - t
    stored = sum(r["articles"] for r in results)
    figures = {"two_clients_rates": [r["rate"] for r in results],
               "two_clients_combined_rate": round(stored / wall, 1),
               "two_clients_chunk": chunk}
    figures.update(cpu_figures("two_clients", url, server0,
                               sum(r["cpu_s"] for r in results), wall))
    return figures


def database_mb(url: str) -> float:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return round(row[0] / 1e6, 1) if row else 0.0


def run(args, tmp: Path, inputs: list[Path]) -> dict:
    """The whole server bench; returns its figures."""
    cluster = None
    url = args.pg_url
    if not url:
        cluster, url = start_server()
    try:
        figures: dict = {"backend": "postgres"}
        if not args.skip_ingest:
            figures.update(ingest(url, inputs))
            print(f"ingest: {figures['ingest_rate']} articles/s", flush=True)
        figures["database_mb"] = database_mb(url)
        figures.update(search(url))
        print(json.dumps(figures, ensure_ascii=False), flush=True)  # what is measured so far
        if args.clients >= 2:
            figures.update(two_clients(url, tmp, max(50, args.articles // 50)))
        figures.pop("totals", None)
        return figures
    finally:
        if cluster is not None:
            cluster.remove()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


if __name__ == "__main__":  # one client of ``two_clients``: client URL FOLDER CHUNK
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(HERE))
    if len(sys.argv) == 5 and sys.argv[1] == "client":
        print(json.dumps(client_import(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))))
    elif len(sys.argv) == 4 and sys.argv[1] == "ingest":
        # ingest URL N: one client importing N new articles in one import (extraction
        # workers from 400 files), its CPU and the server's per article
        import tempfile

        from corpus import write_corpus

        with tempfile.TemporaryDirectory() as folder:
            files = sorted(write_corpus(Path(folder), int(sys.argv[3]),
                                        seed=int(time.time())).glob("*.txt"))
            out = ingest(sys.argv[2], files)
        stored = out["articles"] + out["versions"]
        out["client_ms_per_article"] = round(1000 * out["ingest_client_cpu_s"] / stored, 2)
        if "ingest_server_cpu_s" in out:
            out["server_ms_per_article"] = round(1000 * out["ingest_server_cpu_s"] / stored, 2)
        print(json.dumps(out))
    elif len(sys.argv) >= 3 and sys.argv[1] == "two-clients":
        # two-clients URL N [CHUNK]: only the two-client part, on a database already filled
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(two_clients(sys.argv[2], Path(folder), int(sys.argv[3]),
                                         int(sys.argv[4]) if len(sys.argv) > 4 else CHUNK)))
    else:
        raise SystemExit("usage: bench_pg.py client URL FOLDER CHUNK"
                         " | two-clients URL N [CHUNK] | ingest URL N")
