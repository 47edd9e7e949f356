"""Two people editing the same article: the second save is refused with a clear message
naming the article, not silently written over the first (a lost update). Two Library
instances on one archive folder, or two clients of one server archive, stand for two
desktops."""

from __future__ import annotations

import pytest

from archive.library import Edit, EditConflict, EditError, Library, UndoConflict
from archive.organise import Organise


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


@pytest.mark.parametrize("change", [Organise(add_tags=["待核实"]),
                                    Organise(add_collections=["汽车/新能源"]),
                                    Organise(note="甲的批注")],
                         ids=["tag", "collection", "note"])
def test_tagging_filing_or_a_note_raises_the_version_so_a_stale_edit_conflicts(two, change):
    alice, bob = two
    aid, other = (h.id for h in alice.search("", sort="date", limit=2).hits)
    seen = bob.get(aid).row_version
    untouched = bob.get(other).row_version
    alice.organise([aid], change)
    assert alice.get(aid).row_version > seen
    assert bob.get(other).row_version == untouched  # only the articles it changed
    with pytest.raises(EditConflict):
        bob.edit(aid, Edit(title="乙的标题"), seen)
    now = bob.get(aid)
    assert now.title != "乙的标题"
    assert (now.tags, now.collections, now.note) != ([], [], "")  # alice's change is kept
    bob.edit(aid, Edit(title="乙的标题"), now.row_version)  # reloaded: saved
    assert alice.get(aid).title == "乙的标题"


def test_removing_a_tag_raises_the_version_and_a_note_left_as_it_is_does_not(two):
    alice, bob = two
    aid = alice.search("", limit=1).hits[0].id
    alice.organise([aid], Organise(add_tags=["甲"], note="批注"))
    seen = bob.get(aid).row_version
    alice.organise([aid], Organise(note="批注"))  # the same note: nothing changes
    assert bob.get(aid).row_version == seen
    alice.organise([aid], Organise(remove_tags=["甲"]))
    assert bob.get(aid).row_version > seen


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


# ----- bulk edits and their undo ----------------------------------------------------------
def _two_ids(lib) -> list[int]:
    return sorted(h.id for h in lib.search("", sort="date", limit=2).hits)


def test_a_bulk_edit_on_stale_copies_saves_nothing_and_names_the_article(two):
    alice, bob = two
    ids = _two_ids(alice)
    seen = alice.row_versions(ids)
    assert set(seen) == set(ids)
    bob.edit(ids[1], Edit(title="乙先改的标题"))

    with pytest.raises(EditConflict) as err:
        alice.edit_many(ids, Edit(date="2019", add_topics=["人才"]), seen)
    assert f"article {ids[1]}" in str(err.value) and "乙先改的标题" in str(err.value)
    for lib in (alice, bob):  # all or nothing: the other article is untouched too
        for aid in ids:
            now = lib.get(aid)
            assert now.year != 2019 and "人才" not in now.topics
    assert bob.get(ids[1]).title == "乙先改的标题"

    undo = alice.edit_many(ids, Edit(date="2019"), alice.row_versions(ids))  # reloaded
    assert all(alice.get(aid).year == 2019 for aid in ids)
    assert undo.after == alice.row_versions(ids)


def test_undo_of_a_bulk_edit_keeps_a_change_made_after_it(two):
    alice, bob = two
    ids = _two_ids(alice)
    before = {aid: alice.get(aid) for aid in ids}
    undo = alice.edit_many(ids, Edit(date="2019"), alice.row_versions(ids))
    bob.edit(ids[0], Edit(title="乙在批量修改之后改的"))

    with pytest.raises(UndoConflict) as err:
        alice.undo_edit(undo)
    assert isinstance(err.value, EditConflict)
    message = str(err.value)
    assert f"article {ids[0]}" in message and "not undone" in message
    first, second = bob.get(ids[0]), bob.get(ids[1])
    assert first.title == "乙在批量修改之后改的" and first.year == 2019  # nothing reverted
    assert second.year == 2019 and second.date != before[ids[1]].date


def test_undo_and_redo_of_a_bulk_edit_when_nobody_interferes(two):
    alice, bob = two
    ids = _two_ids(alice)
    before = {aid: alice.get(aid).date for aid in ids}
    undo = alice.edit_many(ids, Edit(date="2019"), alice.row_versions(ids))
    after_undo = alice.undo_edit(undo)
    assert {aid: bob.get(aid).date for aid in ids} == before
    assert after_undo == bob.row_versions(ids)
    bob.edit(ids[1], Edit(add_companies=["宁德时代"]))  # after the undo: a redo must not
    with pytest.raises(UndoConflict, match="not redone"):
        alice.redo_edit(ids, Edit(date="2019"), after_undo)
    assert {aid: bob.get(aid).date for aid in ids} == before
    redone = alice.redo_edit(ids, Edit(date="2019"), alice.row_versions(ids))
    assert all(bob.get(aid).year == 2019 for aid in ids) and redone.after
