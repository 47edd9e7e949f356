"""GB/T 7714 newspaper citations: 作者. 题名[N]. 报纸名, 出版日期(版次)."""

from __future__ import annotations

from archive.document import Article
from archive.exporters.citation import citation, newspaper_from_source


def _a(**kw) -> Article:
    base = {"id": 1, "title": "为汽车产业高质量发展“蓄势赋能”", "text": "", "blocks": [],
                "authors": ["柳青"], "date": "2023-10-19", "source_name": "000_b23c919e069612c2.txt"}
    base.update(kw)
    return Article(**base)


def test_full_citation_with_newspaper_and_page():
    assert citation(_a(), newspaper="长春日报", edition="3") == \
        "柳青. 为汽车产业高质量发展“蓄势赋能”[N]. 长春日报, 2023-10-19(3)."


def test_unknown_newspaper_is_left_out_not_guessed_from_a_hash_file_name():
    assert citation(_a()) == "柳青. 为汽车产业高质量发展“蓄势赋能”[N]. 2023-10-19."
    assert newspaper_from_source("000_b23c919e069612c2.txt") is None
    assert newspaper_from_source("长春日报.pdf") == "长春日报"
    assert citation(_a(source_name="长春日报.html")).endswith("[N]. 长春日报, 2023-10-19.")


def test_more_than_three_authors_and_none():
    assert citation(_a(authors=["甲", "乙", "丙", "丁"])).startswith("甲, 乙, 丙, 等. ")
    assert citation(_a(authors=[])).startswith("为汽车产业")
    english = _a(title="Changchun builds cars.", authors=["A", "B", "C", "D"], language="en")
    assert citation(english).startswith("A, B, C, et al. Changchun builds cars[N]. ")


def test_missing_date_and_title():
    assert citation(_a(date=None)) == "柳青. 为汽车产业高质量发展“蓄势赋能”[N]."
    assert citation(_a(title="", authors=[], date="2024")) == "#1[N]. 2024."
