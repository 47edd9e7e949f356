"""What lets many desktops share one server archive: row versions and change notices.

* ``articles.row_version`` is raised by a trigger on every UPDATE of a row, as SQLite's
  migration 10 does locally, so ``archive.conflicts`` can refuse an edit made on a copy
  someone else has changed since (no lost update).
* Every committed write to the tables search and the reader show sends a notice on the
  ``CHANNEL`` (LISTEN/NOTIFY) naming the table; ``archive.pg.notify`` listens for them so
  other clients refresh without a restart. PostgreSQL sends a transaction's notices when
  it commits and folds identical ones, so an import of thousands of rows sends a handful.
"""

from __future__ import annotations

CHANNEL = "news_archive_changes"
NOTIFIED = ("articles", "article_companies", "article_topics", "article_collections",
            "article_tags", "article_notes", "companies", "saved_searches")

SQL = f"""
ALTER TABLE articles ADD COLUMN IF NOT EXISTS row_version bigint NOT NULL DEFAULT 1;
CREATE OR REPLACE FUNCTION archive_bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.row_version = OLD.row_version THEN
        NEW.row_version := OLD.row_version + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER articles_row_version BEFORE UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION archive_bump_row_version();
CREATE OR REPLACE FUNCTION archive_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
    RETURN NULL;
END $$;
""" + "".join(
    f"CREATE OR REPLACE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table}"
    " FOR EACH STATEMENT EXECUTE FUNCTION archive_notify_change();\n" for table in NOTIFIED)


def install(raw_connection) -> None:
    """Create the row-version and notify triggers (inside the schema's transaction)."""
    raw_connection.execute(SQL)
