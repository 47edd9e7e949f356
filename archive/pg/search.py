"""Search in PostgreSQL: the query language of ``index.query`` evaluated in SQL.

Each article's title and body are folded (``index.folding``) and cut into the local
index's grams, stored as ``tsvector`` lexemes with positions (``archive.pg.grams``) in
``search_docs`` (the title) and ``search_parts`` (the body, GIN-indexed). A query string
is the phrase of its grams (``<->``): any substring of a folded text finds its article,
traditional and simplified alike. Facet selections, facet counts (drill sideways: each
facet ignores its own selection), version groups (a group counts and shows once), sorting
and paging all run in one SQL statement; only the page's rows come back.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from archive.backends import ResultPage, SearchPage, SearchSpec
from index.engine import SORTS, Filters, Hit
from index.facets import UNKNOWN_YEAR
from index.folding import fold
from index.grams import query_grams
from index.query import (
    And,
    Every,
    Node,
    Or,
    ParsedQuery,
    Resolver,
    Text,
    Values,
    YearRange,
    parse_query,
    split_words,
)
from index.schema import IndexDocument

from . import grams as g
from .connection import CHANGE_STAMP, PgConnection

TITLE_BONUS = 1.0  # added to a term's score when it occurs in the title
# A body occurrence scores by the text's length only (shorter: more about it), read from
# the row: a term frequency would need every matching tsvector read whole (detoasted),
# which at 100,000 articles costs seconds for a common word.
ANALYZE_MIN = 500  # statistics are refreshed after this many new documents at least
# in float8: numeric ln() took 90 of a common gram's 92 ms over 10,000 rows (EXPLAIN ANALYZE)
BODY_SCORE = "(0.5 / (1 + ln(1 + p.body_len::float8 / 2000)))::float8"
COLLECTION_SEP = "/"


@dataclass
class PgSearchPage(ResultPage):
    """One page of results (the same surface as ``index.engine.SearchPage``)."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    parsed: ParsedQuery
    order: Callable[[], list[int]] | None = field(default=None, repr=False)
    months: tuple[dict[str, int], int] = ({}, 0)
    _all_ids: np.ndarray | None = field(default=None, repr=False)


@dataclass
class ValueTable:
    """Facet values known to the archive (what ``Library.resolve`` widens names against)."""

    values: dict[str, list[str]]


class _Sql:
    """SQL text and its parameters, built together."""

    def __init__(self) -> None:
        self.params: dict[str, object] = {}

    def p(self, value: object) -> str:
        """A named placeholder of ``value`` (the SQL may use it more than once)."""
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"


