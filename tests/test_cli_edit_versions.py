"""``edit --if-version``: a script that read an article (``show --json`` gives its
``row_version``) saves its correction only if nobody changed the article since; otherwise
nothing changes, one line says so, exit 1. On both backends (a folder and a server)."""

from __future__ import annotations

import itertools
import json
import os

import pytest

from app.cli.main import main

_SERIAL = itertools.count(1)


@pytest.fixture
def location(backend, tmp_path, sample_dir, request, capsys) -> str:
    """An archive of the test's backend holding the five sample articles."""
    if backend == "local":
        where = str(tmp_path / "archive")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        where = cluster.create_database(f"cliv_{os.getpid()}_{next(_SERIAL)}")
    assert main(["ingest", str(sample_dir), "--archive", where, "--json"]) == 0
    capsys.readouterr()
    return where


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def show(capsys, where: str, aid: int) -> dict:
    code, out, _ = run(capsys, "show", str(aid), "--json", "--archive", where)
    assert code == 0
    return json.loads(out)


def ids(capsys, where: str) -> list[int]:
    code, out, _ = run(capsys, "search", "", "--sort", "date", "--json", "--archive", where)
    assert code == 0
    return [h["id"] for h in json.loads(out)["hits"]]


def test_a_stale_version_changes_nothing_and_says_so_in_one_line(location, capsys):
    aid = ids(capsys, location)[0]
    read = show(capsys, location, aid)
    version = read["row_version"]
    # someone else corrects the article after our script read it
    assert run(capsys, "edit", str(aid), "--title", "别人先改的标题",
               "--archive", location)[0] == 0

    code, out, err = run(capsys, "edit", str(aid), "--year", "2019", "--add-tag", "核对",
                         "--if-version", str(version), "--archive", location)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert f"article {aid}" in err and "别人先改的标题" in err
    assert f"no longer at version {version}" in err and "nothing was changed" in err
    now = show(capsys, location, aid)
    assert now["title"] == "别人先改的标题" and now["year"] != 2019
    assert now["tags"] == []  # the organising part waited for the check too

    code, out, _ = run(capsys, "edit", str(aid), "--year", "2019", "--if-version",
                       str(now["row_version"]), "--json", "--archive", location)
    assert code == 0
    saved = json.loads(out)
    assert saved["year"] == 2019 and saved["row_version"] > now["row_version"]


def test_several_ids_take_one_version_each(location, capsys):
    first, second = ids(capsys, location)[:2]
    versions = [show(capsys, location, a)["row_version"] for a in (first, second)]
    code, _, err = run(capsys, "edit", str(first), str(second), "--year", "2018",
                       "--if-version", str(versions[0]), "--archive", location)
    assert code == 2 and "one version per ID" in err

    assert run(capsys, "edit", str(second), "--add-topic", "人才", "--archive", location)[0] == 0
    code, _, err = run(capsys, "edit", str(first), str(second), "--year", "2018",
                       "--if-version", *map(str, versions), "--archive", location)
    assert code == 1 and f"article {second}" in err and err.count("\n") == 1
    assert all(show(capsys, location, a)["year"] != 2018 for a in (first, second))

    fresh = [show(capsys, location, a)["row_version"] for a in (first, second)]
    code, out, _ = run(capsys, "edit", str(first), str(second), "--year", "2018",
                       "--if-version", *map(str, fresh), "--json", "--archive", location)
    assert code == 0 and [a["year"] for a in json.loads(out)] == [2018, 2018]


def test_an_article_moved_to_the_trash_since_is_a_conflict(location, capsys):
    aid = ids(capsys, location)[0]
    version = show(capsys, location, aid)["row_version"]
    assert run(capsys, "delete", str(aid), "--archive", location)[0] == 0
    code, _, err = run(capsys, "edit", str(aid), "--year", "2019", "--if-version",
                       str(version), "--archive", location)
    assert code == 1 and "moved to the trash or deleted" in err and err.count("\n") == 1
