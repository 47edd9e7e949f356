"""Collections, tags, notes and saved searches on a real archive and index."""

from __future__ import annotations

import json

import pytest

from archive.library import EditError, Library, Organise, QueryError, SavedSearch


@pytest.fixture
def library(any_library):
    """These tests are the Library contract: they run on both backends (tests/backends.py)."""
    return any_library

NOTE_WORD = "斑马鱼观察"  # in no sample article


@pytest.fixture
def ids(library: Library) -> list[int]:
    return sorted(library.search("", limit=10).ids)


def _tagged(library: Library, ids: list[int]) -> None:
    a, b, c, d, _ = ids
    library.organise([a, b], Organise(add_tags=["精读"]))
    library.organise([b, c, d], Organise(add_tags=["待查"]))
    library.organise([a], Organise(add_collections=["汽车/电动"]))
    library.organise([d], Organise(add_collections=["政策"]))


def test_collection_and_tag_facets_count_and_drill_sideways(library, ids):
    _tagged(library, ids)
    a, b, c, d, e = ids
    everything = library.search("")
    assert everything.facets["tag"] == {"待查": 3, "精读": 2}
    assert everything.facets["collection"] == {"政策": 1, "汽车": 1, "汽车/电动": 1}

    one = library.search("", tags=["精读"])
    assert sorted(one.ids) == [a, b]
    assert one.facets["tag"] == {"待查": 3, "精读": 2}  # its own selection ignored
    assert one.facets["collection"] == {"汽车": 1, "汽车/电动": 1}  # other facets narrowed
    assert sum(one.facets["year"].values()) == 2

    either = library.search("", tags=["精读", "待查"])  # OR within a facet
    assert sorted(either.ids) == [a, b, c, d]
    both = library.search("", tags=["待查"], collections=["政策"])  # AND across facets
    assert both.ids == [d]
    assert both.facets["tag"] == {"待查": 1}
    assert both.facets["collection"] == {"政策": 1}
    assert library.search("", tags=["精读"], collections=["政策"]).total == 0

    year = str(library.get(e).year)
    in_year = library.search("", years=[year])
    assert e in in_year.ids
    # A year selection narrows the tag counts to that year's tagged articles.
    expected = sum(1 for i in (b, c, d) if str(library.get(i).year) == year)
    assert in_year.facets["tag"].get("待查", 0) == expected


def test_a_parent_collection_holds_its_children(library, ids):
    library.organise(ids[:2], Organise(add_collections=["汽车/电动"]))
    library.organise(ids[2:3], Organise(add_collections=["汽车/燃油"]))
    library.organise(ids[3:4], Organise(add_collections=["汽车"]))
    assert sorted(library.search("", collections=["汽车"]).ids) == ids[:4]
    assert sorted(library.search("", collections=["汽车/电动"]).ids) == ids[:2]
    facets = library.search("").facets["collection"]
    assert facets == {"汽车": 4, "汽车/电动": 2, "汽车/燃油": 1}


def test_a_word_of_a_note_finds_the_article(library, ids):
    target = ids[2]
    assert library.search(NOTE_WORD).total == 0
    library.set_note(target, f"# 读后\n\n要再看：{NOTE_WORD}的部分。")
    found = library.search(NOTE_WORD)
    assert found.ids == [target]
    assert NOTE_WORD in found.hits[0].snippet.to_marked("[", "]")  # the snippet shows it
    assert library.get(target).note.startswith("# 读后")
    library.set_note(target, "")
    assert library.search(NOTE_WORD).total == 0
    assert library.get(target).note == ""


def test_collections_tags_and_notes_survive_reindex_and_reopening(library, ids, new_library):
    _tagged(library, ids)
    library.set_note(ids[0], NOTE_WORD)
    before = library.search("").facets
    library.reindex()
    assert library.search("").facets == before
    assert library.search(NOTE_WORD).ids == [ids[0]]
    library.close()
    with new_library() as again:
        assert again.search("").facets["tag"] == {"待查": 3, "精读": 2}
        assert again.get(ids[0]).collections == ["汽车/电动"]
        assert again.get(ids[1]).tags == ["待查", "精读"]
        assert again.search(NOTE_WORD).ids == [ids[0]]


