"""Delete, trash, restore, empty and undo of the last import, on a real archive and index."""

from __future__ import annotations

import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest

from archive.library import Edit, EditError, Library, TrashError


@pytest.fixture
def library(any_library):
    """These tests are the Library contract: they run on both backends (tests/backends.py)."""
    return any_library

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "corpus"


def _id_of(lib: Library, phrase: str) -> int:
    result = lib.search(f'"{phrase}"', limit=5)
    assert result.total == 1, phrase
    return result.hits[0].id


def _own_company(lib: Library, aid: int) -> str:
    """A company that only article ``aid`` mentions (so its facet value disappears with it)."""
    counts = lib.facets()["company"]
    return next(c for c in lib.get(aid).companies if counts.get(c) == 1)


def _snapshot(lib: Library, queries: list[str]) -> list:
    out = []
    for q in queries:
        r = lib.search(q, limit=50)
        out.append((q, r.total, [h.id for h in r.hits], [h.title for h in r.hits], r.facets))
    return out


QUERIES = ["汽车", "长春", "一汽", "新能源 电池", "company:一汽", "year:2021..2023", ""]


def test_delete_takes_the_article_out_of_search_facets_show_and_stats_but_keeps_its_original(
        library, new_library, tmp_path):
    aid = _id_of(library, "逆势扬帆求跨越")
    company = _own_company(library, aid)
    original = library.original_path(aid)
    assert original.is_file()

    assert library.delete([aid]) == [aid]

    assert library.search('"逆势扬帆求跨越"').total == 0
    assert library.search("").total == 4
    assert company not in library.facets()["company"]
    assert library.get(aid) is None
    assert aid not in {a.id for a in library.more_like_this(library._store.article_ids()[0], 10)}
    stats = library.stats()
    assert (stats["articles"], stats["trashed"], stats["indexed"]) == (4, 1, 4)
    assert [a.id for a in library.trashed()] == [aid]
    assert original.is_file()  # kept until the trash is emptied
    with pytest.raises(Exception, match=str(aid)):
        library.export([aid], "txt", tmp_path / "x.txt")
    # the next start's reconcile does not bring it back into the index
    library.close()
    with new_library(recover=True) as again:
        assert again.search('"逆势扬帆求跨越"').total == 0
        assert again.stats()["indexed"] == 4
        assert "in the trash" in again.missing_reason(aid)


def test_restore_brings_back_the_same_hits_and_the_manual_edits(library):
    aid = _id_of(library, "逆势扬帆求跨越")
    library.edit(aid, Edit(title="逆势扬帆：长春的一年", date="2024-03-01",
                           add_companies=["宁德时代"], add_topics=["人才"]))
    before_article = library.get(aid).to_dict()
    before = _snapshot(library, QUERIES + ["\"长春的一年\"", "company:宁德时代"])

    library.delete([aid])
    assert library.search("\"长春的一年\"").total == 0
    assert library.restore([aid]) == [aid]

    assert library.get(aid).to_dict() == before_article  # edits, companies, topics, times
    assert _snapshot(library, QUERIES + ["\"长春的一年\"", "company:宁德时代"]) == before
    assert library.stats()["trashed"] == 0
    # an edit made later still wins over extraction, as before the delete
    library.reindex()
    assert library.get(aid).title == "逆势扬帆：长春的一年"


def test_ids_that_are_unknown_or_in_the_wrong_place_change_nothing(library):
    ids = library._store.article_ids()
    with pytest.raises(TrashError, match="no article with id 999"):
        library.delete([ids[0], 999])
    assert library.stats()["trashed"] == 0  # the valid id was not deleted either
    library.delete([ids[0]])
    with pytest.raises(TrashError, match="already in the trash"):
        library.delete([ids[0]])
    with pytest.raises(TrashError, match="not in the trash"):
        library.restore([ids[1]])
    with pytest.raises(TrashError, match="no article with id 999"):
        library.restore([999])


