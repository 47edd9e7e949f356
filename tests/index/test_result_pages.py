"""The local engine's page and the server's share one ``ResultPage``: the spaced query
searched instead of an unspaced one found nowhere as typed, and every hit id in result
order (worked out on first use), the same on both."""

from __future__ import annotations

import numpy as np
import pytest

from archive.backends import ResultPage


@pytest.fixture(scope="module", params=["local", "postgres"])
def engine(request, tmp_path_factory, texts):
    from sample_index import documents

    from tests.backends import engine_for

    yield from engine_for(request, tmp_path_factory.mktemp("ix"), documents(texts), "pages")


def test_an_unspaced_query_found_nowhere_as_typed_says_what_was_searched(engine):
    page = engine.search("营商环境长春", limit=2)
    assert isinstance(page, ResultPage)
    assert page.fallback == "营商环境 长春" and page.total == 5
    assert engine.search("营商环境", limit=2).fallback is None


def test_every_id_in_result_order_on_first_use(engine, texts):
    page = engine.search("", sort="date", limit=2)
    ids = page.all_ids
    assert ids.dtype == np.int64 and page.all_ids is ids  # worked out once
    assert sorted(ids.tolist()) == sorted(texts) and len(ids) == page.total
    assert ids[:2].tolist() == [h.id for h in page.hits]
    nothing = engine.search("xyzzy")
    assert nothing.all_ids.dtype == np.int64 and nothing.all_ids.size == 0
