"""The test cluster itself: a database can be made, written, and streamed to a replica."""

from __future__ import annotations

import time

import psycopg


def test_a_write_on_the_primary_is_read_on_its_replica(pg_cluster):
    url = pg_cluster.create_database("smoke")
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE t (x int)")
        conn.execute("INSERT INTO t VALUES (1)")
    replica = pg_cluster.make_replica()
    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(replica.url(dbname="smoke")) as conn:
                assert conn.execute("SELECT pg_is_in_recovery()").fetchone()[0] is True
                assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
                break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
