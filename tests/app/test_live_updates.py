"""Another desktop imports or edits: this window's results, counts and reader follow
without a restart (a second Library on the same archive stands for the other desktop)."""

from __future__ import annotations

import pytest
from gui_helpers import search, wait_idle

from archive.library import Edit, Library

pytestmark = pytest.mark.gui

NEW_ARTICLE = ("吉林冰雪旅游\n\n2024年1月8日，长白山滑雪场迎来冰雪旅游旺季，"
               "游客人数同比增长三成。\n")


def test_an_import_by_another_program_shows_up_in_the_results(qtbot, window, archive_dir,
                                                              tmp_path):
    search(qtbot, window, "滑雪")
    assert window.result.total == 0
    (tmp_path / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with Library(archive_dir) as other:
        added = other.ingest([tmp_path / "new.txt"]).added
    with qtbot.waitSignal(window.live.refreshed, timeout=10000):
        pass
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.result.total == 1, timeout=10000)
    assert window.results_model.article_id(0) == added[0]
    qtbot.waitUntil(lambda: window.archive_label.text().startswith("6 "), timeout=10000)


def test_an_edit_by_another_program_shows_in_the_reader(qtbot, window, archive_dir):
    qtbot.waitUntil(lambda: window.reader.article is not None, timeout=5000)
    shown = window.reader.article.id
    with Library(archive_dir) as other:
        other.edit(shown, Edit(title="别处改过的标题"))
    with qtbot.waitSignal(window.live.refreshed, timeout=10000):
        pass
    qtbot.waitUntil(lambda: window.reader.article is not None
                    and window.reader.article.title == "别处改过的标题", timeout=10000)
    assert "别处改过的标题" in window.reader.toPlainText()


def test_own_edits_do_not_count_as_another_programs(qtbot, window):
    aid = window.results_model.article_id(0)
    window.library.edit(aid, Edit(date="2020"))
    assert not window.live.check()
