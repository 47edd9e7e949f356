"""Schema migrations run forward, each once, after backing up the database."""

from __future__ import annotations

import sqlite3

from archive.library import Library
from archive.migrations import latest_version


def test_an_older_archive_is_backed_up_and_migrated(tmp_path, sample_dir):
    root = tmp_path / "a"
    with Library(root) as lib:
        lib.ingest([sample_dir])
    with sqlite3.connect(root / "archive.sqlite") as db:
        db.execute("DROP INDEX idx_articles_fingerprint")
        db.execute("PRAGMA user_version = 1")
    with Library(root) as lib:
        assert lib.stats()["articles"] == 5
    with sqlite3.connect(root / "archive.sqlite") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "idx_articles_fingerprint" in names
        plan = " ".join(str(r) for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT id, fingerprint FROM articles"
            " WHERE fingerprint IS NOT NULL AND duplicate_of IS NULL"))
        assert "COVERING INDEX" in plan
    backups = list((root / "backups").glob("archive-v1-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_a_new_archive_is_at_the_latest_version_without_a_backup(tmp_path):
    with Library(tmp_path / "a"):
        pass
    assert not (tmp_path / "a" / "backups").exists()
