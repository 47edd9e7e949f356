"""Rights through the app's own code: a reader's Library reads everything but every write
stops with one clear line and changes nothing; even a client that skipped that check is
refused by the server. An editor's Library ingests, edits and empties the trash."""

from __future__ import annotations

import itertools

import psycopg
import pytest

from archive.access import ReadOnlyAccess
from archive.library import Edit
from archive.opening import open_library
from archive.pg import roles

_SERIAL = itertools.count(1)


@pytest.fixture
def server_archive(pg_cluster, sample_dir):
    """A server archive holding the sample articles, its roles set up, and one person of
    each level (URL per level)."""
    name = f"access_{next(_SERIAL)}"
    url = pg_cluster.create_database(name)
    with open_library(url, recover=False) as lib:
        assert len(lib.ingest([sample_dir]).added) == 5
    with psycopg.connect(url, autocommit=True) as conn:
        roles.setup(conn)
        for level in roles.LEVELS:
            roles.grant(conn, f"{name}_{level[0]}", level, create=True)
    return {level: pg_cluster.url(user=f"{name}_{level[0]}", dbname=name)
            for level in roles.LEVELS}


def test_a_reader_reads_but_cannot_write_through_the_library(server_archive, sample_dir,
                                                             tmp_path):
    with open_library(server_archive["reader"], recover=False) as lib:
        assert lib.access_level == "reader"
        result = lib.search("汽车")
        assert result.total == 5 and result.facets["year"]
        aid = result.hits[0].id
        before = lib.get(aid)
        assert lib.export([aid], "json", tmp_path / "out.json")
        attempts = [
            lambda: lib.edit(aid, Edit(title="reader was here")),
            lambda: lib.ingest([sample_dir]),
            lambda: lib.delete([aid]),
            lambda: lib.reindex(),
        ]
        for attempt in attempts:
            with pytest.raises(ReadOnlyAccess, match="read-only access .reader.") as err:
                attempt()
            assert "\n" not in str(err.value) and "_r " in str(err.value)
        after = lib.get(aid)
        assert (after.title, after.row_version) == (before.title, before.row_version)
        assert lib.search("").total == 5


def test_the_server_refuses_a_reader_whose_client_skips_the_check(server_archive):
    with open_library(server_archive["reader"], recover=False) as lib:
        aid = lib.search("汽车").hits[0].id
        lib._store.__dict__["access_level"] = "editor"  # a client that lies to itself
        with pytest.raises(Exception, match="permission denied"):
            lib.edit(aid, Edit(title="reader was here"))
    with open_library(server_archive["admin"], recover=False) as admin:
        assert admin.get(aid).title != "reader was here"


def test_an_editor_ingests_edits_and_empties_the_trash(server_archive, tmp_path):
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "new.txt").write_text("长春新闻\n\n2024年3月5日，长春市举行新能源汽车展览会，"
                                   "一汽集团展出新车型。\n", encoding="utf-8")
    with open_library(server_archive["editor"], recover=False) as lib:
        assert lib.access_level == "editor"
        added = lib.ingest([extra]).added
        assert len(added) == 1
        edited = lib.edit(added[0], Edit(title="编辑改的标题"))
        assert edited.title == "编辑改的标题"
        lib.delete(added)
        lib.empty_trash()
        assert lib.get(added[0]) is None
        assert lib.search("").total == 5
