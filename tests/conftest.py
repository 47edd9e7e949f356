"""Shared test set-up: headless Qt, a fresh archive per test, the sample corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.backends import any_library, backend, new_library, two  # noqa: F401  (fixtures)

# Qt aborts without a display unless told to render offscreen; set it before any QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A private copy of the five sample articles."""
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def library(archive_dir: Path, sample_dir: Path):
    """A real archive in a temporary folder holding the five sample articles."""
    from archive.library import Library

    lib = Library(archive_dir)
    report = lib.ingest([sample_dir])
    assert len(report.added) == 5
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the whole session (see tests/pg_cluster.py).

    Skipped on a machine with no PostgreSQL server installed, except in CI (CI=true), where
    `.ci/run` installs it and a missing server is a failure.
    """
    from tests.pg_cluster import postgres_bindir, start_cluster

    if postgres_bindir() is None and os.environ.get("CI") != "true":
        pytest.skip("no PostgreSQL server installed (Debian: apt-get install postgresql)")
    cluster = start_cluster()
    yield cluster
    cluster.remove()
