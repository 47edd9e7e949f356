"""Helpers for tests that run the command line in other processes, stop, kill and watch
them, and check that SQLite and the index agree on every article."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8,}")


def env(**extra: str) -> dict:
    out = {k: v for k, v in os.environ.items()
           if k not in ("NEWS_ARCHIVE_PAUSE_AT", "NEWS_ARCHIVE_KILL_AT")}
    out["PYTHONPATH"] = str(ROOT)
    out.update(extra)
    return out


def cli(archive: Path, *args: str, timeout: float = 180, **extra: str):
    """Run ``main.py`` with ``args`` on ``archive`` to its end."""
    return subprocess.run([PY, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                          check=False, capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT,
                          env=env(**extra))


def start_cli(archive: Path, *args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([PY, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=env(**extra))


def start_script(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([PY, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env())


def proc_state(pid: int) -> str | None:
    """The state letter of a process (R, S, T, Z ...), None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2]


def alive(pid: int) -> bool:
    return proc_state(pid) not in (None, "Z", "X")


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid``."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return {p for p in out if alive(p)}


def wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def kill_all(procs) -> None:
    for p in procs:
        if p.poll() is None:
            try:
                os.kill(p.pid, signal.SIGCONT)
                p.kill()
            except ProcessLookupError:
                pass
            p.wait(timeout=30)


def integrity_ok(archive: Path) -> bool:
    import sqlite3

    conn = sqlite3.connect(archive / "archive.sqlite")
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def assert_index_agrees(lib, titles: bool = True, texts: bool = True,
                        companies: bool = True) -> int:
    """SQLite and the index agree: the index check passes, and every article is found by
    its title, by a run of its text and under each of its companies. Returns the count."""
    report = lib.check_index()
    assert report["ok"], report["problems"]
    ids = lib._store.article_ids()
    articles = lib.get_many(ids, with_text=True)
    by_company: dict[str, set[int]] = {}
    for aid, a in articles.items():
        if titles:
            assert aid in lib.search(f'title:"{a.title}"', limit=5).ids, (aid, a.title)
        if texts:
            runs = _CJK_RUN.findall(a.text)
            if runs:
                run = runs[len(runs) // 2][:12]
                assert aid in lib.search(f'"{run}"', limit=5).ids, (aid, run)
        for c in a.companies:
            by_company.setdefault(c, set()).add(aid)
    if companies:
        indexed = set(lib.facets("").get("company", {}))
        for c in set(by_company) | indexed:
            got = set(lib.search("", companies=[c], limit=1).ids)
            assert got == by_company.get(c, set()), c
    return len(articles)


def last_json(text: str) -> dict:
    return json.loads(text.strip().splitlines()[-1])


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """``n`` generated articles (tests/perf/corpus.py) as text files in ``folder``."""
    perf = str(ROOT / "tests" / "perf")
    if perf not in sys.path:
        sys.path.insert(0, perf)
    from corpus import write_corpus as write

    return write(folder, n, seed)
