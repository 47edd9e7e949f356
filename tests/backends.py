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
            from archive.opening import open_library as open_location

            if name not in urls:
                cluster = request.getfixturevalue("pg_cluster")
                urls[name] = cluster.create_database(
                    f"t{os.getpid()}_{next(_COUNTER)}_{name}".lower()[:60])
            lib = open_location(urls[name], recover=recover)
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


@pytest.fixture
def two(new_library, sample_dir: Path):
    """Two desktops on one archive of the test's backend: two Library instances on one
    folder, or two clients of one server database; the first has imported the samples."""
    first, second = new_library("shared"), new_library("shared")
    assert len(first.ingest([sample_dir]).added) == 5
    return first, second


def pg_engine(cluster, docs: list, name: str):
    """The server's search holding ``docs`` (``IndexDocument``s), each with an article row
    of its own (ids kept), seen through the local engine's ``search`` surface."""
    import json

    from archive.document import ArticleMeta
    from archive.pg import open_pg_backends

    backends = open_pg_backends(
        cluster.create_database(f"e{os.getpid()}_{next(_COUNTER)}_{name}"[:60]))
    store = backends.repository
    with store.transaction():
        store.execute("INSERT INTO sources (id, name, sha256, original) VALUES (1, 's', 'x', 'x')")
        for doc in docs:
            meta = ArticleMeta(title=doc.title, authors=list(doc.authors), year=doc.year,
                               date=doc.date, companies={c: 1 for c in doc.companies},
                               topics=[(t, 1.0) for t in doc.topics])
            store.execute(
                "INSERT INTO articles (id, source_id, title, text, sha256, year, date, authors)"
                " VALUES (?, 1, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.title, doc.body, f"sha{doc.id}", doc.year, doc.date,
                 json.dumps(doc.authors, ensure_ascii=False)))
            store.set_companies(doc.id, meta.companies)
            store.set_topics(doc.id, meta.topics)
    backends.search.add(docs)
    return _EngineView(backends)


def engine_for(request, folder: Path, docs: list, name: str):
    """Yield the engine of the fixture's ``request.param`` ("local" or "postgres") holding
    ``docs``, and close it after; for module fixtures parametrised over both backends."""
    if request.param == "local":
        from index.engine import SearchIndex

        ix = SearchIndex(folder)
        ix.add(docs)
        yield ix
        ix.close()
        return
    view = pg_engine(request.getfixturevalue("pg_cluster"), docs, name)
    yield view
    view.close()


class _EngineView:
    """``SearchIndex.search(text, limit=...)`` over the server's search (``run``)."""

    def __init__(self, backends):
        self.backends = backends

    def search(self, text: str, limit: int = 10, **kw):
        return self.backends.search.run(text, limit=limit, **kw)

    def close(self) -> None:
        self.backends.close()
