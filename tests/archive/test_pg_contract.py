"""The server archive against the local one: the same files give the same answers.

Both backends ingest the same inputs (the five sample articles, a near-duplicate, and a
book-length text longer than a ``tsvector`` keeps positions for, with words repeated
more often than it keeps per word); every query must find the same articles, with the
same totals and facet counts, and strings that occur nowhere find nothing on both.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from archive.library import Edit, Library
from archive.opening import open_library

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "corpus"

QUERIES = [
    "汽车", "長春汽車", "一汽集團", "汽开区", "智能网联", '"汽车 产业"', "新能源 电池",
    "一汽 OR 比亚迪", "汽车 -一汽", "company:一汽", "topic:新能源汽车", "year:2021..2023",
    "year:unknown", "title:长春", "battery", "batteries", "batt*", "NBD", "ｎｂｄ", "",
    "逆势扬帆求跨越", "汽车文化", "the battery of", "zebra", "壹贰叁肆",
]


def _book(folder: Path) -> Path:
    """A long text: the samples several times over, English sentences repeated far past
    256 times, and a closing line only it has."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    english = "The battery of the car is charged at the plant in the north. " * 400
    body = "\n\n".join(texts * 3) + "\n\n" + english + "\n\n书末独有的一句话：长篇文本的最后一行。\n"
    path = folder / "book.txt"
    path.write_text("一部很长的汇编\n\n" + body, encoding="utf-8")
    return path


def _near_duplicate(folder: Path) -> Path:
    first = sorted(SAMPLES.glob("*.txt"))[1].read_text(encoding="utf-8")
    path = folder / "copy.txt"
    path.write_text(first.replace("长春", "长 春", 1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pair(tmp_path_factory, pg_cluster):
    """(local, server) libraries holding the same inputs, ingested in the same order."""
    inputs = tmp_path_factory.mktemp("inputs")
    for p in SAMPLES.glob("*.txt"):
        shutil.copy(p, inputs / p.name)
    extra = [_near_duplicate(tmp_path_factory.mktemp("dup")), _book(tmp_path_factory.mktemp("b"))]
    local = Library(tmp_path_factory.mktemp("local") / "archive")
    server = open_library(pg_cluster.create_database("contract_pair"))
    for lib in (local, server):
        report = lib.ingest([inputs])
        assert len(report.added) == 5
        report = lib.ingest(extra)
        assert len(report.added) == 1 and len(report.versions) == 1
    yield local, server
    local.close()
    server.close()


@pytest.mark.parametrize("query", QUERIES)
def test_every_query_finds_the_same_articles_with_the_same_facets(pair, query):
    local, server = pair
    a, b = local.search(query, limit=50), server.search(query, limit=50)
    # a version group shows once, by whichever of its articles matched best: compare groups
    assert (b.total, _groups(server, b)) == (a.total, _groups(local, a)), query
    for facet in ("year", "company", "topic"):
        assert b.facets[facet] == a.facets[facet], (query, facet)
    assert b.fallback == a.fallback


def _latin(ch: str) -> bool:
    return ch.isalnum() and not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def _whole_words(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened so it neither starts nor ends inside a Latin word or a
    number (those match whole, as tests/index/test_recall.py says)."""
    while start > 0 and _latin(text[start - 1]) and _latin(text[start]):
        start -= 1
    while end < len(text) and _latin(text[end - 1]) and _latin(text[end]):
        end += 1
    return text[start:end]


def _groups(lib, result) -> dict[int, int]:
    """First copy of each hit's version group -> the group's size."""
    return {lib.versions(h.id)[0].id: h.versions for h in result.hits}


def test_date_order_and_paging_agree(pair):
    local, server = pair
    for sort in ("date", "date_asc", "added", "added_asc", "title"):
        assert server.search("", sort=sort, limit=50).ids == local.search(
            "", sort=sort, limit=50).ids, sort
    pages = [h.id for off in (0, 2, 4) for h in server.search("", sort="date", offset=off,
                                                               limit=2).hits]
    assert pages == server.search("", sort="date", limit=6).ids


def test_any_substring_of_the_long_text_finds_it_and_absent_strings_find_nothing(pair):
    local, server = pair
    book = next(h.id for h in server.search('"一部很长的汇编"').hits)
    text = server.get(book).text
    rnd = random.Random(17)
    for _ in range(60):
        size = rnd.randint(2, 12)
        start = rnd.randrange(0, len(text) - size)
        sub = _whole_words(text, start, start + size).replace('"', " ").strip()
        if not any(ch.isalnum() for ch in sub):
            continue
        found = server.search(f'"{sub}"', limit=50)
        assert book in found.ids, sub
        assert _groups(server, found) == _groups(local, local.search(f'"{sub}"', limit=50)), sub
    # in the last window only, and in no window at all
    assert book in server.search("书末独有的一句话").ids
    for absent in ("最后一行长篇", "plant the battery", "chargedat"):
        assert server.search(f'"{absent}"').total == local.search(f'"{absent}"').total == 0


def test_the_original_comes_back_byte_for_byte_and_checked(pair, tmp_path):
    _, server = pair
    aid = server.search('"逆势扬帆求跨越"').hits[0].id
    path = server.original_path(aid)
    source = next(p for p in SAMPLES.glob("*.txt") if "逆势扬帆求跨越" in p.read_text("utf-8"))
    assert path.read_bytes() == source.read_bytes()
    server.export([aid], "zip", tmp_path / "out.zip")
    import zipfile

    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        assert any(zf.read(n) == source.read_bytes() for n in zf.namelist())


def test_a_server_archive_refuses_bytes_that_do_not_match_their_checksum(pg_cluster):
    import psycopg

    url = pg_cluster.create_database("contract_checksum")
    open_library(url).close()
    with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("INSERT INTO originals (sha256, size, data) VALUES (%s, 1, 'x')",
                     ("0" * 64,))


def test_an_edit_is_searchable_and_kept_when_reopened(pg_cluster, sample_dir):
    url = pg_cluster.create_database("contract_edit")
    with open_library(url) as lib:
        lib.ingest([sample_dir])
        aid = lib.search('"逆势扬帆求跨越"').hits[0].id
        lib.edit(aid, Edit(title="斑马线上的新标题", date="2019-05-04", add_topics=["人才"]))
    with open_library(url) as again:
        assert again.search("title:斑马线").ids == [aid]
        article = again.get(aid)
        assert (article.title, article.year, article.edited) == ("斑马线上的新标题", 2019, True)
        assert "人才" in article.topics
        assert again.facets()["year"]["2019"] == 1
        assert again.check_index()["ok"]
