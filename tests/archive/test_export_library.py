"""Library.export and export_query: ids and result sets, progress, cancel, bad input."""

from __future__ import annotations

import csv
import io
import threading

import pytest

from archive.exporters import ExportCancelled, ExportError, ExportOptions, UnknownArticles


@pytest.fixture
def library(any_library):
    """These tests are the Library contract: they run on both backends (tests/backends.py)."""
    return any_library


@pytest.fixture
def dest(tmp_path):
    """An empty folder for the export (tmp_path also holds the archive)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_export_keeps_the_order_of_the_ids(library, tmp_path):
    ids = list(reversed(library._store.article_ids()))
    [out] = library.export(ids, "csv", tmp_path / "x.csv")
    assert [int(r["id"]) for r in _rows(out)] == ids


def test_unknown_id_is_one_clear_error_and_writes_nothing(library, dest):
    with pytest.raises(UnknownArticles) as err:
        library.export([1, 999], "pdf", dest / "x.pdf")
    assert str(err.value) == "no article with id 999"
    assert isinstance(err.value, ExportError)
    assert list(dest.iterdir()) == []


def test_export_query_takes_the_whole_result_set_with_facets(library, tmp_path):
    result = library.search("汽车", years=["2024"], limit=100)
    assert result.total >= 1
    [out] = library.export_query("汽车", ["2024"], [], [], "json", tmp_path / "q.json")
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in data) == sorted(result.ids)
    assert all(d["year"] == 2024 for d in data)
    with pytest.raises(ExportError, match="no articles match"):
        library.export_query("没有这个词的文章xyz", [], [], [], "csv", tmp_path / "none.csv")


def test_progress_counts_up_to_the_number_of_articles(library, tmp_path):
    ids = library._store.article_ids()
    for fmt in ("pdf", "zip", "csv"):
        seen: list[tuple[int, int, str]] = []
        library.export(ids, fmt, tmp_path / f"p.{fmt}", ExportOptions(),
                       lambda d, t, c, seen=seen: seen.append((d, t, c)))
        assert seen[-1][:2] == (5, 5)
        assert all(t == 5 for _, t, _ in seen)
        done = [d for d, _, _ in seen]
        assert done == sorted(done)
        assert any(c for _, _, c in seen)  # the current headline is reported


@pytest.mark.parametrize("fmt", ["pdf", "docx", "zip", "md"])
def test_cancel_stops_and_leaves_nothing_behind(library, dest, fmt):
    cancel = threading.Event()

    def progress(done, total, current):
        if done >= 1:
            cancel.set()

    with pytest.raises(ExportCancelled):
        library.export(library._store.article_ids(), fmt, dest / f"c.{fmt}",
                       ExportOptions(), progress, cancel)
    assert list(dest.iterdir()) == []


def test_cancel_of_one_file_per_article_removes_the_files_written(library, tmp_path):
    cancel = threading.Event()

    def progress(done, total, current):
        if done >= 3:
            cancel.set()

    with pytest.raises(ExportCancelled):
        library.export(library._store.article_ids(), "txt", tmp_path / "split",
                       ExportOptions(split=True), progress, cancel)
    assert not (tmp_path / "split").exists()  # not even the folder it made


def test_a_big_export_reads_articles_in_chunks(library, tmp_path, monkeypatch):
    """Articles are loaded a chunk at a time, not all texts at once."""
    from archive.exporters import base

    monkeypatch.setattr(base.LazyArticles, "CHUNK", 2)
    calls = []
    real = library.get_many

    def spy(ids, with_text=False):
        if with_text:
            calls.append(len(ids))
        return real(ids, with_text=with_text)

    monkeypatch.setattr(library, "get_many", spy)
    library.export(library._store.article_ids(), "json", tmp_path / "x.json",
                   ExportOptions(full_text=True))
    assert calls and max(calls) <= 2
