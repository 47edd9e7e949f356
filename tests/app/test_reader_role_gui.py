"""A person with reader rights on a server archive sees every action that would change it
greyed out, its tooltip saying why, and can still search, read, compare and export; an
editor's window on the same archive has them. A real server with real roles."""

from __future__ import annotations

import itertools

import psycopg
import pytest
from gui_helpers import click_row, wait_idle
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent

from archive.opening import open_library
from archive.pg import roles

_SERIAL = itertools.count(1)


@pytest.fixture
def people(pg_cluster, sample_dir):
    """A server archive with the sample articles (one in the trash) and the URL of a
    reader and of an editor."""
    name = f"gui_roles_{next(_SERIAL)}"
    url = pg_cluster.create_database(name)
    with open_library(url, recover=False) as lib:
        assert len(lib.ingest([sample_dir]).added) == 5
        lib.delete([lib.search("", sort="date", limit=1).hits[0].id])
    with psycopg.connect(url, autocommit=True) as conn:
        roles.setup(conn)
        roles.grant(conn, f"{name}_r", "reader", create=True)
        roles.grant(conn, f"{name}_e", "editor", create=True)
    yield {level: pg_cluster.url(user=f"{name}_{level[0]}", dbname=name)
           for level in ("reader", "editor")}


@pytest.fixture
def server_window(qtbot, make_window, people):
    opened = []

    def make(level: str):
        lib = open_library(people[level], recover=False)
        opened.append(lib)
        window = make_window(lib=lib)
        window.show()
        window.run_search()
        wait_idle(qtbot, window)
        click_row(qtbot, window.results_view, 0)
        click_row(qtbot, window.results_view, 1, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.reader.article is not None, timeout=10000)
        return window

    yield make
    for lib in opened:
        lib.close()


def _write_actions(window):
    return [window.import_action, window.import_folder_action, window.edit_action,
            window.organise_action, window.delete_action, window.undo_import_action,
            window.undo_key_action, window.save_search_action]


def test_a_readers_write_actions_are_greyed_with_the_reason(qtbot, server_window, tmp_path):
    window = server_window("reader")
    assert window.library.access_level == "reader" and not window.library.can_write()
    assert len(window.results_view.selected_ids()) == 2
    for action in _write_actions(window):
        assert not action.isEnabled(), action.text()
        assert "read-only access (reader)" in action.toolTip(), action.text()
    window._update_actions()  # a new selection does not bring them back
    assert not any(a.isEnabled() for a in _write_actions(window))
    for action in (window.export_action, window.compare_action, window.similar_action,
                   window.cite_action):
        assert action.isEnabled(), action.text()  # reading is all allowed

    # an import started another way (a drop, the first run's samples) is refused too
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    drag = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(drag)
    assert not drag.isAccepted()
    assert window.start_import([str(tmp_path)]) is False
    assert "read-only access (reader)" in window.statusBar().currentMessage()

    trash = window.trash_ui.show_trash()
    qtbot.waitUntil(lambda: len(trash.articles) == 1, timeout=10000)
    trash.tree.topLevelItem(0).setSelected(True)
    assert not trash.restore_button.isEnabled() and not trash.empty_button.isEnabled()
    assert "read-only access (reader)" in trash.restore_button.toolTip()
    assert window.saved_ui.panel.read_only_reason == window.write_gate.reason
    trash.close()


def test_an_editors_window_on_the_same_archive_can_write(qtbot, server_window):
    window = server_window("editor")
    assert window.library.access_level == "editor" and window.library.can_write()
    for action in (window.edit_action, window.organise_action, window.delete_action,
                   window.import_action, window.save_search_action):
        assert action.isEnabled(), action.text()
        assert "read-only" not in action.toolTip()


def test_a_local_archive_can_write(library):
    assert library.can_write() and library.access_level is None
