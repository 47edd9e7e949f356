"""Versioned, forward-only schema migrations of the archive database.

Each migration is a function registered with ``@migration(n)``; they run in order, each
in its own transaction, and ``PRAGMA user_version`` records the last one applied. The
database file is copied to ``backups/`` before an existing archive is migrated.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

Migration = Callable[[Database], None]
_MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    """Register ``fn`` as the migration that brings the schema to ``version``."""

    def register(fn: Migration) -> Migration:
        _MIGRATIONS[version] = fn
        return fn

    return register


def latest_version() -> int:
    return max(_MIGRATIONS)


@migration(1)
def _initial(db: Database) -> None:
    db["sources"].create(
        {
            "id": int, "name": str, "path": str, "format": str, "encoding": str,
            "size": int, "sha256": str, "original": str, "imported_at": str,
        },
        pk="id",
        not_null={"name", "sha256", "original"},
    )
    db["sources"].create_index(["sha256"], unique=True)
    db["articles"].create(
        {
            "id": int, "source_id": int, "part": str, "title": str, "subtitle": str,
            "kicker": str, "authors": str, "blocks": str, "text": str, "language": str,
            "date": str, "year": int, "date_source": str, "sha256": str, "fingerprint": int,
            "word_count": int, "duplicate_of": int, "edited": int, "manual": str,
            "created_at": str, "updated_at": str,
        },
        pk="id",
        not_null={"title", "text", "sha256"},
        defaults={"edited": 0, "manual": "{}", "authors": "[]", "blocks": "[]"},
        foreign_keys=[("source_id", "sources", "id"), ("duplicate_of", "articles", "id")],
    )
    db["articles"].create_index(["sha256"], unique=True)
    db["articles"].create_index(["year"])
    db["articles"].create_index(["duplicate_of"])
    db["companies"].create(
        {"id": int, "name": str, "aliases": str}, pk="id", not_null={"name"},
        defaults={"aliases": "[]"},
    )
    db["companies"].create_index(["name"], unique=True)
    db["article_companies"].create(
        {"article_id": int, "company_id": int, "mentions": int},
        pk=("article_id", "company_id"),
        foreign_keys=[("article_id", "articles", "id"), ("company_id", "companies", "id")],
    )
    db["article_companies"].create_index(["company_id"])
    db["topics"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db["topics"].create_index(["name"], unique=True)
    db["article_topics"].create(
        {"article_id": int, "topic_id": int, "score": float},
        pk=("article_id", "topic_id"),
        foreign_keys=[("article_id", "articles", "id"), ("topic_id", "topics", "id")],
    )
    db["article_topics"].create_index(["topic_id"])
    db["ingest_log"].create(
        {
            "id": int, "path": str, "outcome": str, "error": str, "article_id": int,
            "source_id": int, "at": str,
        },
        pk="id",
        not_null={"path", "outcome"},
    )


@migration(2)
def _fingerprint_index(db: Database) -> None:
    # Ingest loads every fingerprint at start; without a covering index that query reads
    # every article's text (seconds at 100,000 articles).
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_fingerprint"
               " ON articles (duplicate_of, fingerprint)")


@migration(3)
def _reverify_versions(db: Database) -> None:
    # Versions were grouped on the fingerprint alone (a book with one of its chapters,
    # a report with changed figures). Keep a version only when the texts prove it; the
    # others become articles of their own (every article is indexed, so search follows).
    from .versions import is_version

    rows = db.execute("SELECT v.id, v.text, r.text FROM articles v JOIN articles r"
                      " ON r.id = v.duplicate_of WHERE v.duplicate_of IS NOT NULL").fetchall()
    wrong = [(vid,) for vid, text, root_text in rows if not is_version(text, root_text)]
    db.conn.executemany("UPDATE articles SET duplicate_of = NULL WHERE id = ?", wrong)


@migration(4)
def _trash_and_import_batches(db: Database) -> None:
    # The trash is a flag: a trashed article keeps its row (metadata, manual edits,
    # companies, topics, versions) until the trash is emptied. ``trashed_with`` names the
    # article whose deletion moved it there, so a group comes back together.
    _add_columns(db, "articles", {"deleted_at": "TEXT", "trashed_with": "INTEGER"})
    # Live articles: ids, counts and fingerprints read this covering index, not the rows.
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_live"
               " ON articles (duplicate_of, deleted_at, fingerprint)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_trashed"
               " ON articles (deleted_at) WHERE deleted_at IS NOT NULL")
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_trashed_with"
               " ON articles (trashed_with) WHERE trashed_with IS NOT NULL")
    # Emptying the trash deletes sources: without this index SQLite's foreign-key check
    # reads every article for each source removed (and a re-ingested file's articles are
    # looked up by source too).
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_source ON articles (source_id)")
    # Every ingest run is one import batch; its log rows and sources name it (undo import).
    db["import_batches"].create({"id": int, "started_at": str}, pk="id", if_not_exists=True)
    _add_columns(db, "ingest_log", {"batch_id": "INTEGER"})
    _add_columns(db, "sources", {"batch_id": "INTEGER"})
    db.execute("CREATE INDEX IF NOT EXISTS idx_ingest_log_batch ON ingest_log (batch_id)")


def _add_columns(db: Database, table: str, columns: dict[str, str]) -> None:
    """Add the columns a table lacks (a migration may meet a partly migrated copy)."""
    have = {c.name for c in db[table].columns}
    for name, kind in columns.items():
        if name not in have:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


@migration(5)
def _index_queue(db: Database) -> None:
    # Articles whose index entry must be (re)written or removed, queued in the same
    # transaction as the change; cleared once the index has it (archive/indexqueue.py).
    db.execute("CREATE TABLE IF NOT EXISTS index_queue (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
               " article_id INTEGER NOT NULL, rederive INTEGER NOT NULL DEFAULT 0)")


@migration(6)
def _source_raw_path(db: Database) -> None:
    # The exact bytes (hex) of a source's path when they are not UTF-8 (a GBK file name
    # from Windows): ``path`` and ``name`` hold readable text, this keeps the original.
    _add_columns(db, "sources", {"raw_path": "TEXT"})


@migration(8)
def _collections_tags_notes(db: Database) -> None:
    # Collections, tags and a note per article, and saved searches (archive/organise.py).
    # They are the user's own metadata: kept here, never derived, so a reindex keeps them;
    # a deleted article's rows go with it (ON DELETE CASCADE).
    for table in ("article_collections", "article_tags"):
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} (article_id INTEGER NOT NULL"
                   " REFERENCES articles(id) ON DELETE CASCADE, name TEXT NOT NULL,"
                   " PRIMARY KEY (article_id, name))")
        db.execute(f"CREATE INDEX IF NOT EXISTS idx_{table}_name ON {table} (name)")
    db.execute("CREATE TABLE IF NOT EXISTS article_notes (article_id INTEGER PRIMARY KEY"
               " REFERENCES articles(id) ON DELETE CASCADE, text TEXT NOT NULL,"
               " updated_at TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS saved_searches (name TEXT PRIMARY KEY,"
               " query TEXT NOT NULL DEFAULT '', filters TEXT NOT NULL DEFAULT '{}',"
               " sort TEXT NOT NULL DEFAULT 'relevance', created_at TEXT)")



@migration(9)
def _ocr_pages(db: Database) -> None:
    # What OCR read on each page of an image file or image-only PDF page (archive/ocr):
    # its lines with boxes and confidences as JSON. Keyed by the file's sha256, not by an
    # article: each page is committed as it finishes, so an import killed mid-file resumes
    # where it stopped, and a source and its articles find their pages by the same key.
    db.execute("CREATE TABLE IF NOT EXISTS ocr_pages (sha256 TEXT NOT NULL,"
               " page_no INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,"
               " confidence REAL NOT NULL, needs_review INTEGER NOT NULL DEFAULT 0,"
               " lines TEXT NOT NULL, created_at TEXT, PRIMARY KEY (sha256, page_no))")
    db.execute("CREATE INDEX IF NOT EXISTS idx_ocr_pages_review ON ocr_pages (needs_review)"
               " WHERE needs_review = 1")

def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def needs_migration(conn: sqlite3.Connection) -> bool:
    return current_version(conn) < latest_version()


def migrate(db: Database, db_path: Path, backups_dir: Path) -> int:
    """Bring ``db`` to the latest schema; return the number of migrations applied."""
    version = current_version(db.conn)
    pending = [v for v in sorted(_MIGRATIONS) if v > version]
    if not pending:
        return 0
    if version > 0 and db_path.exists():
        backups_dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(db_path, backups_dir / f"archive-v{version}-{stamp}.sqlite")
    for v in pending:
        db.conn.execute("BEGIN IMMEDIATE")
        if current_version(db.conn) >= v:  # another program opening the archive did it
            db.conn.commit()
            continue
        try:
            _MIGRATIONS[v](db)
            db.conn.execute(f"PRAGMA user_version = {int(v)}")
        except BaseException:
            db.conn.rollback()
            raise
        db.conn.commit()
    return len(pending)
