"""Groups in the engine: a group is one result, represented by its best-matching member."""

from __future__ import annotations

import numpy as np

from index.engine import SearchIndex
from index.groups import Groups
from index.schema import IndexDocument


def _docs() -> list[IndexDocument]:
    base = "长春汽车产业集群发展迅速，一汽红旗新工厂投产。"
    return [
        IndexDocument(1, "红旗工厂投产", base, year=2023, companies=["中国一汽"]),
        IndexDocument(2, "紅旗工廠投產", base + "繁体版另有一句：本版独有的说明。", year=2023,
                      companies=["中国一汽"]),
        IndexDocument(3, "红旗工厂投产", base + "网页版附图说明。", year=2023,
                      companies=["中国一汽"]),
        IndexDocument(4, "解放新车下线", "一汽解放新车在长春下线。", year=2021,
                      companies=["一汽解放"]),
    ]


def test_a_group_is_one_hit_with_the_best_member_and_counts_once(tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.add(_docs())
    groups = Groups([(2, 1), (3, 1)])
    page = index.search("长春", groups=groups, limit=10)
    assert page.total == 2
    assert len(page.all_ids) == 2 and 4 in page.all_ids.tolist()
    assert page.facets["year"] == {"2023": 1, "2021": 1}
    assert page.facets["company"] == {"中国一汽": 1, "一汽解放": 1}
    assert sorted(h.versions for h in page.hits) == [1, 3]

    only = index.search("本版独有", groups=groups)
    assert [(h.id, h.versions) for h in only.hits] == [(2, 3)]
    assert index.search("附图", groups=groups).hits[0].id == 3

    ungrouped = index.search("长春", limit=10)
    assert ungrouped.total == 4
    index.close()


def test_collapse_keeps_order_and_the_first_of_each_group():
    groups = Groups([(5, 2), (9, 2), (7, 3)])
    aid = np.array([1, 2, 3, 5, 7, 9, 11])
    docs = np.arange(len(aid))
    rank = np.array([0.5, 0.9, 0.1, 0.2, 0.0, 0.3, 0.4])  # lower is better
    kept = groups.collapse(docs, aid, (rank,))
    assert aid[kept].tolist() == [1, 5, 7, 11]
    assert groups.size(9) == 3 and groups.size(3) == 2 and groups.size(11) == 1
