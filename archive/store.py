"""The SQLite store: sources, articles, companies, topics and the ingest log.

SQLite is the archive's source of truth. Every write of one ingested file happens in one
transaction, so a crash leaves either the whole file or nothing of it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from index.engine import ExternalFacet
from index.groups import Groups

from . import organise
from .document import Article, ArticleMeta, Block
from .locking import WriterLock
from .migrations import migrate, needs_migration
from .paths import ArchivePaths
from .sqliteopen import connect


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _loads(value: str | None, default):
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


class ArchiveStore:
    """Typed access to one archive's SQLite database."""

    def __init__(self, paths: ArchivePaths):
        self.paths = paths
        paths.root.mkdir(parents=True, exist_ok=True)
        conn, self.read_only = connect(paths.database)  # read-only on a full/read-only disk
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.row_factory = sqlite3.Row
        self.db = Database(conn)
        self.lock = threading.RLock()
        self.batch_id: int | None = None  # the import batch sources and log rows belong to
        self._derived: dict[str, tuple[object, Any]] = {}  # name -> (change stamp, value)
        if not self.read_only or needs_migration(conn):
            migrate(self.db, paths.database, paths.backups_dir)

    def close(self) -> None:
        self.db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: everything inside commits together or not at all."""
        with self.lock:
            self.db.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.db.conn.rollback()
                raise
            self.db.conn.commit()

    def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        with self.lock:
            cur = self.db.conn.execute(sql, tuple(params))
            return cur.fetchall()

    def execute(self, sql: str, params: Iterable = ()) -> int:
        """Run one write (inside a transaction); return the number of rows changed."""
        with self.lock:
            return self.db.conn.execute(sql, tuple(params)).rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.lock:
            self.db.conn.executemany(sql, rows)

    def writer_lock(self) -> WriterLock:
        """The archive's writer lock (a lock file next to the database)."""
        return WriterLock(self.paths.lock_file)

    def change_stamp(self) -> object:
        """Changes whenever the database does, by this connection or another program."""
        conn = self.db.conn
        with self.lock:
            return (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])

    def _cached(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()``, re-run only after the database changed."""
        stamp = self.change_stamp()
        hit = self._derived.get(name)
        if hit is None or hit[0] != stamp:
            hit = self._derived[name] = (stamp, build())
        return hit[1]

    def version_groups(self) -> Groups:
        """The archive's version groups, for search to show each group once."""
        return self._cached("groups", lambda: Groups(self.version_pairs()))

    def external_facets(self) -> dict[str, ExternalFacet]:
        """The collection and tag facets for search."""
        return self._cached("external", lambda: organise.external_facets(self))

    def review_facet(self) -> ExternalFacet:
        """OCR'd articles with a page of low confidence ("needs review"), for search."""
        from .ocr.pagestore import review_facet

        return self._cached("review", lambda: review_facet(self))

    def begin_batch(self) -> int:
        """Start an import batch: the sources and log rows written next belong to it."""
        with self.transaction():
            cur = self.db.conn.execute("INSERT INTO import_batches (started_at) VALUES (?)",
                                       (now_iso(),))
        self.batch_id = _new_id(cur)
        return self.batch_id

    # ----- sources ---------------------------------------------------------------------
    def source_id_by_sha(self, sha256: str) -> int | None:
        rows = self.query("SELECT id FROM sources WHERE sha256 = ?", [sha256])
        return rows[0][0] if rows else None

    def articles_of_source(self, source_id: int) -> list[int]:
        return [r[0] for r in self.query(
            "SELECT id FROM articles WHERE source_id = ? ORDER BY id", [source_id])]

    def logged_articles(self, source_id: int) -> list[int]:
        """Articles a source's ingest named (its texts were duplicates of them)."""
        return [r[0] for r in self.query(
            "SELECT DISTINCT article_id FROM ingest_log WHERE source_id = ?"
            " AND article_id IS NOT NULL ORDER BY article_id", [source_id])]

    def add_source(self, *, name: str, path: str, fmt: str, encoding: str | None, size: int,
                   sha256: str, original: str, raw_path: str | None = None) -> int:
        """Insert a source row (inside a transaction) and return its id.

        ``raw_path``: hex of the path's bytes when they are not UTF-8 (``path`` is readable).
        """
        cur = self.db.conn.execute(
            "INSERT INTO sources (name, path, format, encoding, size, sha256, original,"
            " imported_at, raw_path, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (name, path, fmt, encoding, size, sha256, original, now_iso(), raw_path,
             self.batch_id),
        )
        return _new_id(cur)

    # ----- articles --------------------------------------------------------------------
    def article_id_by_sha(self, sha256: str) -> int | None:
        rows = self.query("SELECT id FROM articles WHERE sha256 = ?", [sha256])
        return rows[0][0] if rows else None

    def add_article(self, *, source_id: int, part: str | None, meta: ArticleMeta, text: str,
                    sha256: str, fingerprint: int | None, word_count: int,
                    duplicate_of: int | None, log_path: str | None = None) -> int:
        """Insert an article with its companies and topics (inside a transaction); with
        ``log_path``, also its ingest log row (added, or version) and its index queue row."""
        stamp = now_iso()
        cur = self.db.conn.execute(
            "INSERT INTO articles (source_id, part, title, subtitle, kicker, authors, blocks,"
            " text, language, date, year, date_source, sha256, fingerprint, word_count,"
            " duplicate_of, edited, manual, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '{}', ?, ?)",
            (
                source_id, part, meta.title, meta.subtitle, meta.kicker,
                json.dumps(meta.authors, ensure_ascii=False),
                json.dumps([b.to_dict() for b in meta.blocks], ensure_ascii=False),
                text, meta.language, meta.date, meta.year, meta.date_source, sha256,
                fingerprint, word_count, duplicate_of, stamp, stamp,
            ),
        )
        aid = _new_id(cur)
        self.set_companies(aid, meta.companies)
        self.set_topics(aid, meta.topics)
        if log_path is not None:
            self.log(log_path, "version" if duplicate_of else "added", None, aid, source_id)
            self.db.conn.execute("INSERT INTO index_queue (article_id, rederive) VALUES (?, 0)",
                                 (aid,))
        return aid

    def _entity_id(self, table: str, name: str) -> int:
        row = self.db.conn.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        return _new_id(self.db.conn.execute(f"INSERT INTO {table} (name) VALUES (?)", (name,)))

    def set_companies(self, article_id: int, companies: dict[str, int]) -> None:
        self.db.conn.execute("DELETE FROM article_companies WHERE article_id = ?", (article_id,))
        self.db.conn.executemany(
            "INSERT INTO article_companies (article_id, company_id, mentions) VALUES (?, ?, ?)",
            [(article_id, self._entity_id("companies", n), int(c)) for n, c in companies.items()],
        )

    def set_topics(self, article_id: int, topics: list[tuple[str, float]]) -> None:
        self.db.conn.execute("DELETE FROM article_topics WHERE article_id = ?", (article_id,))
        self.db.conn.executemany(
            "INSERT INTO article_topics (article_id, topic_id, score) VALUES (?, ?, ?)",
            [(article_id, self._entity_id("topics", n), float(s)) for n, s in topics],
        )

    def company_mentions(self, article_id: int) -> dict[str, int]:
        return {name: n for name, n in self.query(
            "SELECT c.name, l.mentions FROM article_companies l JOIN companies c"
            " ON c.id = l.company_id WHERE l.article_id = ?", [article_id])}

    def topic_scores(self, article_id: int) -> list[tuple[str, float]]:
        return [(name, s) for name, s in self.query(
            "SELECT t.name, l.score FROM article_topics l JOIN topics t ON t.id = l.topic_id"
            " WHERE l.article_id = ? ORDER BY l.score DESC", [article_id])]

    def company_aliases(self) -> dict[str, list[str]]:
        """Aliases users added to the gazetteer (canonical name -> aliases)."""
        rows = self.query("SELECT name, aliases FROM companies WHERE aliases != '[]'")
        return {name: json.loads(aliases) for name, aliases in rows}

    def add_alias(self, canonical: str, alias: str) -> None:
        """Record a user's alias for a company (inside a transaction)."""
        cid = self._entity_id("companies", canonical)
        row = self.db.conn.execute("SELECT aliases FROM companies WHERE id = ?", (cid,)).fetchone()
        aliases = _loads(row[0], [])
        if alias not in aliases:
            aliases.append(alias)
        self.db.conn.execute("UPDATE companies SET aliases = ? WHERE id = ?",
                             (json.dumps(aliases, ensure_ascii=False), cid))

    def update_fields(self, article_id: int, values: dict) -> None:
        """Set plain columns of an article (inside a transaction)."""
        if not values:
            return
        cols = ", ".join(f"{k} = ?" for k in values)
        self.db.conn.execute(
            f"UPDATE articles SET {cols}, updated_at = ? WHERE id = ?",
            (*values.values(), now_iso(), article_id),
        )

    def texts(self, ids: list[int]) -> dict[int, str]:
        """Plain texts of these articles (missing ids are left out)."""
        out: dict[int, str] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            out.update((r[0], r[1]) for r in self.query(
                f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk))
        return out

    def article_ids(self, include_versions: bool = False) -> list[int]:
        """Ids of live articles (the trash left out)."""
        where = " AND duplicate_of IS NULL" if not include_versions else ""
        # Sorted here: ORDER BY id would tempt SQLite away from the covering index.
        return sorted(r[0] for r in self.query(
            f"SELECT id FROM articles WHERE deleted_at IS NULL{where}"))

    def ids_by_title(self) -> list[int]:
        """Every article id in title order (case-insensitive, then as written, then id)."""
        return [r[0] for r in self.query(
            "SELECT id FROM articles ORDER BY title COLLATE NOCASE, title, id")]

    def original_of(self, article_id: int) -> str | None:
        """The originals key of the article's source file (None for an unknown id)."""
        rows = self.query("SELECT s.original FROM articles a JOIN sources s"
                          " ON s.id = a.source_id WHERE a.id = ?", [article_id])
        return rows[0][0] if rows else None

    def fingerprints(self) -> list[tuple[int, int]]:
        return [(r[0], r[1]) for r in self.query(
            "SELECT id, fingerprint FROM articles WHERE fingerprint IS NOT NULL"
            " AND duplicate_of IS NULL AND deleted_at IS NULL")]

    def companies_of(self, ids: list[int]) -> dict[int, list[str]]:
        return self._names_of("article_companies", "companies", "company_id", "mentions", ids)

    def topics_of(self, ids: list[int]) -> dict[int, list[str]]:
        return self._names_of("article_topics", "topics", "topic_id", "score", ids)

    def _names_of(self, link: str, table: str, key: str, order: str, ids: list[int]):
        out: dict[int, list[str]] = {i: [] for i in ids}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.query(
                f"SELECT l.article_id, t.name FROM {link} l JOIN {table} t ON t.id = l.{key}"
                f" WHERE l.article_id IN ({marks}) ORDER BY l.article_id, l.{order} DESC, t.name",
                chunk,
            )
            for aid, name in rows:
                out[aid].append(name)
        return out

    def articles(self, ids: list[int], with_text: bool = True,
                 trashed: bool = False) -> dict[int, Article]:
        """Live articles by id (missing ids are left out); ``trashed``: those in the trash."""
        cols = "a.*" if with_text else ", ".join(
            f"a.{c}" for c in ("id", "source_id", "part", "title", "subtitle", "kicker",
                               "authors", "language", "date", "year", "date_source", "sha256",
                               "word_count", "duplicate_of", "edited", "manual", "created_at",
                               "updated_at", "deleted_at", "row_version"))
        out: dict[int, Article] = {}
        companies = self.companies_of(ids)
        topics = self.topics_of(ids)
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.query(
                f"SELECT {cols}, s.name AS s_name, s.sha256 AS s_sha, s.format AS s_format"
                f" FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
                f" WHERE a.id IN ({marks}) AND a.deleted_at IS"
                f" {'NOT NULL' if trashed else 'NULL'}",
                chunk,
            )
            for row in rows:
                out[row["id"]] = self._article(row, companies, topics, with_text)
        organise.attach(self, out)
        return out

    @staticmethod
    def _article(row: sqlite3.Row, companies, topics, with_text: bool) -> Article:
        keys = row.keys()
        manual = _loads(row["manual"], {})
        return Article(
            id=row["id"],
            title=row["title"],
            text=row["text"] if with_text else "",
            blocks=[Block(b["kind"], b["text"]) for b in _loads(row["blocks"], [])]
            if "blocks" in keys else [],
            subtitle=row["subtitle"],
            kicker=row["kicker"],
            authors=_loads(row["authors"], []),
            date=row["date"],
            year=row["year"],
            date_source=row["date_source"],
            language=row["language"] or "zh",
            companies=companies.get(row["id"], []),
            topics=topics.get(row["id"], []),
            word_count=row["word_count"] or 0,
            sha256=row["sha256"],
            source_id=row["source_id"],
            source_name=row["s_name"],
            source_sha256=row["s_sha"],
            source_format=row["s_format"],
            edited=bool(row["edited"]),
            manual_fields=sorted(manual),
            duplicate_of=row["duplicate_of"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            deleted_at=row["deleted_at"],
            row_version=row["row_version"] if "row_version" in keys else 1,
        )

    def manual(self, article_id: int) -> dict:
        rows = self.query("SELECT manual FROM articles WHERE id = ?", [article_id])
        return _loads(rows[0][0], {}) if rows else {}

    def versions_of(self, article_id: int) -> list[int]:
        return [r[0] for r in self.query(
            "SELECT id FROM articles WHERE duplicate_of = ? AND deleted_at IS NULL ORDER BY id",
            [article_id])]

    def group_of(self, article_id: int) -> list[int]:
        """Every article of this article's version group, the first copy first ([] if unknown)."""
        rows = self.query("SELECT duplicate_of FROM articles WHERE id = ?", [article_id])
        if not rows:
            return []
        root = rows[0][0] or article_id
        return [root, *self.versions_of(root)]

    def version_pairs(self) -> list[tuple[int, int]]:
        """``(version id, first copy id)`` for every version in the archive."""
        return [(r[0], r[1]) for r in self.query(
            "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")]

    def split_version(self, article_id: int) -> list[int]:
        """Take an article out of its group (inside a transaction); if it was the first
        copy, the next oldest version becomes the group's first copy. Returns the rest of
        the group, first copy first."""
        group = self.group_of(article_id)
        rest = [a for a in group if a != article_id]
        self.db.conn.execute("UPDATE articles SET duplicate_of = NULL, updated_at = ? WHERE id = ?",
                             (now_iso(), article_id))
        if rest and group[0] == article_id:
            root, others = rest[0], rest[1:]
            self.db.conn.execute("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (root,))
            self.db.conn.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                                     [(root, a) for a in others])
        return rest

    def total_articles(self) -> int:
        """Every live article, versions included (each is an indexed document)."""
        return int(self.query("SELECT count(*) FROM articles WHERE deleted_at IS NULL")[0][0])

    # ----- ingest log and stats --------------------------------------------------------
    def log(self, path: str, outcome: str, error: str | None = None,
            article_id: int | None = None, source_id: int | None = None) -> int:
        """Add an ingest log row (inside a transaction); return its id."""
        return _new_id(self.db.conn.execute(
            "INSERT INTO ingest_log (path, outcome, error, article_id, source_id, at, batch_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (path, outcome, error, article_id, source_id, now_iso(), self.batch_id),
        ))

    def article_count(self) -> int:
        """Articles shown in search (versions of another article and the trash left out)."""
        return int(self.query("SELECT count(*) FROM articles"
                              " WHERE duplicate_of IS NULL AND deleted_at IS NULL")[0][0])

    def counts(self) -> dict[str, int]:
        one = lambda sql: int(self.query(sql)[0][0])
        return {
            "articles": self.article_count(),
            "versions": one("SELECT count(*) FROM articles"
                            " WHERE duplicate_of IS NOT NULL AND deleted_at IS NULL"),
            "trashed": one("SELECT count(*) FROM articles WHERE deleted_at IS NOT NULL"),
            "sources": one("SELECT count(*) FROM sources"),
            "companies": one(f"SELECT count(DISTINCT company_id) FROM article_companies{LIVE}"),
            "topics": one(f"SELECT count(DISTINCT topic_id) FROM article_topics{LIVE}"),
            "failed_ingests": one("SELECT count(*) FROM ingest_log WHERE outcome = 'failed'"),
        }


LIVE = " WHERE article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL)"


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _new_id(cur: sqlite3.Cursor) -> int:
    """The row id an INSERT gave."""
    if cur.lastrowid is None:
        raise sqlite3.DatabaseError("the insert gave no row id")
    return cur.lastrowid
