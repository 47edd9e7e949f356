"""The Library contract's two backends: a local archive folder and a PostgreSQL database.

``new_library(name)`` opens a fresh archive of the test's backend (``backend`` is
parametrised ``local`` / ``postgres``); the same name opens the same archive again.
``any_library`` is one with the five sample articles. The postgres side uses the
session's throwaway cluster (tests/pg_cluster.py) and skips where no server is installed.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_COUNTER = itertools.count()


@pytest.fixture(params=["local", "postgres"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def new_library(backend: str, tmp_path: Path, request) -> Iterator[Callable[..., object]]:
    """A factory of archives of this test's backend (closed at the end of the test)."""
    from archive.library import Library, open_library

    opened: list = []
    urls: dict[str, str] = {}

    def make(name: str = "archive", recover: bool = False):
        if backend == "local":
            lib = open_library(tmp_path / name) if recover else Library(tmp_path / name)
        else:
            from archive.pg import PgLibrary, open_pg_library

            if name not in urls:
                cluster = request.getfixturevalue("pg_cluster")
                urls[name] = cluster.create_database(
                    f"t{os.getpid()}_{next(_COUNTER)}_{name}".lower()[:60])
            lib = open_pg_library(urls[name]) if recover else PgLibrary(urls[name])
        opened.append(lib)
        return lib

    yield make
    for lib in opened:
        lib.close()


@pytest.fixture
def any_library(new_library, sample_dir: Path):
    """An archive of this test's backend holding the five sample articles."""
    lib = new_library()
    report = lib.ingest([sample_dir])
    assert len(report.added) == 5
    return lib
