"""A process killed at any commit point of ingest, edit, delete, restore or reindex (alias changes
included) leaves an archive whose next open makes SQLite and the index agree again, on
every article's title, text and companies (the NEWS_ARCHIVE_KILL_AT hook, index/faults.py).
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from crashkit import assert_index_agrees, cli, integrity_ok, write_corpus

from archive.library import open_library

pytestmark = pytest.mark.slow

ALIAS_TEXT = """青岚智驾发布新一代域控制器

发布时间：2024-05-18

本报讯 长春新区的青岚智驾今天发布新一代智能驾驶域控制器，青岚智驾表示，产品已经进入整车企业的验证阶段。
青岚智驾负责人介绍，公司今年前四个月订单同比增长三成，新的生产线将在年内投产。
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """An archive of 10 generated articles and one naming a company the gazetteer lacks."""
    root = tmp_path_factory.mktemp("base")
    corpus = write_corpus(root / "corpus", 10, seed=11)
    (corpus / "alias.txt").write_text(ALIAS_TEXT, encoding="utf-8")
    archive = root / "archive"
    assert cli(archive, "ingest", str(corpus), "--json").returncode == 0
    return archive


def _copy(base: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(base, target)
    return target


def _killed(result) -> None:
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr[-500:])


INGEST_POINTS = ["ingest-file-committed:1", "ingest-file-committed:5", "segment-written:1",
                 "segment-renamed:1", "manifest-written:1", "manifest-published:1",
                 "index-applied:1", "queue-cleared:1"]


@pytest.mark.parametrize("point", INGEST_POINTS)
def test_killed_ingest_is_reconciled_on_the_next_open(base, tmp_path, point):
    archive = _copy(base, tmp_path)
    more = write_corpus(tmp_path / "more", 8, seed=12)
    _killed(cli(archive, "ingest", str(more), "--json", NEWS_ARCHIVE_KILL_AT=point))
    assert integrity_ok(archive)
    with open_library(archive) as lib:
        assert assert_index_agrees(lib) >= 11
        log = lib._store.query("SELECT outcome, error FROM ingest_log WHERE outcome = 'killed'")
        assert len(log) == 1 and "killed" in log[0][1]
    again = cli(archive, "ingest", str(more), "--json")
    assert again.returncode == 0, again.stderr
    with open_library(archive) as lib:
        assert assert_index_agrees(lib) == 19


EDIT_POINTS = ["edit-committed:1", "segment-written:1", "manifest-published:1",
               "index-applied:1", "queue-cleared:1"]


@pytest.mark.parametrize("point", EDIT_POINTS)
def test_killed_edit_is_reconciled_on_the_next_open(base, tmp_path, point):
    archive = _copy(base, tmp_path)
    with open_library(archive) as lib:
        aid = lib._store.article_ids()[3]
        dropped = lib.get(aid).companies[0]
    _killed(cli(archive, "edit", str(aid), "--title", "改过的标题甲乙丙", "--add-company",
                "青岚智能驾驶", "--remove-company", dropped, NEWS_ARCHIVE_KILL_AT=point))
    assert integrity_ok(archive)
    with open_library(archive) as lib:
        assert lib.get(aid).title == "改过的标题甲乙丙"  # committed before every point
        assert assert_index_agrees(lib) == 11
        assert lib.search('title:"改过的标题甲乙丙"').ids == [aid]
        assert aid in lib.search("", companies=["青岚智能驾驶"]).ids
        assert aid not in lib.search("", companies=[dropped]).ids


DELETE_POINTS = ["delete-committed:1", "manifest-published:1", "index-applied:1",
                 "queue-cleared:1"]


@pytest.mark.parametrize("point", DELETE_POINTS)
def test_killed_delete_and_restore_are_reconciled_on_the_next_open(base, tmp_path, point):
    archive = _copy(base, tmp_path)
    with open_library(archive) as lib:
        aid = lib._store.article_ids()[4]
        title = lib.get(aid).title
    _killed(cli(archive, "delete", str(aid), NEWS_ARCHIVE_KILL_AT=point))
    assert integrity_ok(archive)
    with open_library(archive) as lib:
        assert assert_index_agrees(lib) == 10
        assert aid not in lib.search(f'title:"{title}"').ids
    restore_point = point.replace("delete-committed", "restore-committed")
    _killed(cli(archive, "trash", "restore", str(aid), NEWS_ARCHIVE_KILL_AT=restore_point))
    with open_library(archive) as lib:
        assert assert_index_agrees(lib) == 11
        assert aid in lib.search(f'title:"{title}"').ids


REINDEX_POINTS = ["reindex-queued:1", "rederive-committed:1",
                  "segment-renamed:1", "manifest-published:2", "index-applied:1",
                  "queue-cleared:1"]


@pytest.mark.parametrize("point", REINDEX_POINTS)
def test_killed_reindex_after_an_alias_change_is_finished_on_the_next_open(base, tmp_path,
                                                                           point):
    archive = _copy(base, tmp_path)
    assert cli(archive, "edit", "1", "--alias", "青岚智能驾驶", "青岚智驾").returncode == 0
    _killed(cli(archive, "reindex", NEWS_ARCHIVE_KILL_AT=point))
    assert integrity_ok(archive)
    with open_library(archive) as lib:
        assert assert_index_agrees(lib) == 11
        found = lib.search("", companies=["青岚智能驾驶"]).ids
        assert len(found) == 1 and "青岚智驾" in lib.get(found[0]).text


def test_a_damaged_or_missing_segment_is_reported_and_rebuilt_from_sqlite(base, tmp_path):
    archive = _copy(base, tmp_path)
    grams = archive / "index" / "grams"
    segment = next(p for p in grams.iterdir() if p.is_dir() and p.name != "readers")
    (segment / "aid.npy").unlink()
    check = cli(archive, "check", "--json")
    assert check.returncode == 1 and "cannot be read" in check.stderr
    with open_library(archive) as lib:  # a writer may run: it rebuilds what is missing
        assert lib.last_recovery["broken"] == [segment.name]
        assert assert_index_agrees(lib) == 11
    assert cli(archive, "check").returncode == 0
