"""Opening an archive from its location: a folder, or a database URL whose backend is
loaded only then (and said in one line when it cannot be)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.cli.main import main
from archive.opening import BackendUnavailable, open_library

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "corpus"


def test_a_folder_given_as_text_opens_the_same_archive_as_a_path(tmp_path):
    with open_library(tmp_path / "a") as lib:
        lib.ingest(sorted(SAMPLES.glob("*.txt"))[:2])
        first = lib.search("").ids
    with open_library(str(tmp_path / "a")) as again:
        assert again.search("").ids == first and len(first) == 2
        assert again.stats()["archive"] == str(tmp_path / "a")


def test_a_database_url_without_its_backend_is_one_clear_error(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "archive.pg", None)  # as if not installed
    with pytest.raises(BackendUnavailable, match="PostgreSQL backend is not available"):
        open_library("postgresql://reader:s3cret@localhost/news")
    code = main(["stats", "--archive", "postgres://reader:s3cret@localhost/news"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "s3cret" not in err and "postgres://reader:***@localhost/news" in err
    assert not Path("postgres:").exists()  # the URL was not taken for a folder