class PgSearch:
    """The server archive's search index (a ``SearchBackend``)."""

    def __init__(self, conn: PgConnection):
        self.conn = conn
        self._lock = threading.RLock()
        self._values: tuple[str, ValueTable] | None = None
        self._added = 0  # documents added since the statistics were last taken
        self._analyzed = 0  # documents indexed then

    # ----- lifecycle (nothing to tidy: the index is rows of the database) -----------------
    def tidy(self) -> dict[str, list[str]]:
        return {"leftovers": [], "broken": []}

    def broken_segments(self) -> dict[str, str]:
        return {}

    def close(self) -> None:
        pass

    def clear(self) -> None:
        self.conn.execute("DELETE FROM search_docs")

    def optimize(self) -> None:
        self.conn.execute("VACUUM ANALYZE search_parts")

    # ----- writing -------------------------------------------------------------------------
    def add(self, docs: Iterable[IndexDocument], replace: bool = True) -> int:
        """Index ``docs`` (replacing their earlier entries) in one transaction."""
        docs = list(docs)
        if not docs:
            return 0
        doc_rows: list[tuple] = []
        part_rows: list[tuple] = []
        for doc in docs:
            title, _ = g.vector(fold(doc.title or ""))
            body = fold(doc.body or "")
            pieces = g.parts(body)
            doc_rows.append((doc.id, title, all(p.exact for p in pieces), len(body)))
            part_rows.extend((doc.id, i, p.exact, p.vector, p.window, len(body))
                             for i, p in enumerate(pieces))
        ids = [d.id for d in docs]
        with self._lock, self.conn.errors():
            raw = self.conn.raw
            with raw.transaction(), raw.cursor() as cur:
                # Rows of articles removed meanwhile are skipped (they are no longer indexed).
                # One statement a table for the whole batch (arrays unnested on the server),
                # not one a row: a row's filter, group and facet values come from its article.
                cur.execute("DELETE FROM search_docs WHERE article_id = ANY(%s)", (ids,))
                cur.execute(
                    "INSERT INTO search_docs (article_id, title_grams, exact, body_len, grp,"
                    " year, date, title, live, companies, topics)"
                    " SELECT a.id, x.g::tsvector, x.e, x.n, coalesce(a.duplicate_of, a.id),"
                    " a.year, a.date, a.title, a.deleted_at IS NULL,"
                    " ARRAY(SELECT l.company_id FROM article_companies l"
                    " WHERE l.article_id = a.id ORDER BY 1),"
                    " ARRAY(SELECT l.topic_id FROM article_topics l"
                    " WHERE l.article_id = a.id ORDER BY 1)"
                    " FROM unnest(%s::bigint[], %s::text[], %s::bool[], %s::int[])"
                    " x (id, g, e, n) JOIN articles a ON a.id = x.id",
                    [list(c) for c in zip(*doc_rows, strict=True)])
                if part_rows:
                    cur.execute(
                        "INSERT INTO search_parts (article_id, part, exact, grams, \"window\","
                        " body_len) SELECT x.id, x.i, x.e, x.g::tsvector, x.w, x.n"
                        " FROM unnest(%s::bigint[], %s::int[], %s::bool[], %s::text[], %s::text[],"
                        " %s::int[]) x (id, i, e, g, w, n)"
                        " WHERE EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = x.id)",
                        [list(c) for c in zip(*part_rows, strict=True)])
        self._analyze_if_grown(len(docs))
        return len(docs)

    def _analyze_if_grown(self, added: int) -> None:
        """Refresh the planner's statistics once the index has doubled since they were
        taken (a bulk import outruns autovacuum, and a plan made for an empty table reads
        every row)."""
        self._added += added
        if self._added < max(ANALYZE_MIN, self._analyzed):
            return
        with self._lock, self.conn.errors():
            for table in ("articles", "search_docs", "search_parts", "article_companies",
                          "article_topics"):
                self.conn.raw.execute(f"ANALYZE {table}")
            self._analyzed = self._added = self.doc_count()

    def delete(self, ids: Iterable[int]) -> int:
        ids = [int(i) for i in ids]
        return len(self.conn.run(
            "DELETE FROM search_docs WHERE article_id = ANY(%s) RETURNING article_id", (ids,)))

    # ----- reading -------------------------------------------------------------------------
    def ids(self) -> set[int]:
        return {r[0] for r in self.conn.run("SELECT article_id FROM search_docs")}

    def doc_count(self) -> int:
        return int(self.conn.run("SELECT count(*) FROM search_docs")[0][0])

    def entries(self) -> list[int]:
        return [r[0] for r in self.conn.run("SELECT article_id FROM search_docs")]

    def facet_values(self, name: str) -> list[str]:
        return list(self.table().values.get(name, []))

    def table(self) -> ValueTable:
        """Company, topic and author names in use (cached until the archive changes)."""
        gen = self.conn.run(CHANGE_STAMP)[0][0]
        with self._lock:
            if self._values is None or self._values[0] != gen:
                raw = self.conn.raw
                # each name probed in its link table's index (a join read every link
                # row: 81 and 45 ms at 10,000 articles, on every search after a write)
                companies = [r[0] for r in raw.execute(
                    "SELECT c.name FROM companies c WHERE EXISTS (SELECT 1 FROM"
                    " article_companies l WHERE l.company_id = c.id) ORDER BY 1")]
                topics = [r[0] for r in raw.execute(
                    "SELECT t.name FROM topics t WHERE EXISTS (SELECT 1 FROM"
                    " article_topics l WHERE l.topic_id = t.id) ORDER BY 1")]
                authors = sorted({a for (text,) in raw.execute(
                    "SELECT DISTINCT authors FROM articles WHERE authors <> '[]'")
                    for a in json.loads(text or "[]")})
                self._values = (gen, ValueTable({"company": companies, "topic": topics,
                                                 "author": authors}))
            return self._values[1]

    def search(self, spec: SearchSpec) -> SearchPage:
        """Run a search: one page of hits, the total and drill-sideways facet counts."""
        page = self.run(spec.query, spec.filters, spec.sort, spec.offset, spec.limit,
                        spec.resolve, facets=spec.facets)
        return SearchPage(page.total, page.hits, page.facets, page.parsed.highlights,
                          page.fallback, page.order, lambda: None)

    def month_counts(self, spec: SearchSpec) -> tuple[dict[str, int], int]:
        """Hits per ``yyyy-mm`` of the search (each version group once), and the number
        without a known month."""
        page = self.run(spec.query, spec.filters, "added", 0, 0, spec.resolve, facets=False,
                        months=True)
        return page.months

    def run(self, text: str, filters: Filters | None = None, sort: str = "relevance",
            offset: int = 0, limit: int = 20, resolve: Resolver | None = None,
            exclude: Iterable[int] = (), facets: bool = True, split: bool = False,
            months: bool = False) -> PgSearchPage:
        """Parse and run a query (an unspaced Chinese query found nowhere as typed is
        searched as its words, as the local engine does)."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
        parsed = parse_query(text, resolve, split=split)
        filters = filters or Filters()
        if sort == "relevance" and (parsed.root is None or not parsed.text_terms):
            sort = "date"
        page = self._run(parsed, filters, sort, offset, limit, list(exclude), facets, months)
        if not split and page.total == 0 and any(len(split_words(t)) > 1
                                                 for t in parsed.text_terms):
            retry = self.run(text, filters, sort, offset, limit, resolve, exclude, facets,
                             split=True, months=months)
            if retry.fallback and retry.total:
                return retry
        return page

    def more_like(self, article_id: int, text: str, limit: int = 10,
                  filters: Filters | None = None) -> list[int]:
        """Articles sharing the most telling key words of ``text`` (``aid`` left out)."""
        from index.analysis import key_words
        from index.engine import MORE_LIKE_TERMS

        words = [w for w in key_words(fold(text), 40) if len(w) >= 2][:MORE_LIKE_TERMS]
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in words)
        page = self.run(query, filters, limit=limit, exclude=[article_id], facets=False)
        return [h.id for h in page.hits]

    # ----- the SQL -------------------------------------------------------------------------
    def _query(self, sql: str, params: dict) -> list:
        """Run a search statement with sequential scans off, so that a common gram is
        found through the GIN index rather than by reading every row's ``tsvector``
        (measured at 10,000 articles, JIT off: the bench's median 189 against 150 ms; with
        JIT on, whose compile time follows the inflated plan costs, it had been worse).
        Inside another transaction of this client (a writer's group) the setting would
        outlast the statement: there, and on a replica, it runs as planned by default."""
        if not isinstance(self.conn, PgConnection) or self.conn.in_transaction():
            return self.conn.run(sql, params)  # (reads routed to a replica: as planned)
        raw = self.conn.raw
        with self._lock, self.conn.errors(), raw.transaction():
            raw.execute("SET LOCAL enable_seqscan = off")
            cur = raw.execute(sql, params)
            return cur.fetchall()

    def _present(self) -> tuple[bool, set[str]]:
        """Whether any live article is a version of another (else each article is its own
        group and no statement need sort its matches to keep one of each), and which of
        the facets kept in their own tables have any value (an empty one is not counted)."""
        row = self.conn.run(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE duplicate_of IS NOT NULL"
            " AND deleted_at IS NULL), EXISTS (SELECT 1 FROM article_collections),"
            " EXISTS (SELECT 1 FROM article_tags),"
            " EXISTS (SELECT 1 FROM ocr_pages WHERE needs_review = 1)")[0]
        present = {f for f, there in zip(("collection", "tag", "review"), row[1:],
                                         strict=True) if there}
        return bool(row[0]), present

    def _run(self, parsed: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int,
             exclude: list[int], facets: bool, months: bool = False) -> PgSearchPage:
        q = _Sql()
        match = _node(parsed.root, q, self.table())
        grouped, present = self._present()
        not_excluded = f" AND d.article_id <> ALL({q.p(exclude)})" if exclude else ""
        sels = {f: _selection(f, filters.get(f), q) for f in FACET_NAMES}
        every_sel = " AND ".join(s for s in sels.values() if s) or "true"
        # ``m``: every match, with what the selections, facets and sorts read, from the
        # match's one ``search_docs`` row (archive/pg/schema.py, version 2)
        ctes = [
            (f"m AS MATERIALIZED (SELECT d.article_id AS id, x.s AS score, d.grp AS g,"
            f" d.year, d.date, d.title, d.companies, d.topics"
            f" FROM ({match}) x JOIN search_docs d ON d.article_id = x.article_id"
            f" WHERE d.live{not_excluded})"),
        ]
        # Without version groups a row set is ``m`` itself or a plain filter of it (a CTE
        # read twice would be copied whole first).
        if grouped:
            ctes.append(f"best AS (SELECT DISTINCT ON (g) * FROM m WHERE {every_sel}"
                        f" ORDER BY g, {_ORDER[sort]})")
        best = "best" if grouped else "m" if every_sel == "true" else (
            f"(SELECT * FROM m WHERE {every_sel})")
        parts = [f"SELECT 'total', NULL, count(*)::float8, NULL::bigint FROM {best} b"]
        # A facet counts the matches passing the other facets' selections, each version
        # group once (by its best match); facets whose other selections are alike share
        # those rows (with no selection, every facet counts the same rows).
        shared: dict[str, str] = {}
        for f in FACET_NAMES if facets else ():
            if (f in _OWN or f == "review") and f not in present:
                continue
            others = " AND ".join(s for o, s in sels.items() if o != f and s) or "true"
            if others not in shared:
                if grouped:
                    shared[others] = f"r{len(shared)}"
                    ctes.append(f"{shared[others]} AS MATERIALIZED (SELECT DISTINCT ON (g) *"
                                f" FROM m WHERE {others} ORDER BY g, score DESC, id DESC)")
                else:
                    shared[others] = "m" if others == "true" else (
                        f"(SELECT * FROM m WHERE {others})")
            parts.append(_facet_sql(f, shared[others]))
        head = "WITH " + ", ".join(ctes)
        order = _ORDER[sort]
        if months:
            parts.append("SELECT 'month', CASE WHEN date ~ '^[0-9]{4}-[0-9]{2}'"
                         " THEN substr(date, 1, 7) END, count(*)::float8, NULL::bigint"
                         f" FROM {best} b GROUP BY 2")
        parts.append(f"SELECT 'hit', (row_number() OVER (ORDER BY {order}))::text,"
                     f" score::float8, id FROM (SELECT * FROM {best} b"
                     f" ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)}) page")
        sql = head + " " + " UNION ALL ".join(f"({p})" for p in parts)
        rows = self._query(sql, q.params)
        total = 0
        counts: dict[str, dict[str, int]] = {f: {} for f in FACET_NAMES} if facets else {}
        ranked: list[tuple[int, Hit]] = []
        month_counts: dict[str, int] = {}
        undated = 0
        for kind, key, value, aid in rows:
            if kind == "month":
                if key is None:
                    undated += int(value)
                else:
                    month_counts[key] = int(value)
            elif kind == "total":
                total = int(value)
            elif kind == "hit":
                ranked.append((int(key), Hit(int(aid), float(value or 0.0))))
            else:
                counts[kind][key] = int(value)
        hits = [h for _, h in sorted(ranked, key=lambda r: r[0])]
        if hits and grouped:  # each hit's number of live versions (else one each)
            sizes: dict[int, int] = dict(self.conn.run(
                "SELECT h.id, (SELECT count(*) FROM articles a WHERE a.deleted_at IS NULL"
                " AND (a.id = h.g AND a.duplicate_of IS NULL OR a.duplicate_of = h.g))"
                " FROM (SELECT id,"
                " coalesce(duplicate_of, id) AS g FROM articles WHERE id = ANY(%s)) h",
                ([h.id for h in hits],)))
            for h in hits:
                h.versions = int(sizes.get(h.id, 1))
        if "year" in counts:
            counts["year"] = _year_order(counts["year"])
        if not counts.get("review", True):  # offered only where some article needs review
            del counts["review"]

        def all_ids() -> list[int]:
            return [r[0] for r in self._query(
                f"{head} SELECT id FROM {best} b ORDER BY {order}", q.params)]

        return PgSearchPage(total, hits, counts, parsed, all_ids,
                            months=(month_counts, undated))


FACET_NAMES = ("year", "company", "topic", "collection", "tag", "review")
# OCR'd articles with a page of low confidence (archive/ocr): the "needs review" selection
_REVIEW_IDS = ("SELECT ra.id FROM articles ra JOIN sources rs ON rs.id = ra.source_id"
               " WHERE rs.sha256 IN (SELECT sha256 FROM ocr_pages WHERE needs_review = 1)")
_ORDER = {
    "relevance": "score DESC, date DESC NULLS LAST, id DESC",
    "date": "date DESC NULLS LAST, id DESC",
    "date_asc": "date ASC NULLS LAST, id DESC",
    "added": "id DESC",
    "added_asc": "id ASC",
    "title": "lower(title), title, id",
    "title_desc": "lower(title) DESC, title DESC, id DESC",
}
_LINKS = {"company": ("article_companies", "companies", "company_id"),
          "topic": ("article_topics", "topics", "topic_id")}
_OWN = {"collection": "article_collections", "tag": "article_tags"}
_ARRAYS = {"company": "companies", "topic": "topics"}  # the search_docs column of each


def _year_order(counts: dict[str, int]) -> dict[str, int]:
    known = sorted((k for k in counts if k != UNKNOWN_YEAR), reverse=True)
    out = {k: counts[k] for k in known}
    if UNKNOWN_YEAR in counts:
        out[UNKNOWN_YEAR] = counts[UNKNOWN_YEAR]
    return out


def _selection(facet: str, selected: list[str], q: _Sql) -> str:
    """The SQL condition (on ``id``/``year`` of a row of ``m``) of a facet's selection."""
    if not selected:
        return ""
    if facet == "year":
        years = [int(s) for s in selected if s.isdigit() and len(s) == 4]
        unknown = " OR year IS NULL OR year = 0" if UNKNOWN_YEAR in selected else ""
        return f"(year = ANY({q.p(years)}){unknown})"
    if facet == "review":
        return f"id IN ({_REVIEW_IDS})"
    if facet in _LINKS:
        _, table, _ = _LINKS[facet]
        return (f"{_ARRAYS[facet]} && ARRAY(SELECT id FROM {table}"
                f" WHERE name = ANY({q.p(list(selected))}))")
    table = _OWN[facet]
    if facet == "collection":  # a nested collection's articles are in each one above it
        names = list(selected)
        return (f"id IN (SELECT article_id FROM {table} WHERE name = ANY({q.p(names)})"
                f" OR EXISTS (SELECT 1 FROM unnest({q.p(names)}::text[]) s"
                f" WHERE name LIKE replace(replace(s, '%%', '\\%%'), '_', '\\_') || '/%%'))")
    return f"id IN (SELECT article_id FROM {table} WHERE name = ANY({q.p(list(selected))}))"


def _facet_sql(facet: str, rows: str) -> str:
    """Counts of one facet's values over the rows of the CTE ``rows`` (one a group)."""
    if facet == "year":
        return (f"SELECT 'year', CASE WHEN coalesce(year, 0) = 0 THEN '{UNKNOWN_YEAR}'"
                f" ELSE year::text END, count(*)::float8, NULL::bigint FROM {rows} r GROUP BY 2")
    if facet == "review":  # no row when no matching article needs review
        return (f"SELECT 'review', 'needs review', count(*)::float8, NULL::bigint"
                f" FROM {rows} r WHERE r.id IN ({_REVIEW_IDS}) HAVING count(*) > 0")
    if facet in _LINKS:  # counted by id from the row's array, then named (names are unique)
        _, table, _ = _LINKS[facet]
        column = _ARRAYS[facet]
        return (f"SELECT * FROM (SELECT '{facet}', t.name, x.c::float8, NULL::bigint"
                f" FROM (SELECT k, count(*) AS c FROM (SELECT unnest({column}) AS k"
                f" FROM {rows} r) u GROUP BY 1) x JOIN {table} t ON t.id = x.k"
                f" ORDER BY 3 DESC, 2) f")
    table = _OWN[facet]
    name = "o.name"
    if facet == "collection":  # "A/B" counts in "A" too
        name = ("array_to_string((string_to_array(o.name, '/'))[1:k], '/')")
        source = (f"{rows} r JOIN {table} o ON o.article_id = r.id"
                  f" CROSS JOIN LATERAL generate_series(1,"
                  f" cardinality(string_to_array(o.name, '/'))) k")
        return (f"SELECT * FROM (SELECT '{facet}', {name}, count(DISTINCT r.g)::float8,"
                f" NULL::bigint FROM {source} GROUP BY 2 ORDER BY 3 DESC, 2) f")
    return (f"SELECT * FROM (SELECT '{facet}', {name}, count(*)::float8, NULL::bigint"
            f" FROM {rows} r JOIN {table} o ON o.article_id = r.id GROUP BY 2"
            f" ORDER BY 3 DESC, 2) f")


def _node(node: Node | None, q: _Sql, table: ValueTable) -> str:
    """SQL of ``(article_id, s)`` rows: the articles ``node`` matches and their scores."""
    if node is None or isinstance(node, Every):
        return "SELECT article_id, 0.0::float8 AS s FROM search_docs WHERE live"
    if isinstance(node, Text):
        return _text(node, q)
    if isinstance(node, Values):
        wanted = {fold(v) for v in node.values}
        chosen = [v for v in table.values.get(node.field, []) if fold(v) in wanted]
        if node.field == "author":
            return ("SELECT id AS article_id, 0.0::float8 AS s FROM articles WHERE"
                    " deleted_at IS NULL AND EXISTS (SELECT 1 FROM"
                    " jsonb_array_elements_text(authors::jsonb) x"
                    f" WHERE x = ANY({q.p(chosen)}))")
        link, tbl, key = _LINKS[node.field]
        return (f"SELECT DISTINCT l.article_id, 0.0::float8 AS s FROM {link} l JOIN {tbl} t"
                f" ON t.id = l.{key} WHERE t.name = ANY({q.p(chosen)})")
    if isinstance(node, YearRange):
        if node.low == 0 and node.high == 0:
            cond = "(year IS NULL OR year = 0)"
        else:
            cond = "year > 0"
            if node.low is not None:
                cond += f" AND year >= {int(node.low)}"
            if node.high is not None:
                cond += f" AND year <= {int(node.high)}"
        return f"SELECT article_id, 0.0::float8 AS s FROM search_docs WHERE {cond}"
    if isinstance(node, And):
        must = [_node(c, q, table) for c in node.must]
        sql = must[0]
        body = f"SELECT x0.article_id, (x0.s{''.join(f' + x{i}.s' for i in range(1, len(must)))})"
        body += " AS s FROM (" + sql + ") x0"
        for i, other in enumerate(must[1:], 1):
            body += f" JOIN ({other}) x{i} ON x{i}.article_id = x0.article_id"
        for child in node.must_not:
            body += (f" WHERE x0.article_id NOT IN (SELECT article_id FROM"
                     f" ({_node(child, q, table)}) n)" if "WHERE x0" not in body else
                     f" AND x0.article_id NOT IN (SELECT article_id FROM"
                     f" ({_node(child, q, table)}) n)")
        return body
    if isinstance(node, Or):
        union = " UNION ALL ".join(f"({_node(c, q, table)})" for c in node.should)
        return f"SELECT article_id, sum(s) AS s FROM ({union}) o GROUP BY article_id"
    raise TypeError(f"unknown query node {node!r}")


def _text(node: Text, q: _Sql) -> str:
    """The articles where a query string occurs (as its grams' phrase) and its score."""
    forms = [node.grams, *node.variants]
    folded = fold(node.typed)
    prefix = node.grams != query_grams(node.typed)  # ``word*``: a word start, any ending
    every_q = " | ".join(f"({g.every(f)})" for f in forms)
    phrase_q = " | ".join(f"({g.phrase(f)})" for f in forms)
    branches = []
    if node.field in (None, "body"):
        cond = q.p(every_q)
        check = ""
        if not all(len(f) == 1 for f in forms):  # one gram: its lexeme's presence is the answer
            regexes = [g.phrase_regex(folded, prefix)]
            regexes += [g.phrase_regex(v, False) for v in _variant_texts(node)]
            regex = "|".join(f"(?:{r})" for r in regexes if r)
            check = (f" AND (p.exact AND p.grams @@ {q.p(phrase_q)}::tsquery"
                     f" OR NOT p.exact AND p.\"window\" ~ {q.p(regex)})")
        branches.append(
            f"SELECT p.article_id, {BODY_SCORE} AS s"
            f" FROM search_parts p WHERE p.grams @@ {cond}::tsquery{check}")
    if node.field in (None, "title"):
        branches.append(f"SELECT article_id, {TITLE_BONUS}::float8 AS s FROM search_docs"
                        f" WHERE title_grams @@ {q.p(phrase_q)}::tsquery")
    if node.field == "title":  # one row per article: no grouping (which would have the
        return branches[0]     # planner read every title in key order)
    union = " UNION ALL ".join(f"({b})" for b in branches)
    return f"SELECT article_id, sum(s) AS s FROM ({union}) t GROUP BY article_id"


def _variant_texts(node: Text) -> list[str]:
    """The other word forms of a term (their folded texts), as ``Text.variants`` holds
    their grams."""
    from index.query import word_forms

    return word_forms(fold(node.typed))[1:] if node.variants else []
