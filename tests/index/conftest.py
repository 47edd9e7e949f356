"""An index of the five sample articles, built directly (no archive), for engine tests."""

from __future__ import annotations

import pytest
from sample_index import documents, sample_texts

from index.engine import SearchIndex


@pytest.fixture(scope="module")
def texts() -> dict[int, str]:
    return sample_texts()


@pytest.fixture(scope="module")
def engine(tmp_path_factory, texts) -> SearchIndex:
    ix = SearchIndex(tmp_path_factory.mktemp("ix"))
    ix.add(documents(texts))
    yield ix
    ix.close()
