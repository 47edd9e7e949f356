"""“Did you mean” on both backends: a typo found nowhere gets the archive's word one edit
away (Chinese and English), a correct word gets none, and the suggestions follow the
archive as articles come and go. On the server: the word tables are made and filled when
an archive from before them is opened by its owner, any level may read them, and a role
that may not make them gets no suggestion and one line saying why."""

from __future__ import annotations

import logging
from pathlib import Path

import psycopg
import pytest

from archive.opening import open_library
from archive.pg import roles

ENGLISH = """Government announces new electric vehicle subsidies

Beijing, March 3, 2024 — The government announced new subsidies for electric vehicle buyers
on Monday. The subsidies cover batteries, charging infrastructure and rural dealerships.
Officials said the government expects manufacturers to expand production.
"""


def _english(tmp_path: Path) -> Path:
    path = tmp_path / "subsidies.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    return path


@pytest.fixture
def archive(any_library, tmp_path):
    """The five sample articles and one English article, on the test's backend."""
    report = any_library.ingest([_english(tmp_path)])
    assert len(report.added) == 1
    return any_library


@pytest.mark.parametrize(("typo", "meant"), [
    ("营商坏境", "营商环境"),  # one character wrong
    ("汽车产叶", "汽车产业"),
    ("goverment", "government"),  # one letter left out
    ("electrik", "electric"),  # one letter wrong
    ("营商坏境 goverment", "营商环境 government"),  # each term corrected
])
def test_a_typo_gets_the_word_meant(archive, typo, meant):
    result = archive.search(typo)
    assert result.total == 0
    assert result.suggestion == meant
    assert archive.suggest(typo) == meant
    assert all(archive.search(word).total > 0 for word in meant.split())  # words it has


@pytest.mark.parametrize("query", ["营商环境", "government", "长春"])
def test_a_correct_word_gets_no_suggestion(archive, query):
    assert archive.search(query).total > 0
    assert archive.suggest(query) is None


def test_nothing_close_gets_no_suggestion(archive):
    assert archive.search("xyzzy").total == 0
    assert archive.suggest("xyzzy") is None
    assert archive.suggest("量子引力") is None


def test_suggestions_follow_articles_in_and_out_of_the_archive(archive):
    aid = archive.search("government").hits[0].id
    archive.delete([aid])
    archive.empty_trash()
    assert archive.suggest("goverment") is None  # its only article is gone for good
    assert archive.suggest("营商坏境") == "营商环境"


# ----- the server only --------------------------------------------------------------------
def test_an_archive_from_before_the_word_tables_gets_them_when_its_owner_opens_it(
        pg_cluster, sample_dir, tmp_path):
    url = pg_cluster.create_database("words_late")
    with open_library(url, recover=False) as lib:
        lib.ingest([sample_dir, _english(tmp_path)])
    pg_cluster.psql("DROP TABLE search_words, search_terms", dbname="words_late")
    with open_library(url, recover=False) as lib:
        assert lib.suggest("goverment") == "government"
        assert lib.suggest("营商坏境") == "营商环境"
    counts = pg_cluster.psql("SELECT count(*) FROM search_words", dbname="words_late")
    assert counts.split()[0] == "6"


def test_every_level_gets_suggestions_and_a_role_that_cannot_make_the_tables_is_told(
        pg_cluster, sample_dir, tmp_path, caplog):
    url = pg_cluster.create_database("words_roles")
    with open_library(url, recover=False) as lib:
        lib.ingest([sample_dir])
    with psycopg.connect(url, autocommit=True) as conn:
        roles.setup(conn)
        for level in roles.LEVELS:
            roles.grant(conn, f"words_roles_{level[0]}", level, create=True)
    reader = pg_cluster.url(user="words_roles_r", dbname="words_roles")
    editor = pg_cluster.url(user="words_roles_e", dbname="words_roles")
    with open_library(reader, recover=False) as lib:
        assert lib.suggest("营商坏境") == "营商环境"
    with open_library(editor, recover=False) as lib:  # an editor's import adds its words
        lib.ingest([_english(tmp_path)])
        assert lib.suggest("goverment") == "government"

    pg_cluster.psql("DROP TABLE search_words, search_terms", dbname="words_roles")
    with caplog.at_level(logging.WARNING), open_library(editor, recover=False) as lib:
        result = lib.search("营商坏境")
        assert result.total == 0 and result.suggestion is None  # no crash, no suggestion
        assert lib.suggest("goverment") is None
        assert lib.search("营商环境").total == 5  # search itself is untouched
    said = [r.getMessage() for r in caplog.records if "did you mean" in r.getMessage()]
    assert len(said) == 1 and "may not create" in said[0] and "\n" not in said[0]

    with open_library(url, recover=False):  # the owner makes them again, with the grants
        pass
    with open_library(reader, recover=False) as lib:
        assert lib.suggest("营商坏境") == "营商环境"


def test_the_server_counts_stay_those_of_the_indexed_articles(pg_cluster, sample_dir, tmp_path):
    """After imports, deletions, restores, emptying the trash and a reindex, each word's
    counts are exactly those of the articles indexed now."""
    url = pg_cluster.create_database("words_counts")
    recount = """
        SELECT count(*) FROM (
          (SELECT word, titles, docs FROM search_terms
           EXCEPT SELECT w, sum(t)::int, sum(d)::int FROM (
             SELECT unnest(title_words) w, 1 t, 0 d FROM search_words
             UNION ALL SELECT unnest(body_words), 0, 1 FROM search_words) x GROUP BY w)
          UNION ALL
          (SELECT w, sum(t)::int, sum(d)::int FROM (
             SELECT unnest(title_words) w, 1 t, 0 d FROM search_words
             UNION ALL SELECT unnest(body_words), 0, 1 FROM search_words) x GROUP BY w
           EXCEPT SELECT word, titles, docs FROM search_terms)) differ"""

    def consistent() -> None:
        assert pg_cluster.psql(recount, dbname="words_counts").split()[0] == "0"
        indexed = pg_cluster.psql("SELECT count(*) FROM search_docs", dbname="words_counts")
        words = pg_cluster.psql("SELECT count(*) FROM search_words", dbname="words_counts")
        assert indexed.split()[0] == words.split()[0]

    with open_library(url, recover=False) as lib:
        lib.ingest([sample_dir, _english(tmp_path)])
        consistent()
        ids = [h.id for h in lib.search("", limit=3).hits]
        lib.delete(ids[:2])
        consistent()
        lib.restore(ids[:1])
        consistent()
        lib.empty_trash()
        consistent()
        lib.reindex()
        consistent()
        assert pg_cluster.psql("SELECT count(*) FROM search_terms WHERE titles <= 0 AND"
                               " docs <= 0", dbname="words_counts").split()[0] == "0"
