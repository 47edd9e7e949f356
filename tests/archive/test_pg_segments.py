"""The server's search index (schema versions 3-4): the gram index's segments stored in
PostgreSQL (archive/pg/segments_store.py). A version 2 archive (``tsvector`` rows) and a
version 3 one (segments without next-character groups) are upgraded when opened and
answer as before; segments merge in the database; an entry
removed by any statement stops matching; a client holding a view that a merge replaced
searches again; two clients' index writes both land.
"""

from __future__ import annotations

import psycopg

from archive.library import Edit
from archive.opening import open_library
from archive.pg import schema
from archive.pg.schema import SCHEMA_VERSION

QUERIES = ["汽车", "长春", '"汽车产业"', "company:一汽", "year:2021..2023", ""]

_BACK_TO_V2 = """
DROP TABLE search_docs, search_deleted, search_chunks, search_segments, search_state CASCADE;
DROP FUNCTION archive_search_docs_gone();
DELETE FROM schema_version WHERE version >= 3;
"""
# What version 3 stored: segments without the next-character groups (index schema 7)
_BACK_TO_V3 = """
DELETE FROM search_chunks WHERE attr IN ('gnext', 'gpos');
UPDATE search_segments SET meta = meta #- '{arrays,gnext}' #- '{arrays,gpos}';
DELETE FROM schema_version WHERE version = 4;
"""


def _answers(lib) -> list:
    out = []
    for q in QUERIES:
        page = lib.search(q, limit=50)
        out.append((q, page.total, page.ids, page.facets["year"], page.facets["company"],
                    page.facets["topic"]))
    return out


def test_a_version_2_archive_is_upgraded_on_open_and_answers_the_same(pg_cluster, sample_dir):
    url = pg_cluster.create_database("segments_upgrade")
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        before = _answers(lib)
    with psycopg.connect(url, autocommit=True) as conn:  # back to what version 2 made
        conn.execute(_BACK_TO_V2)
        conn.execute(schema._TABLES)
        conn.execute(schema._SEARCH_COLUMNS)
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 2
    with open_library(url) as lib:  # a writer's open indexes the stored texts again
        assert _answers(lib) == before
        assert lib.check_index()["ok"]
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] \
            == SCHEMA_VERSION == 4
        assert conn.execute("SELECT to_regclass('search_parts')").fetchone() == (None,)


def test_a_version_3_archive_is_indexed_again_with_groups_and_answers_the_same(
        pg_cluster, sample_dir):
    url = pg_cluster.create_database("segments_upgrade_v3")
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        before = _answers(lib)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_BACK_TO_V3)
    with open_library(url) as lib:
        assert _answers(lib) == before
        assert lib.check_index()["ok"]
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM search_chunks WHERE attr = 'gpos'"
                            ).fetchone()[0] > 0


