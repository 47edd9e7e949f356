"""``kwic`` and ``trend`` on the command line, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from index.folding import fold
from tests.test_cli import ROOT, cli


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("kwiccli") / "archive"
    run = cli("ingest", str(ROOT / "resources" / "corpus"), "--json", archive=archive)
    assert run.returncode == 0, run.stderr
    return archive


def test_kwic_json_rows_and_cap(filled):
    run = cli("kwic", "汽車", "--width", "6", "--limit", "7", "--json", archive=filled)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["query"] == "汽車" and data["total"] == 7 and data["capped"] is True
    assert [set(r) for r in data["rows"]] == [{"id", "date", "left", "hit", "right"}] * 7
    assert all(r["hit"] == "汽车" and len(r["left"]) <= 6 for r in data["rows"])
    full = json.loads(cli("kwic", "中德汽车大会", "--json", archive=filled).stdout)
    assert full["capped"] is False and full["total"] == len(full["rows"]) >= 2


def test_kwic_csv_with_filters_and_sort(filled):
    run = cli("kwic", "长春", "--year", "2024", "--csv", "--sort", "right", archive=filled)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows and {r["date"][:4] for r in rows} == {"2024"}
    assert [fold(r["right"]) for r in rows] == sorted(fold(r["right"]) for r in rows)
    everything = list(csv.DictReader(io.StringIO(cli("kwic", "长春", "--csv",
                                                     archive=filled).stdout)))
    assert len(everything) > len(rows)


def test_kwic_bad_input_is_one_line(filled):
    run = cli("kwic", "汽车", "--width", "0", archive=filled)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "--width" in run.stderr
    bad = cli("kwic", "year:abc", archive=filled)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_trend_json_and_csv(filled):
    run = cli("trend", "汽车", "芯片", "--json", archive=filled)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["terms"] == ["汽车", "芯片"]
    assert data["series"]["汽车"]["2024"] == {"articles": 2, "share": 1.0}
    assert data["series"]["芯片"]["2024"] == {"articles": 0, "share": 0.0}
    assert sum(p["articles"] for p in data["series"]["芯片"].values()) == 1
    out = cli("trend", "汽车", "--by", "month", "--csv", archive=filled)
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == ["term", "period", "articles", "total", "share"]
    assert all(len(r[1]) == 7 for r in rows[1:]) and len(rows) == 5
    text = cli("trend", "汽车", "--by", "month", archive=filled).stdout
    assert "no month: 1 articles" in text


def test_trend_bad_by_is_a_usage_error(filled):
    run = cli("trend", "汽车", "--by", "week", archive=filled)
    assert run.returncode == 2 and "Traceback" not in run.stderr
