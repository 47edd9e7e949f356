"""The test cluster itself: a database can be made, written, and streamed to a replica."""

import psycopg
def test_cluster(pg_cluster):
    url = pg_cluster.create_database("smoke")
    with psycopg.connect(url) as conn:
        conn.execute("create table t(x int)"); conn.execute("insert into t values (1)"); conn.commit()
    r = pg_cluster.make_replica()
    import time
    for _ in range(50):
        try:
            with psycopg.connect(r.url(dbname="smoke")) as c:
                assert c.execute("select count(*) from t").fetchone()[0] == 1
                assert c.execute("select pg_is_in_recovery()").fetchone()[0]
                break
        except psycopg.OperationalError:
            time.sleep(0.2)
