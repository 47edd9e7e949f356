"""The server's search rows (schema version 2): each ``search_docs`` row carries its
article's group, year, date, title and company and topic ids, which triggers keep equal to
the articles and link rows whatever changes them; a version 1 archive is upgraded when it
is opened and answers as before.
"""

from __future__ import annotations

import psycopg

from archive.library import Edit
from archive.opening import open_library
from archive.pg.schema import SCHEMA_VERSION

QUERIES = ["汽车", "长春", '"汽车产业"', "company:一汽", "year:2021..2023", ""]

_V2_OBJECTS = """
DROP TRIGGER articles_search_doc ON articles;
DROP TRIGGER article_companies_search_insert ON article_companies;
DROP TRIGGER article_companies_search_delete ON article_companies;
DROP TRIGGER article_companies_search_update ON article_companies;
DROP TRIGGER article_topics_search_insert ON article_topics;
DROP TRIGGER article_topics_search_delete ON article_topics;
DROP TRIGGER article_topics_search_update ON article_topics;
DROP FUNCTION archive_search_doc_article();
DROP FUNCTION archive_search_doc_links();
ALTER TABLE search_docs DROP COLUMN grp, DROP COLUMN year, DROP COLUMN date,
    DROP COLUMN title, DROP COLUMN live, DROP COLUMN companies, DROP COLUMN topics;
DELETE FROM schema_version WHERE version = 2;
"""


def _answers(lib) -> list:
    out = []
    for q in QUERIES:
        page = lib.search(q, limit=50)
        out.append((q, page.total, page.ids, page.facets["year"], page.facets["company"],
                    page.facets["topic"]))
    return out


def test_a_version_1_archive_is_upgraded_on_open_and_answers_the_same(pg_cluster, sample_dir):
    url = pg_cluster.create_database("rows_upgrade")
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        before = _answers(lib)
    with psycopg.connect(url, autocommit=True) as conn:  # back to what version 1 made
        conn.execute(_V2_OBJECTS)
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
    with open_library(url) as lib:
        assert _answers(lib) == before
        assert lib.check_index()["ok"]
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] \
            == SCHEMA_VERSION == 2
        missing = conn.execute("SELECT count(*) FROM search_docs WHERE grp IS NULL").fetchone()
        assert missing == (0,)


def test_facets_follow_changes_made_by_any_statement(pg_cluster, sample_dir):
    url = pg_cluster.create_database("rows_follow")
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        aid = lib.search('"逆势扬帆求跨越"').hits[0].id
        companies = lib.get(aid).companies
        assert companies
        company = companies[0]
        before = lib.search("", limit=0).facets["company"][company]
        # a link removed by plain SQL (another program, an older client): counted at once
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DELETE FROM article_companies WHERE article_id = %s AND company_id ="
                         " (SELECT id FROM companies WHERE name = %s)", (aid, company))
        assert lib.search("", limit=0).facets["company"].get(company, 0) == before - 1
        assert aid not in lib.search(f"company:{company}", limit=50).ids
        assert aid not in lib.search("", companies=[company], limit=50).ids
        # an edit through the Library: the year and the topic move with it
        lib.edit(aid, Edit(date="2011-03-04", add_topics=["人才"]))
        facets = lib.search("", limit=0).facets
        assert facets["year"]["2011"] == 1
        assert aid in lib.search("", years=["2011"], limit=50).ids
        assert aid in lib.search("topic:人才", limit=50).ids
        # a date changed by plain SQL moves the article between years in the facet too
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("UPDATE articles SET year = 2009, date = '2009-01-02' WHERE id = %s",
                         (aid,))
        facets = lib.search("", limit=0).facets
        assert facets["year"].get("2011", 0) == 0 and facets["year"]["2009"] == 1
