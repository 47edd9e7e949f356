"""The relevance set: the article a query is about comes first (through the Library)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

RELEVANCE = json.loads((Path(__file__).resolve().parents[1] / "data" / "relevance.json")
                       .read_text(encoding="utf-8"))
CASES = sorted((q, f) for q, f in RELEVANCE.items() if not q.startswith("_"))


@pytest.fixture(scope="module")
def ranked_library(tmp_path_factory):
    from archive.library import Library

    root = Path(__file__).resolve().parents[2] / "resources" / "corpus"
    lib = Library(tmp_path_factory.mktemp("rel") / "archive")
    lib.ingest(sorted(root.glob("*.txt")))
    yield lib
    lib.close()


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_the_article_about_the_query_ranks_first(ranked_library, query, expected):
    result = ranked_library.search(query, limit=3)
    assert result.hits, query
    assert ranked_library.get(result.hits[0].id).source_name == expected


@pytest.mark.parametrize(("typo", "meant"), [
    ("智能网连", "智能网联"), ("营商坏境", "营商环境"), ("高质量发屏", "高质量发展"),
])
def test_did_you_mean_offers_the_word_that_was_meant(ranked_library, typo, meant):
    result = ranked_library.search(typo)
    assert result.total == 0
    assert result.suggestion == meant
    assert ranked_library.search(result.suggestion).total > 0


def test_did_you_mean_is_worked_out_only_when_asked(ranked_library, monkeypatch):
    calls = []
    real = ranked_library._index._index.suggest
    monkeypatch.setattr(ranked_library._index._index, "suggest", lambda terms: calls.append(terms)
                        or real(terms))
    result = ranked_library.search("营商坏境")
    assert result.total == 0 and calls == []  # the empty page costs no edit-distance search
    assert result.suggestion == "营商环境" and len(calls) == 1
    assert result.suggestion == "营商环境" and len(calls) == 1  # asked twice, worked out once
    assert ranked_library.suggest("营商坏境") == "营商环境"
    assert ranked_library.suggest("营商环境") is None  # found: nothing to suggest
