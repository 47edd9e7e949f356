"""Two people editing the same article: the second save is refused with a clear message
naming the article, not silently written over the first (a lost update). Two Library
instances on one archive folder, or two clients of one server archive, stand for two
desktops."""

from __future__ import annotations

import pytest

from archive.library import Edit, EditConflict, EditError, Library


def test_second_save_on_a_stale_copy_conflicts_and_keeps_the_first(two):
    alice, bob = two
    aid = alice.search("", sort="date", limit=1).hits[0].id
    alice_copy, bob_copy = alice.get(aid), bob.get(aid)
    assert alice_copy.row_version == bob_copy.row_version

    saved = alice.edit(aid, Edit(title="甲编辑的标题"), alice_copy.row_version)
    assert saved.row_version > alice_copy.row_version

    with pytest.raises(EditConflict) as err:
        bob.edit(aid, Edit(title="乙编辑的标题", add_topics=["人才"]), bob_copy.row_version)
    message = str(err.value)
    assert "甲编辑的标题" in message and f"article {aid}" in message
    assert "not saved" in message and "Reload" in message
    assert isinstance(err.value, EditError)  # callers that show EditError show this too

    for lib in (alice, bob):
        now = lib.get(aid)
        assert now.title == "甲编辑的标题" and "人才" not in now.topics

    # Bob reloads and applies his change on the current version: it is saved.
    fresh = bob.get(aid)
    merged = bob.edit(aid, Edit(title="乙编辑的标题"), fresh.row_version)
    assert alice.get(aid).title == merged.title == "乙编辑的标题"


def test_any_change_to_the_article_raises_its_version(two):
    alice, bob = two
    aid = alice.search("", limit=1).hits[0].id
    seen = bob.get(aid).row_version
    alice.edit(aid, Edit(add_companies=["宁德时代"]))  # no version given: always applies
    with pytest.raises(EditConflict):
        bob.edit(aid, Edit(date="2021"), seen)
    assert alice.get(aid).row_version > seen


def test_editing_an_article_someone_moved_to_the_trash_says_so(two):
    alice, bob = two
    aid = alice.search("", limit=1).hits[0].id
    seen = bob.get(aid)
    alice.delete([aid])
    with pytest.raises(EditConflict) as err:
        bob.edit(aid, Edit(title="too late"), seen.row_version)
    assert "deleted" in str(err.value) and seen.title in str(err.value)


def test_a_current_copy_saves_without_conflict(two):
    library, _ = two
    aid = library.search("", limit=1).hits[0].id
    first = library.edit(aid, Edit(date="2022"), library.get(aid).row_version)
    second = library.edit(aid, Edit(date="2023"), first.row_version)
    assert second.date == "2023" and second.row_version > first.row_version


def test_an_archive_from_before_row_versions_gets_them(tmp_path, sample_dir):
    import sqlite3

    root = tmp_path / "old"
    with Library(root) as lib:
        lib.ingest([sample_dir])
    with sqlite3.connect(root / "archive.sqlite") as db:  # as migration 8 left it
        db.execute("DROP TRIGGER articles_row_version")
        db.execute("ALTER TABLE articles DROP COLUMN row_version")
        db.execute("PRAGMA user_version = 8")
    with Library(root) as lib:
        aid = lib.search("", limit=1).hits[0].id
        seen = lib.get(aid)
        assert seen.row_version == 1
        lib.edit(aid, Edit(title="迁移后改的标题"), seen.row_version)
        with pytest.raises(EditConflict):
            lib.edit(aid, Edit(title="旧副本"), seen.row_version)
    assert list((root / "backups").glob("archive-v8-*.sqlite"))
