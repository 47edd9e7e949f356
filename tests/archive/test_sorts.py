"""Result orders computed by the engine: date both ways, title both ways, date added both ways."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def library(any_library):
    """These tests are the Library contract: they run on both backends (tests/backends.py)."""
    return any_library

ROOT = Path(__file__).resolve().parents[2]


def _all(lib, sort: str, query: str = "") -> list:
    return lib.search(query, sort=sort, limit=100).hits


def test_every_sort_orders_the_whole_archive(library):
    n = len(_all(library, "relevance"))
    assert n == 5
    dates = [h.date or "" for h in _all(library, "date")]
    assert dates == sorted(dates, reverse=True)
    old = [h.date for h in _all(library, "date_asc")]
    known = [d for d in old if d]
    assert known == sorted(known) and old[: len(known)] == known  # undated ones last
    titles = [h.title.casefold() for h in _all(library, "title")]
    assert titles == sorted(titles)
    assert [h.title.casefold() for h in _all(library, "title_desc")] == titles[::-1]
    added = [h.id for h in _all(library, "added")]
    assert added == sorted(added, reverse=True)
    assert [h.id for h in _all(library, "added_asc")] == sorted(added)


def test_paging_a_title_sort_gives_the_same_order(library):
    whole = [h.id for h in _all(library, "title")]
    pages = [h.id for off in range(0, 5, 2)
             for h in library.search("", sort="title", offset=off, limit=2).hits]
    assert pages == whole
    assert library.search("", sort="title", limit=1).ids == whole


def test_an_edited_title_moves_in_title_order(library):
    from archive.editing import Edit

    first = _all(library, "title")[0]
    library.edit(first.id, Edit(title="\uffef last of all"))
    assert _all(library, "title")[-1].id == first.id


def test_unknown_sort_is_refused(library):
    with pytest.raises(ValueError):
        library.search("", sort="sideways")


@pytest.mark.slow
def test_cli_search_sort_title_and_oldest(tmp_path):
    archive = tmp_path / "a"
    def cli(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--archive",
                               str(archive)], check=False, capture_output=True, text=True,
                              cwd=ROOT,
                              timeout=120)
    assert cli("ingest", str(ROOT / "resources" / "corpus")).returncode == 0
    out = cli("search", "", "--sort", "title", "--json")
    assert out.returncode == 0, out.stderr
    titles = [h["title"].casefold() for h in json.loads(out.stdout)["hits"]]
    assert titles == sorted(titles) and len(titles) == 5
    oldest = json.loads(cli("search", "", "--sort", "date_asc", "--json").stdout)["hits"]
    dates = [h["date"] for h in oldest if h["date"]]
    assert dates == sorted(dates)
    bad = cli("search", "", "--sort", "sideways")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
