"""An index of the five sample articles, built directly (no archive), for engine tests."""

from __future__ import annotations

import pytest
from sample_index import FACET_VALUES, first_line, sample_texts

from index.engine import SearchIndex
from index.schema import IndexDocument


@pytest.fixture(scope="module")
def texts() -> dict[int, str]:
    return sample_texts()


@pytest.fixture(scope="module")
def engine(tmp_path_factory, texts) -> SearchIndex:
    ix = SearchIndex(tmp_path_factory.mktemp("ix"))
    docs = []
    for aid, text in texts.items():
        year, companies, topics, authors = FACET_VALUES[aid]
        docs.append(IndexDocument(
            id=aid, title=first_line(text), body=text, authors=authors, year=year,
            date=f"{year}-06-01" if year else None, companies=companies, topics=topics,
        ))
    ix.add(docs)
    yield ix
    ix.close()
