"""Corrections in bulk: `edit ID...` sets or clears the date and adds or removes a company or
topic on several articles at once; bad values are one error line; undo puts all back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.editing import EditError
from archive.library import Edit

pytestmark = pytest.mark.slow  # every test runs the command line in subprocesses

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)


def show(aid: int, archive: Path) -> dict:
    return json.loads(cli("show", str(aid), "--json", archive=archive).stdout)


def year_facet(archive: Path) -> dict:
    return json.loads(cli("facets", "--json", archive=archive).stdout)["year"]


def test_multi_id_edit_sets_year_and_company_then_clears_the_date(tmp_path, sample_dir):
    archive = tmp_path / "a"
    cli("ingest", str(sample_dir), archive=archive)
    run = cli("edit", "1", "2", "3", "--year", "2019", "--add-company", "BYD",
              "--add-topic", "人才", "--json", archive=archive)
    assert run.returncode == 0, run.stderr
    edited = json.loads(run.stdout)
    assert [a["id"] for a in edited] == [1, 2, 3]
    for aid in (1, 2, 3):
        data = show(aid, archive)
        assert (data["year"], data["date_source"]) == (2019, "manual")
        assert "比亚迪" in data["companies"] and data["topics"][0] == "人才"
    assert year_facet(archive)["2019"] == 3
    for aid in (4, 5):
        assert show(aid, archive)["year"] != 2019

    run = cli("edit", "2", "3", "--clear-date", "--remove-company", "比亚迪", archive=archive)
    assert run.returncode == 0, run.stderr
    for aid in (2, 3):
        data = show(aid, archive)
        assert (data["date"], data["year"], data["date_source"]) == (None, None, "manual")
        assert "比亚迪" not in data["companies"]
    facet = year_facet(archive)
    assert facet["2019"] == 1 and facet["unknown"] == 2
    # manual corrections survive a reindex
    assert cli("reindex", archive=archive).returncode == 0
    assert show(2, archive)["year"] is None and show(1, archive)["year"] == 2019


@pytest.mark.parametrize(
    "args, words",
    [
        (["1", "--add-company", ""], "company name cannot be empty"),
        (["1", "2", "--add-company", "  "], "company name cannot be empty"),
        (["1", "--date", "0000"], "year must be 1800 to 2100"),
        (["1", "--date", "2023-02-30"], "that month has 28 days"),
        (["1", "2", "--year", "2024-02-30"], "that month has 29 days"),
        (["1", "2", "999", "--year", "2020"], "no article with id 999"),
    ],
)
def test_bad_values_are_one_line_and_change_nothing(tmp_path, sample_dir, args, words):
    archive = tmp_path / "a"
    cli("ingest", str(sample_dir), archive=archive)
    before = [show(i, archive) for i in (1, 2)]
    run = cli("edit", *args, archive=archive)
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("error:") and words in run.stderr
    assert run.stderr.strip().count("\n") == 0 and "Traceback" not in run.stderr
    after = [show(i, archive) for i in (1, 2)]
    assert [(a["year"], a["companies"], a["edited"]) for a in after] == [
        (b["year"], b["companies"], b["edited"]) for b in before]


@pytest.mark.parametrize("args", [["1", "--date", "2020", "--clear-date"],
                                  ["1", "--year", "2020", "--date", "2021"],
                                  ["1", "2", "--title", "同一个标题"]])
def test_contradictory_options_are_a_usage_error(tmp_path, sample_dir, args):
    archive = tmp_path / "a"
    cli("ingest", str(sample_dir), archive=archive)
    run = cli("edit", *args, archive=archive)
    assert run.returncode == 2
    assert run.stderr.startswith("error:") and run.stderr.strip().count("\n") == 0


def test_library_bulk_edit_and_undo(library):
    ids = library._store.article_ids()[:3]
    before = {i: library.get(i) for i in ids}
    undo = library.edit_many(ids, Edit(date="2001-02-03", add_companies=["CATL"],
                                       remove_companies=["中国一汽"]))
    for i in ids:
        a = library.get(i)
        assert (a.date, a.year, a.date_source) == ("2001-02-03", 2001, "manual")
        assert "宁德时代" in a.companies and "中国一汽" not in a.companies and a.edited
    assert library.search("company:宁德时代").total >= 3
    library.undo_edit(undo)
    for i in ids:
        a = library.get(i)
        old = before[i]
        assert (a.date, a.year, a.date_source, a.companies, a.topics, a.edited) == (
            old.date, old.year, old.date_source, old.companies, old.topics, old.edited)
    hits = library.search("year:2001")
    assert hits.total == 0


def test_library_bulk_edit_is_all_or_nothing(library):
    with pytest.raises(EditError):
        library.edit_many([1, 2, 4242], Edit(date="2001"))
    assert library.get(1).year != 2001 and library.get(2).year != 2001
