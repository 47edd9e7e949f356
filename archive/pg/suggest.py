"""“Did you mean” on a server archive: the archive's words and their counts, in PostgreSQL.

The local archive suggests from its Whoosh word view (each article's title words and the
key words of its body, ``index.schema.word_fields``): for each query term, an indexed word
one edit away, title words first, the most frequent first. The server keeps the same words:

* ``search_words``: one row per indexed article with its title words and body key words
  (``text[]``), written with the article's search rows and removed with them (an article
  deleted for good takes its row along: ``ON DELETE CASCADE``);
* ``search_terms``: each word with the number of articles having it among their title
  words and among their key words, kept up to date by statement triggers on
  ``search_words`` (the rows added or removed are counted as a set, not one by one).

A word one edit away from a term of n >= 2 characters keeps the term's first half as its
beginning or its second half as its end (one edit cannot touch both halves), so the
candidates are read by prefix from two B-tree indexes (on the word and on the word
reversed) and the edit distance is checked on those few. No extension is needed, so any
role that may read the archive gets suggestions.

The tables are created when an archive is opened by a role that may create tables (the
owner or an admin) and filled then from the articles already indexed; a role that may not
(an editor or reader of an archive opened only by older programs) gets no suggestion and
one line saying why.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence

import psycopg

from index.folding import fold
from index.query import Resolver, parse_query
from index.schema import IndexDocument, word_fields

from .connection import PgConnection
from .roles import grant_tables
from .search import PgSearch

log = logging.getLogger(__name__)

WORDS_LOCK = 0x4E_41_57_44  # advisory lock key held while the tables are created
MAX_TERMS = 8  # as index.engine: a query of more terms gets no suggestion
MAX_TERM_CHARS = 24  # and a longer term is kept as typed
FILL_CHUNK = 200

SQL = """
CREATE TABLE IF NOT EXISTS search_words (
    article_id bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    title_words text[] NOT NULL, body_words text[] NOT NULL);
