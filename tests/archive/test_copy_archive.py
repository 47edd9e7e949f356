"""``copy-archive``: a local archive copied to a server and back keeps everything a person
made (originals, manual corrections, collections, tags, notes, saved searches, the trash),
and the copy is verified by counts and checksums; a bad copy stops with one line."""

from __future__ import annotations

import hashlib
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from archive.copying import CopyError, copy_archive, open_location
from archive.library import Edit, Library, Organise, SavedSearch

ROOT = Path(__file__).resolve().parents[2]
_SERIAL = itertools.count(1)


@pytest.fixture
def made(tmp_path, sample_dir) -> Path:
    """A local archive with the samples and a person's work on them."""
    folder = tmp_path / "source"
    with Library(folder) as lib:
        assert len(lib.ingest([sample_dir]).added) == 5
        ids = lib.search("", sort="date_asc").ids
        lib.edit(ids[0], Edit(title="人工改过的标题", date="2022-05", add_topics=["人才"],
                              add_companies=["宁德时代"]))
        lib.organise(ids[:2], Organise(add_tags=["待核实"], add_collections=["长春专题"]))
        lib.set_note(ids[1], "这篇需要再看一遍")
        lib.save_search(SavedSearch("新能源", query="新能源", filters={"year": ["2023"]}))
        lib.delete([ids[4]])
    return folder


def _snapshot(lib) -> dict:
    """What a person sees of the archive, independent of where it is stored."""
    ids = sorted(lib.search("", limit=1).ids)
    arts = lib.get_many(ids, with_text=True)
    return {
        "articles": {i: (a.title, a.date, a.year, a.companies, a.topics, a.manual_fields,
                         a.edited, a.collections, a.tags, a.note, a.text, a.row_version)
                     for i, a in arts.items()},
        "trash": sorted(a.id for a in lib.trashed()),
        "saved": [s.to_dict() for s in lib.saved_searches()],
        "search": [h.id for h in lib.search("汽车", sort="date").hits],
        "facets": lib.facets("汽车"),
        "originals": {i: hashlib.sha256(lib.original_path(i).read_bytes()).hexdigest()
                      for i in ids},
    }


def test_local_to_local_copy_is_verified_and_identical(made, tmp_path):
    with Library(made) as src, Library(tmp_path / "copy") as dest:
        report = copy_archive(src, dest)
        assert report.rows["articles"] == 5 and report.rows["sources"] == 5
        assert report.originals == 5 and report.original_bytes > 0
        assert report.rows["article_tags"] == 2 and report.rows["saved_searches"] == 1
        assert _snapshot(dest) == _snapshot(src)
        dest.ingest([ROOT / "resources" / "corpus"])  # the copy is a working archive
        assert dest.check_index()["ok"]


def test_local_to_server_and_back(made, tmp_path, pg_cluster):
    url = pg_cluster.create_database(f"copy_{next(_SERIAL)}")
    with Library(made) as src:
        before = _snapshot(src)
        with open_location(url) as server:
            copy_archive(src, server)
            assert _snapshot(server) == before
            # a new article on the server gets a new id, not one of the copied ones
            note = tmp_path / "n.txt"
            note.write_text("新的稿件\n\n2025年2月1日，长春发布新规划。\n", encoding="utf-8")
            assert server.ingest([note]).added[0] > max(before["articles"])
    with open_location(url) as server, Library(tmp_path / "back") as back:
        report = copy_archive(server, back)
        assert report.rows["articles"] == 6
        after = _snapshot(back)
        for key in ("trash", "saved"):
            assert after[key] == before[key]
        for aid, seen in before["articles"].items():
            assert after["articles"][aid] == seen
        assert {k: v for k, v in after["originals"].items() if k in before["originals"]} \
            == before["originals"]


def test_a_damaged_original_stops_the_copy_and_leaves_the_destination_empty(made, tmp_path):
    with Library(made) as src:
        first = src.search("", sort="added_asc", limit=1).hits[0].id
        path = src.original_path(first)
    path.write_bytes(b"not what was imported")
    with Library(made) as src, Library(tmp_path / "copy") as dest:
        with pytest.raises(CopyError, match="does not match its sha256"):
            copy_archive(src, dest)
        assert dest.stats()["articles"] == 0 and dest.stats()["sources"] == 0


def test_copying_into_an_archive_that_is_not_empty_is_refused(made, sample_dir, tmp_path):
    with Library(tmp_path / "full") as full:
        full.ingest([sample_dir])
    with (Library(made) as src, Library(tmp_path / "full") as dest,
          pytest.raises(CopyError, match="not empty")):
        copy_archive(src, dest)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=False,
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.mark.slow
def test_the_command_line_copies_and_reports_one_line_errors(made, tmp_path):
    ok = _cli("copy-archive", str(made), str(tmp_path / "c1"))
    assert ok.returncode == 0, ok.stderr
    assert "verified" in ok.stdout and "5 articles" in ok.stdout
    again = _cli("copy-archive", str(made), str(tmp_path / "c1"))
    assert again.returncode == 1
    assert again.stderr.strip().count("\n") == 0 and "not empty" in again.stderr
    missing = _cli("copy-archive", str(tmp_path / "nothing"), str(tmp_path / "c2"))
    assert missing.returncode == 1 and "no archive in that folder" in missing.stderr
    assert "Traceback" not in missing.stderr + again.stderr
