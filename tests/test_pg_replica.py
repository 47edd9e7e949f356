"""``--read-replica``: searches and reading are served by a streaming replica, writes go
to the primary, an edit is read back at once (read-your-writes), and a replica that goes
away leaves the archive working on the primary alone."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from archive.library import Edit
from archive.opening import open_library
from archive.pg import open_pg_backends

pytestmark = pytest.mark.slow
_SERIAL = itertools.count(1)


def _wait_for(url: str, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while True:
        try:
            with psycopg.connect(url) as conn:
                if conn.execute("SELECT to_regclass('articles') IS NOT NULL").fetchone()[0]:
                    return
        except psycopg.OperationalError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"the replica never had {url}")
        time.sleep(0.2)


@pytest.fixture
def primary_and_replica(pg_cluster, sample_dir):
    name = f"replicated_{next(_SERIAL)}"
    url = pg_cluster.create_database(name)
    with open_library(url, recover=False) as lib:
        assert len(lib.ingest([sample_dir]).added) == 5
    replica = pg_cluster.make_replica()
    replica_url = replica.url(dbname=name)
    _wait_for(replica_url)
    yield url, replica, replica_url
    replica.stop()


def test_reads_go_to_the_replica_and_writes_to_the_primary(primary_and_replica, tmp_path):
    url, _replica, replica_url = primary_and_replica
    with open_library(url, recover=False, read_replica=replica_url) as lib:
        router = lib._store.replica_router
        standby = router.replica.raw.execute("SELECT pg_is_in_recovery()").fetchone()[0]
        assert standby is True  # it really is a hot standby: it cannot take a write
        before = dict(router.reads)
        result = lib.search("汽车")
        assert result.total == 5 and result.hits[0].snippet is not None
        assert result.facets["year"]
        assert router.reads["replica"] > before["replica"]
        assert router.reads["primary"] == before["primary"]  # no read needed the primary

        aid = result.hits[0].id
        edited = lib.edit(aid, Edit(title="主库上改的标题"))  # a standby would refuse this
        assert edited.title == "主库上改的标题"
        served = router.reads["replica"]
        assert lib.get(aid).title == "主库上改的标题"  # read back at once...
        assert router.reads["replica"] > served  # ...from the replica, once caught up

        (tmp_path / "n.txt").write_text("副本测试\n\n2025年3月1日，长春发布汽车产业新政。\n",
                                        encoding="utf-8")
        added = lib.ingest([tmp_path / "n.txt"]).added
        assert len(added) == 1 and lib.search("新政").total == 1
    with psycopg.connect(replica_url) as conn:
        assert conn.execute("SELECT title FROM articles WHERE id = %s", (aid,)
                            ).fetchone()[0] == "主库上改的标题"


def test_a_replica_that_goes_away_leaves_reads_on_the_primary(primary_and_replica):
    url, replica, replica_url = primary_and_replica
    with open_library(url, recover=False, read_replica=replica_url) as lib:
        assert lib.search("汽车").total == 5
        replica.stop()
        assert lib.search("汽车").total == 5  # answered by the primary
        assert lib.get(lib.search("汽车").hits[0].id) is not None


def test_the_backend_factory_passes_the_replica_on(primary_and_replica):
    url, _replica, replica_url = primary_and_replica
    backends = open_pg_backends(url, read_replica=replica_url)
    try:
        store = backends.repository
        assert type(store.conn).__name__ == "RoutedConnection"
        assert backends.search.conn is store.conn and backends.originals.conn is store.conn
    finally:
        backends.close()


def test_the_command_line_reads_from_the_replica(primary_and_replica):
    root = Path(__file__).resolve().parent.parent
    url, _replica, replica_url = primary_and_replica

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(root / "main.py"), *args, "--archive", url,
                               "--read-replica", replica_url], check=False,
                              capture_output=True, text=True, cwd=root, timeout=120)

    found = cli("search", "汽车", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert len(hits) == 5
    edited = cli("edit", str(hits[0]["id"]), "--title", "命令行改的标题", "--json")
    assert edited.returncode == 0, edited.stderr
    shown = json.loads(cli("show", str(hits[0]["id"]), "--json").stdout)
    assert shown["title"] == "命令行改的标题"
