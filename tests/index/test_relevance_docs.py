"""The second relevance set: real documentation (manpages-zh), queries as users type them.

Judgements and sources: tests/data/relevance_docs/. Measured with tests/perf/relevance.py
(before the query-semantics work: precision@3 0.232, nDCG@10 0.482).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "perf"))
from relevance import evaluate


@pytest.fixture(scope="module")
def scores() -> dict:
    return evaluate()


def test_mean_precision_and_ndcg_hold(scores):
    assert scores["documents"] == 36 and scores["queries"] >= 15
    assert scores["mean_p@3"] >= 0.30
    assert scores["mean_ndcg@10"] >= 0.70


@pytest.mark.parametrize(("query", "page"), [
    ("更改文件所有者", "chown.1.txt"), ("远程复制文件", "scp.1.txt"), ("重命名文件", "mv.1.txt"),
    ("检查文件系统", "fsck.8.txt"), ("符号链接", "ln.1.txt"),
])
def test_the_page_for_the_task_comes_first(scores, query, page):
    assert scores["per_query"][query]["top3"][0] == page