def test_deleting_an_article_takes_its_versions_along_and_restore_brings_both(
        tmp_path, sample_dir, new_library):
    first = sorted(sample_dir.glob("*.txt"))[1]
    text = first.read_text(encoding="utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text(text.replace("长春", "长 春", 1), encoding="utf-8")  # the same story
    with new_library("a") as lib:
        head = lib.ingest([first]).added[0]
        report = lib.ingest([edited])
        assert [v["version_of"] for v in report.versions] == [head]
        version = report.versions[0]["id"]

        assert sorted(lib.delete([head])) == sorted([head, version])
        assert lib.stats()["versions"] == 0 and lib.stats()["trashed"] == 2
        with pytest.raises(EditError, match="in the trash"):
            lib.edit(version, Edit(title="x"))
        # near-duplicate matching leaves the trash out: a third copy is an article again
        third = tmp_path / "third.txt"
        third.write_text(text.replace("汽车", "汽 车", 1), encoding="utf-8")
        assert len(lib.ingest([third]).added) == 1
        lib.delete(lib._store.article_ids())
        assert sorted(lib.restore([version])) == sorted([head, version])  # the group
        assert lib._store.versions_of(head) == [version]
        assert lib.search("").total == 1
        # deleted together (the version named first), they come back together
        lib.delete([version, head])
        assert sorted(lib.restore([head])) == sorted([head, version])


def _two_article_mail(path: Path, texts: list[str]) -> Path:
    msg = EmailMessage()
    msg["Subject"] = "两篇报道"
    msg.set_content("见附件。")
    for n, text in enumerate(texts):
        msg.add_attachment(text.encode("utf-8"), maintype="text", subtype="plain",
                           filename=f"article{n}.txt")
    path.write_bytes(msg.as_bytes())
    return path


def test_empty_removes_rows_and_originals_but_not_a_file_another_article_still_uses(
        tmp_path, sample_dir):
    files = sorted(sample_dir.glob("*.txt"))
    mail = _two_article_mail(tmp_path / "two.eml",
                             [f.read_text(encoding="utf-8") for f in files[:2]])
    with Library(tmp_path / "a") as lib:
        in_mail = lib.ingest([mail]).added
        assert len(in_mail) == 2
        alone = lib.ingest([files[2]]).added[0]
        mail_original = lib.original_path(in_mail[0])
        alone_original = lib.original_path(alone)
        assert mail_original != alone_original

        lib.delete([in_mail[0], alone])
        report = lib.empty_trash()
        assert (report.articles, report.sources, report.files) == (2, 1, 1)
        assert not alone_original.exists()
        assert mail_original.is_file()  # the other article of the e-mail still uses it
        assert lib.trashed() == [] and lib.stats()["articles"] == 1
        assert lib._store.query("SELECT count(*) FROM article_companies WHERE article_id IN"
                               " (?, ?)", [in_mail[0], alone])[0][0] == 0
        # the file is gone for good: importing it again adds it as new
        again = lib.ingest([files[2]])
        assert len(again.added) == 1 and again.duplicates == []

        lib.delete([in_mail[1]])
        assert lib.empty_trash().files == 1
        assert not mail_original.exists()
        assert lib.empty_trash().articles == 0  # nothing left to remove


def test_undo_import_trashes_only_the_last_batch(tmp_path, sample_dir, new_library):
    files = sorted(sample_dir.glob("*.txt"))
    second = tmp_path / "second"
    second.mkdir()
    for f in files[3:]:
        shutil.copy(f, second / f.name)
    shutil.copy(files[0], second / "again.txt")  # a duplicate of the first batch
    with new_library("a") as lib:
        first_ids = lib.ingest(files[:3]).added
        second_ids = lib.ingest([second]).added
        assert len(second_ids) == 2
        lib.ingest([files[1]])  # a later import that adds nothing is not "the last import"

        batch = lib.undo_last_import()
        assert batch.live == sorted(second_ids)
        assert sorted(a.id for a in lib.trashed()) == sorted(second_ids)
        assert sorted(lib.search("").ids) == sorted(first_ids)
        assert lib.stats()["articles"] == 3
        with pytest.raises(TrashError, match="nothing to undo"):
            lib.undo_last_import()
        # re-importing the undone files says they are in the trash, with the ids
        report = lib.ingest([second])
        trashed = {d["id"] for d in report.duplicates if d.get("trashed")}
        assert trashed == set(second_ids)
        assert lib.restore(second_ids) == sorted(second_ids)
        assert lib.stats()["articles"] == 5


def test_nothing_to_undo_in_a_new_archive(new_library):
    with new_library("a") as lib, pytest.raises(TrashError, match="no import"):
        lib.undo_last_import()


def test_an_archive_from_before_the_trash_is_migrated_and_its_articles_stay_live(
        tmp_path, sample_dir):
    import sqlite3

    root = tmp_path / "a"
    with Library(root) as lib:
        lib.ingest([sample_dir])
    with sqlite3.connect(root / "archive.sqlite") as db:  # the schema of version 2
        for index in ("idx_articles_live", "idx_articles_trashed", "idx_articles_trashed_with",
                      "idx_articles_source", "idx_ingest_log_batch"):
            db.execute(f"DROP INDEX {index}")
        for table, column in (("articles", "deleted_at"), ("articles", "trashed_with"),
                              ("ingest_log", "batch_id"), ("sources", "batch_id")):
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        db.execute("DROP TABLE import_batches")
        db.execute("PRAGMA user_version = 2")
    with Library(root) as lib:
        assert lib.stats()["articles"] == 5 and lib.stats()["trashed"] == 0
        with pytest.raises(TrashError, match="no import"):  # imports before it had no batch
            lib.undo_last_import()
        lib.delete([lib._store.article_ids()[0]])
        assert lib.stats()["articles"] == 4


def test_an_archive_is_new_until_something_is_imported_and_stays_so_after_the_trash(
        new_library):
    """``is_empty`` decides whether the app imports the samples on first start: never into
    an archive whose articles were all deleted (their files are still its sources)."""
    with new_library("a") as lib:
        assert lib.is_empty()
        lib.ingest([SAMPLES])
        assert not lib.is_empty()
        ids = lib.search("", limit=50).ids
        lib.delete(ids)
        assert lib.stats()["articles"] == 0
        assert not lib.is_empty()
