"""Many desktops at once: an import or an edit by one shows up for the others without a
restart. Each Library's change feed says when another program changed the archive; a
search then finds the new articles (two Library instances on one folder, or two clients
of one server archive)."""

from __future__ import annotations

import time

from archive.library import Edit

NEW_ARTICLE = ("吉林冰雪旅游\n\n2024年1月8日，长白山滑雪场迎来冰雪旅游旺季，"
               "游客人数同比增长三成。\n")


def _seen(feed, within: float = 10.0) -> bool:
    """Whether the feed reports a change within ``within`` seconds (notices are async)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if feed.poll():
            return True
        time.sleep(0.05)
    return False


def test_an_import_by_one_shows_up_for_the_other(two, tmp_path):
    alice, bob = two
    feed = bob.change_feed()
    try:
        assert bob.search("滑雪").total == 0
        years_before = bob.facets()["year"]
        assert not feed.poll()
        (tmp_path / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        added = alice.ingest([tmp_path / "new.txt"]).added
        assert len(added) == 1
        assert _seen(feed)
        found = bob.search("滑雪")
        assert [h.id for h in found.hits] == added
        assert bob.facets()["year"].get("2024", 0) == years_before.get("2024", 0) + 1
        assert not _seen(feed, 0.5)  # reported once
    finally:
        feed.close()


def test_an_edit_by_one_shows_up_for_the_other_but_not_ones_own(two):
    alice, bob = two
    feed = bob.change_feed()
    try:
        aid = bob.search("", limit=1).hits[0].id
        bob.edit(aid, Edit(date="2020"))
        assert not _seen(feed, 1.0)  # its own write: the app refreshes after it anyway
        alice.edit(aid, Edit(title="另一台电脑上改的标题"))
        assert _seen(feed)
        assert bob.get(aid).title == "另一台电脑上改的标题"
    finally:
        feed.close()