def _segments(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM search_segments").fetchone()[0]


def test_segments_merge_and_a_stale_view_searches_again(pg_cluster, sample_dir):
    url = pg_cluster.create_database("segments_merge")
    with open_library(url) as lib, open_library(url) as other:
        lib.ingest([sample_dir])
        before = _answers(lib)
        ids = lib.search("", limit=50).ids
        assert _answers(other) == before  # ``other`` now holds a view of these segments
        for _ in range(8):  # each reindex writes new segments: eight of a size get merged
            lib.reindex()
        assert _segments(url) < 8
        assert _answers(other) == before  # its old segments were merged away
        lib._index.optimize()
        assert _segments(url) == 1
        assert _answers(other) == before == _answers(lib)
        assert sorted(lib.search("", limit=50).ids) == sorted(ids)


def test_an_entry_removed_by_any_statement_stops_matching(pg_cluster, sample_dir):
    url = pg_cluster.create_database("segments_removed")
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        aid = lib.search('"逆势扬帆求跨越"').hits[0].id
        total = lib.search("", limit=0).total
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DELETE FROM search_docs WHERE article_id = %s", (aid,))
        assert lib.search('"逆势扬帆求跨越"').total == 0
        assert lib.search("", limit=0).total == total - 1
        assert lib.needs_reconcile()
        lib.reconcile()
        assert lib.search('"逆势扬帆求跨越"').hits[0].id == aid


def test_facets_follow_library_edits(pg_cluster, sample_dir):
    url = pg_cluster.create_database("segments_facets")
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        aid = lib.search('"逆势扬帆求跨越"').hits[0].id
        lib.edit(aid, Edit(date="2011-03-04", add_topics=["人才"]))
        facets = lib.search("", limit=0).facets
        assert facets["year"]["2011"] == 1
        assert aid in lib.search("", years=["2011"], limit=50).ids
        assert aid in lib.search("topic:人才", limit=50).ids


def test_two_clients_index_writes_both_land(pg_cluster, sample_dir, tmp_path):
    import shutil
    import threading

    url = pg_cluster.create_database("segments_two")
    files = sorted(sample_dir.iterdir())
    halves = [tmp_path / "a", tmp_path / "b"]
    for i, folder in enumerate(halves):
        folder.mkdir()
        for f in files[i::2]:
            shutil.copy(f, folder / f.name)
    libs = [open_library(url), open_library(url)]
    try:
        threads = [threading.Thread(target=lib.ingest, args=([folder],))
                   for lib, folder in zip(libs, halves, strict=True)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert libs[0].search("", limit=0).total == libs[1].search("", limit=0).total == 5
        assert libs[0].check_index()["ok"]
    finally:
        for lib in libs:
            lib.close()


def test_people_of_an_upgraded_archive_search_and_edit(pg_cluster, sample_dir):
    from archive.pg import roles

    name = "segments_rights"
    url = pg_cluster.create_database(name)
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        before = _answers(lib)
    urls = {}
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_BACK_TO_V2)
        conn.execute(schema._TABLES)
        conn.execute(schema._SEARCH_COLUMNS)
        roles.setup(conn)
        for level in ("reader", "editor"):
            person = f"{name}_{level}_person"
            pg_cluster.require_password(person, "x")
            roles.grant(conn, person, level, create=True, password="pw of " + person)
            urls[level] = pg_cluster.url(user=person, dbname=name, password="pw of " + person)
    with open_library(url) as lib:  # the superuser upgrades it and indexes the texts again
        assert _answers(lib) == before
    with open_library(urls["reader"]) as reader:
        assert _answers(reader) == before
    with open_library(urls["editor"]) as editor:
        aid = editor.search('"逆势扬帆求跨越"').hits[0].id
        editor.edit(aid, Edit(date="2011-03-04"))
        assert aid in editor.search("", years=["2011"], limit=50).ids


def test_a_view_whose_segments_were_merged_away_is_read_again(pg_cluster, sample_dir):
    import pytest

    from archive.pg.segments_store import Stale
    from index.grams import query_grams
    from index.phrasecache import phrases

    url = pg_cluster.create_database("segments_stale")
    with open_library(url) as lib, open_library(url) as other:
        files = sorted(sample_dir.iterdir())
        lib.ingest(files[:2])
        lib.ingest(files[2:])  # two segments
        assert _segments(url) == 2
        expected = other.search('"汽车产业"', limit=50).ids
        assert expected
        search = other._index
        old = search.grams.snapshot()
        lib._index.optimize()  # one segment: the old ones and their chunks are gone
        search.grams.close()  # nothing read is kept: the next search reads the server
        phrases.clear()
        assert _segments(url) == 1
        grams = {g: True for g in query_grams("汽车产业")}
        with pytest.raises(Stale):
            search.grams.prefetch(old, grams)
        search.grams._snapshot = old  # as if the merge came between the check and the read
        search.grams._stamp = search.grams.stamp()
        assert other.search('"汽车产业"', limit=50).ids == expected


def test_more_like_this_weighs_words_by_rarity_as_the_local_archive(pg_cluster, sample_dir,
                                                                    tmp_path):
    from archive.library import Library

    local = Library(tmp_path / "local")
    server = open_library(pg_cluster.create_database("segments_more_like"))
    try:
        for lib in (local, server):
            lib.ingest([sample_dir])

        def similar(lib) -> dict[str, list[str]]:
            out = {}
            for hit in lib.search("", limit=50).hits:
                title = lib.get(hit.id).title
                out[title] = [a.title for a in lib.more_like_this(hit.id, limit=4)]
            return out

        expected = similar(local)
        assert any(expected.values())
        assert similar(server) == expected
    finally:
        local.close()
        server.close()


def _strip_lead_lists(url: str) -> None:
    """Make the stored segments what they were before lead lists: no lead arrays in their
    heads, their meta or their chunks."""
    import io

    import numpy as np

    with psycopg.connect(url, autocommit=True) as conn:
        for name, head in conn.execute("SELECT name, head FROM search_segments").fetchall():
            data = np.load(io.BytesIO(bytes(head)))
            buf = io.BytesIO()
            np.savez(buf, **{k: data[k] for k in data.files if k not in ("lterms", "ldoffsets")})
            conn.execute("UPDATE search_segments SET head = %s,"
                         " meta = meta #- '{arrays,ldocs}' #- '{arrays,ltf}' #- '{arrays,lttf}'"
                         " WHERE name = %s", (buf.getvalue(), name))
        conn.execute("DELETE FROM search_chunks WHERE attr IN ('ldocs', 'ltf', 'lttf')")


def test_segments_stored_before_lead_lists_answer_the_same_and_merge_into_them(
        pg_cluster, sample_dir):
    """A query of one character is answered from a lead list where the segment has one,
    from the lists of its pairs where it was stored before them; a merge adds them."""
    from index.phrasecache import phrases

    url = pg_cluster.create_database("segments_leads")
    queries = ["的", "车", "汽车", '"汽车产业"']
    with open_library(url) as lib:
        files = sorted(sample_dir.iterdir())
        lib.ingest(files[:2])
        lib.ingest(files[2:])
        want = [(q, lib.search(q, limit=50).ids, lib.search(q, limit=0).facets["year"])
                for q in queries]
        assert all(ids for _, ids, _ in want)
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM search_chunks WHERE attr = 'ldocs'"
                            ).fetchone()[0] == 2
    _strip_lead_lists(url)
    phrases.clear()  # answers kept by segment name: these must be read again
    with open_library(url) as lib:
        assert not any(len(s.lterms) for s in lib._index.grams.snapshot().segments)
        assert [(q, lib.search(q, limit=50).ids, lib.search(q, limit=0).facets["year"])
                for q in queries] == want
        lib._index.optimize()
        assert all(len(s.lterms) for s in lib._index.grams.snapshot().segments)
        assert [(q, lib.search(q, limit=50).ids, lib.search(q, limit=0).facets["year"])
                for q in queries] == want