def test_tagging_leaves_the_index_and_text_results_as_they_were(library, ids):
    queries = ["汽车", "一汽 AND 人才", '"新能源"']
    before = {q: [(h.id, h.score) for h in library.search(q, limit=50).hits] for q in queries}
    grams = getattr(library._index, "_index", None)  # the server's index has no segments
    generation = grams.grams.snapshot().generation if grams else None
    _tagged(library, ids)
    library.organise(ids, Organise(remove_tags=["待查"], add_collections=["全部"]))
    if grams:
        assert grams.grams.snapshot().generation == generation  # no postings rewritten
    after = {q: [(h.id, h.score) for h in library.search(q, limit=50).hits] for q in queries}
    assert after == before
    assert library.search("", tags=["待查"]).total == 0
    assert library.search("", collections=["全部"]).total == 5


def test_bad_names_and_unknown_ids_change_nothing(library, ids):
    with pytest.raises(EditError, match="tag needs a name"):
        library.organise(ids[:1], Organise(add_tags=["  "]))
    with pytest.raises(EditError):
        library.organise([ids[0], 99999], Organise(add_tags=["x"]))
    assert library.tags() == {}
    library.organise(ids[:1], Organise(add_collections=[" 汽车 /  电动 "]))
    assert library.collections() == {"汽车/电动": 1}


def test_deleted_articles_leave_their_collections(library, ids):
    _tagged(library, ids)
    library.delete([ids[0]])
    assert library.search("").facets["tag"] == {"待查": 3, "精读": 1}
    library.empty_trash()
    assert library.tags() == {"待查": 3, "精读": 1}
    assert library.collections() == {"政策": 1}


def test_exports_carry_collections_tags_and_note(library, ids, tmp_path):
    library.organise([ids[0]], Organise(add_tags=["精读"], add_collections=["汽车/电动"],
                                        note=f"{NOTE_WORD}：第二段"))
    md = library.export([ids[0]], "md", tmp_path / "a.md")[0].read_text(encoding="utf-8")
    assert "精读" in md and "汽车/电动" in md and NOTE_WORD in md
    data = json.loads(library.export([ids[0]], "json", tmp_path / "a.json")[0]
                      .read_text(encoding="utf-8"))
    item = data[0] if isinstance(data, list) else data["articles"][0]
    assert item["tags"] == ["精读"] and item["note"].startswith(NOTE_WORD)
    csv_text = library.export([ids[0]], "csv", tmp_path / "a.csv")[0].read_text(encoding="utf-8-sig")
    assert "collections" in csv_text.splitlines()[0] and NOTE_WORD in csv_text


def test_saved_searches_keep_filters_and_sort_and_count_live(library, ids):
    _tagged(library, ids)
    saved = library.save_search(SavedSearch("  待查 文章 ", "", {"tag": ["待查"]}, "date"))
    assert saved.name == "待查 文章"
    assert [s.name for s in library.saved_searches()] == ["待查 文章"]
    assert library.saved_count(saved) == 3
    result = library.run_saved(library.saved_search("待查 文章"))
    dates = [h.date or "" for h in result.hits]
    assert sorted(result.ids) == ids[1:4] and dates == sorted(dates, reverse=True)
    library.organise([ids[4]], Organise(add_tags=["待查"]))
    assert library.saved_count(saved) == 4  # live
    with pytest.raises(QueryError):
        library.save_search(SavedSearch("坏", "汽车 OR"))
    with pytest.raises(EditError):
        library.save_search(SavedSearch("   ", "x"))
    library.remove_saved("待查 文章")
    assert library.saved_searches() == []
    with pytest.raises(EditError, match="no saved search"):
        library.remove_saved("待查 文章")
