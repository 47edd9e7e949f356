"""The helpers defined once and shared: Chinese character ranges, the ISO date builder and
span merging; each user agrees with them."""

from __future__ import annotations

from archive.isodate import iso_date
from archive.readers.docmeta import iso_text
from archive.readers.html import iso_date as html_date
from index.cjk import is_gram_char, is_ideograph
from index.grams import CJK, char_classes, to_codes
from index.snippets import find_spans, merge_spans


def test_the_gram_index_splits_exactly_the_characters_the_cjk_module_names():
    cps = [*range(0x2E00, 0x10000), 0x20000, 0x2A6D6, 0x30000, 0x3134A, 0x1F600, 0x10400]
    text = "".join(chr(c) for c in cps if not 0xD800 <= c <= 0xDFFF)
    classes = char_classes(to_codes(text))
    assert [c == CJK for c in classes.tolist()] == [is_gram_char(ch) for ch in text]


def test_ideographs_of_every_plane_count_and_iteration_marks_only_as_grams():
    assert all(is_ideograph(ch) for ch in "中㐀豈𠀀𰀀")
    assert not any(is_ideograph(ch) for ch in "々。Aあ１")
    assert is_gram_char("々") and is_gram_char("〇")


def test_one_date_builder_for_the_detector_and_the_readers():
    assert iso_date(2024, 6, 18) == "2024-06-18"
    assert iso_date("2024", "02", "30") == "2024-02"  # no 30 February: the month stays
    assert iso_date(2023, 2, 29) == "2023-02" and iso_date(2024, 2, 29) == "2024-02-29"
    assert iso_date(2024, 13) is None and iso_date(1799) is None and iso_date("20x4") is None
    assert iso_text("2026-11-22T01:16:18Z") == "2026-11-22"
    assert iso_text("2024-02-30") == iso_date(2024, 2, 30)
    assert html_date("发布时间：2024年2月30日") == iso_date(2024, 2, 30)
    assert html_date("2024年6月8日 10:00") == "2024-06-08"


def test_spans_merge_once_for_marks_and_mentions():
    assert merge_spans([(5, 8), (0, 2), (1, 4), (8, 9), (6, 7)]) == [(0, 4), (5, 8), (8, 9)]
    text = "比亚迪汽车与比亚迪"
    assert find_spans(text, ["比亚迪", "亚迪汽"]) == [(0, 4), (6, 9)]  # 比亚迪汽, 比亚迪
    assert merge_spans([]) == []