CREATE TABLE IF NOT EXISTS search_terms (
    word text COLLATE "C" PRIMARY KEY,
    titles integer NOT NULL DEFAULT 0, docs integer NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS idx_search_terms_reversed ON search_terms (reverse(word));
CREATE OR REPLACE FUNCTION archive_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms (word, titles, docs)
    SELECT w, sum(t)::integer, sum(d)::integer FROM (
        SELECT unnest(title_words) AS w, 1 AS t, 0 AS d FROM added
        UNION ALL SELECT unnest(body_words), 0, 1 FROM added) x
    GROUP BY w
    ON CONFLICT (word) DO UPDATE SET titles = search_terms.titles + excluded.titles,
                                     docs = search_terms.docs + excluded.docs;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION archive_words_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH x AS (SELECT w, sum(t)::integer AS t, sum(d)::integer AS d FROM (
                   SELECT unnest(title_words) AS w, 1 AS t, 0 AS d FROM removed
                   UNION ALL SELECT unnest(body_words), 0, 1 FROM removed) y
               GROUP BY w),
         gone AS (DELETE FROM search_terms s USING x
                  WHERE s.word = x.w AND s.titles <= x.t AND s.docs <= x.d RETURNING s.word)
    UPDATE search_terms s SET titles = s.titles - x.t, docs = s.docs - x.d
    FROM x WHERE s.word = x.w AND s.word NOT IN (SELECT word FROM gone);
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER search_words_added AFTER INSERT ON search_words
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION archive_words_added();
CREATE OR REPLACE TRIGGER search_words_removed AFTER DELETE ON search_words
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT
    EXECUTE FUNCTION archive_words_removed();
"""
TABLES = ("search_words", "search_terms")


def _exists(raw: psycopg.Connection) -> bool:
    row = raw.execute("SELECT to_regclass('search_terms') IS NOT NULL").fetchone()
    return bool(row and row[0])


def install(conn: PgConnection) -> str | None:
    """Make sure the word tables exist (creating and filling them if this role may);
    return None when suggestions can be made, else the reason they cannot (one line)."""
    raw = conn.raw
    try:
        if _exists(raw):
            return None
        row = raw.execute("SELECT has_schema_privilege('public', 'CREATE'),"
                          " pg_is_in_recovery()").fetchone()
        if not row or not row[0] or row[1]:
            return ("“did you mean” is off on this server archive: its word table is"
                    " missing and this role may not create it (open the archive once as"
                    " its owner or an admin)")
        with raw.transaction():
            raw.execute(f"SELECT pg_advisory_xact_lock({WORDS_LOCK})")
            if not _exists(raw):  # another program may have made them meanwhile
                raw.execute(SQL)
                grant_tables(raw, TABLES)  # the levels' rights on the new tables
                _fill(raw)
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
        return f"“did you mean” is off on this server archive: {first}"
    return None


def _fill(raw: psycopg.Connection) -> None:
    """The words of every article indexed before the tables existed."""
    last = 0
    while True:
        rows = raw.execute(
            "SELECT a.id, a.title, a.text, n.text FROM search_docs d"
            " JOIN articles a ON a.id = d.article_id"
            " LEFT JOIN article_notes n ON n.article_id = a.id"
            " WHERE a.id > %s ORDER BY a.id LIMIT %s", (last, FILL_CHUNK)).fetchall()
        if not rows:
            return
        docs = [IndexDocument(id=r[0], title=r[1] or "",
                              body=f"{r[2]}\n\n{r[3]}" if r[3] else (r[2] or ""))
                for r in rows]
        _insert(raw, docs)
        last = rows[-1][0]


def _word_rows(docs: Iterable[IndexDocument]) -> list[tuple[int, list[str], list[str]]]:
    rows = []
    for doc in docs:
        words = doc.words or word_fields(doc.title, doc.body)
        rows.append((doc.id, words["title"].split(), words["keywords"].split()))
    return rows


def _insert(raw: psycopg.Connection, docs: Sequence[IndexDocument]) -> None:
    """Add the word rows of ``docs`` (those still indexed) in one statement, so that the
    counting trigger runs once for the lot (once per row it cost 20 ms an article)."""
    rows = json.dumps(_word_rows(docs), ensure_ascii=False)
    raw.execute(
        "INSERT INTO search_words (article_id, title_words, body_words)"
        " SELECT (r->>0)::bigint, ARRAY(SELECT jsonb_array_elements_text(r->1)),"
        " ARRAY(SELECT jsonb_array_elements_text(r->2)) FROM jsonb_array_elements(%s::jsonb) r"
        " WHERE EXISTS (SELECT 1 FROM search_docs WHERE article_id = (r->>0)::bigint)",
        (rows,))


def edits_of_one(word: str, term: str) -> bool:
    """True when ``word`` is exactly one insertion, deletion or substitution from ``term``."""
    if word == term or abs(len(word) - len(term)) > 1:
        return False
    if len(word) == len(term):
        return sum(a != b for a, b in zip(word, term, strict=True)) == 1
    short, long_ = (word, term) if len(word) < len(term) else (term, word)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PgSearchWithWords(PgSearch):
    """The server archive's search (``archive/pg/search.py``) with “did you mean”: the word
    rows are written and removed with the search rows, in the same transaction."""

    def __init__(self, conn, primary: PgConnection | None = None, store=None):
        super().__init__(conn, store)
        self.unavailable = install(primary or conn)  # why there are no suggestions, if so
        self._said = False

    # ----- writing: the words follow the index ------------------------------------------
    def add(self, docs: Iterable[IndexDocument], replace: bool = True) -> int:
        docs = list(docs)
        if self.unavailable or not docs:
            return super().add(docs, replace)
        with self._lock, self.conn.errors(), self.conn.raw.transaction():
            count = super().add(docs, replace)
            self.conn.raw.execute("DELETE FROM search_words WHERE article_id = ANY(%s)",
                                  ([d.id for d in docs],))
            _insert(self.conn.raw, docs)
        return count

    def delete(self, ids: Iterable[int]) -> int:
        ids = [int(i) for i in ids]
        if self.unavailable:
            return super().delete(ids)
        with self._lock, self.conn.errors(), self.conn.raw.transaction():
            self.conn.raw.execute("DELETE FROM search_words WHERE article_id = ANY(%s)",
                                  (ids,))
            return super().delete(ids)

    def clear(self) -> None:
        if not self.unavailable:
            self.conn.execute("DELETE FROM search_words")
        super().clear()

    # ----- reading ----------------------------------------------------------------------
    def search(self, spec):
        page = super().search(spec)
        if page.total == 0 and spec.query.strip():
            query, resolve = spec.query, spec.resolve
            page.suggest = lambda: self.suggest(query, resolve)
        return page

    def more_like(self, article_id: int, text: str, limit: int = 10,
                  filters=None) -> list[int]:
        """As the local engine: the text's key words weighed by how rare they are among
        the archive's articles (their counts in ``search_terms``), the most telling ones
        searched together."""
        import math

        from index.analysis import key_words
        from index.engine import MORE_LIKE_TERMS
        from index.schema import KEY_WORDS

        if self.unavailable:
            return super().more_like(article_id, text, limit, filters)
        words = key_words(fold(text), KEY_WORDS)
        if not words:
            return []
        counts = dict(self.conn.run("SELECT word, docs FROM search_terms"
                                    " WHERE word = ANY(%s)", (words,)))
        total = max(self.doc_count(), 1)
        weighted = [((KEY_WORDS - rank) * math.log(total / counts[w] + 1), w)
                    for rank, w in enumerate(words) if counts.get(w, 0) >= 2]
        best = [w for _, w in sorted(weighted, reverse=True)[:MORE_LIKE_TERMS]]
        if not best:
            return []
        query = " OR ".join(f'"{w}"' for w in best)
        page = self.run(query, filters, limit=limit, exclude=[article_id], facets=False)
        return [h.id for h in page.hits]

    def suggest(self, query: str, resolve: Resolver | None = None) -> str | None:
        """A corrected query built from the archive's words one edit from the query's
        terms (title words first, then the most common), or None."""
        if self.unavailable:
            if not self._said:
                log.warning(self.unavailable)
                self._said = True
            return None
        terms = list(parse_query(query, resolve).text_terms)
        if not terms or len(terms) > MAX_TERMS:
            return None
        out, changed = [], False
        for term in terms:
            folded = fold(term)
            best = self._closest(folded) if 2 <= len(folded) <= MAX_TERM_CHARS else None
            if best and best != folded:
                out.append(best)
                changed = True
            else:
                out.append(term)
        return " ".join(out) if changed else None

    def _closest(self, term: str) -> str | None:
        half = len(term) // 2
        rows = self.conn.run(
            "SELECT word, titles, docs FROM search_terms"
            " WHERE (word LIKE %(head)s OR reverse(word) LIKE %(tail)s)"
            " AND char_length(word) BETWEEN %(low)s AND %(high)s",
            {"head": _like_prefix(term[:half]), "tail": _like_prefix(term[half:][::-1]),
             "low": len(term) - 1, "high": len(term) + 1})
        near = [(w, t, d) for w, t, d in rows if edits_of_one(w, term)]
        for column in (1, 2):  # title words first, as the local word view's "title" field
            found = [r for r in near if r[column] > 0]
            if found:
                return min(found, key=lambda r: (-r[column], r[0]))[0]
        return None
