"""Two people editing the same article: the second save is refused with a clear message
naming the article, not silently written over the first (a lost update). Two Library
instances on one archive folder stand for two desktops."""

from __future__ import annotations

import pytest

from archive.library import Edit, EditConflict, EditError, Library


@pytest.fixture
def two(library: Library, archive_dir):
    other = Library(archive_dir)
    yield library, other
    other.close()


def test_second_save_on_a_stale_copy_conflicts_and_keeps_the_first(two):
    alice, bob = two
    aid = alice.search("", sort="date", limit=1).hits[0].id
    alice_copy, bob_copy = alice.get(aid), bob.get(aid)
    assert alice_copy.row_version == bob_copy.row_version

    saved = alice.edit(aid, Edit(title="Alice's headline"), alice_copy.row_version)
    assert saved.row_version > alice_copy.row_version

    with pytest.raises(EditConflict) as err:
        bob.edit(aid, Edit(title="Bob's headline", add_topics=["人才"]), bob_copy.row_version)
    message = str(err.value)
    assert "Alice's headline" in message and f"article {aid}" in message
    assert "not saved" in message and "Reload" in message
    assert isinstance(err.value, EditError)  # callers that show EditError show this too

    for lib in (alice, bob):
        now = lib.get(aid)
        assert now.title == "Alice's headline" and "人才" not in now.topics
        assert lib.search('"Bob\'s headline"').total == 0

    # Bob reloads and applies his change on the current version: it is saved.
    fresh = bob.get(aid)
    merged = bob.edit(aid, Edit(title="Bob's headline"), fresh.row_version)
    assert alice.get(aid).title == merged.title == "Bob's headline"


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


def test_a_current_copy_saves_without_conflict(library: Library):
    aid = library.search("", limit=1).hits[0].id
    first = library.edit(aid, Edit(date="2022"), library.get(aid).row_version)
    second = library.edit(aid, Edit(date="2023"), first.row_version)
    assert second.date == "2023" and second.row_version > first.row_version
