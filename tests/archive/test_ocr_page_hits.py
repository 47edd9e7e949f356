"""Search hits mapped onto OCR lines: which lines, which part of each, and back from a point."""

from __future__ import annotations

from archive.ocr.layout import OcrLine, OcrPage
from archive.ocr.page_hits import HitBox, hit_boxes, line_at_point, line_for_offset, part_box

TITLE = "长春汽车产业新闻"
BODY = "一汽解放今日发布新能源重卡。\n宁德时代提供电池，芯片来自本地工厂。"


def line(text: str, field: str, start: int, box, conf: float = 0.9) -> OcrLine:
    return OcrLine(text, box, conf, field, start, start + len(text) if start >= 0 else -1)


def pages() -> list[OcrPage]:
    # page 1: the title and the first body line; page 2: the second body line split in two
    # lines, and a vertical caption that is not stored.
    p1 = OcrPage(1, 1000, 1400, 0.9, False, (
        line(TITLE, "title", 0, (100, 50, 900, 130)),          # 8 chars, 100 px each
        line("一汽解放今日发布新能源重卡。", "body", 0, (100, 200, 1500, 260)),  # 14 chars
    ))
    second = BODY.index("宁德")
    p2 = OcrPage(2, 1000, 1400, 0.5, True, (
        line("宁德时代提供电池，", "body", second, (100, 100, 1000, 160)),  # 9 chars, 100 px
        line("芯片来自本地工厂。", "body", second + 9, (100, 180, 1000, 240)),
        line("图片说明", "body", -1, (900, 300, 950, 700)),
        line("竖排文字", "body", 500, (20, 300, 70, 700)),  # vertical: 4 chars of 100 px
    ))
    return [p1, p2]


def test_hit_is_boxed_in_proportion_to_its_characters():
    start = TITLE.index("汽车")
    [box] = hit_boxes(pages(), {"title": [(start, start + 2)]})
    assert box == HitBox(1, 0, (300, 50, 500, 130))


def test_fields_are_kept_apart():
    # 汽车 at offset 2 of the body would fall in the first body line: only the title's counts
    assert [b.line for b in hit_boxes(pages(), {"title": [(2, 4)]})] == [0]
    assert [b.page_no for b in hit_boxes(pages(), {"body": [(2, 4)]})] == [1]


def test_hit_across_a_line_break_is_boxed_on_both_lines():
    start = BODY.index("电池，芯片")
    boxes = hit_boxes(pages(), {"body": [(start, start + 5)]})
    assert [(b.page_no, b.line) for b in boxes] == [(2, 0), (2, 1)]
    # each line: 8 characters and a final comma / full stop inked in its left half only
    assert boxes[0].box == (round(100 + 900 * 6 / 8.5), 100, 1000, 160)  # 电池，
    assert boxes[1].box == (100, 180, round(100 + 900 * 2 / 8.5), 240)  # 芯片


def test_hit_between_lines_or_in_no_line_gives_no_box():
    newline = BODY.index("\n")
    assert hit_boxes(pages(), {"body": [(newline, newline + 1)]}) == []
    assert hit_boxes(pages(), {"body": []}) == []
    assert hit_boxes(pages(), {"body": [(900, 950)]}) == []


def test_vertical_line_is_cut_along_its_height():
    [box] = hit_boxes(pages(), {"body": [(501, 503)]})
    assert box == HitBox(2, 3, (20, 400, 70, 600))


def test_several_hits_on_one_line():
    boxes = hit_boxes(pages(), {"body": [(9, 11), (0, 2)]})
    assert [b.box[0] for b in boxes] == [100, round(100 + 1400 * 9 / 13.5)]


def test_part_box_clips_to_the_line():
    ln = line("宁德时代", "body", 10, (0, 0, 400, 50))
    assert part_box(ln, 0, 100) == (0, 0, 400, 50)
    assert part_box(ln, 12, 100) == (200, 0, 400, 50)


def test_line_for_offset():
    second = BODY.index("宁德")
    assert line_for_offset(pages(), "title", 3) == (1, 0)
    assert line_for_offset(pages(), "body", 3) == (1, 1)
    assert line_for_offset(pages(), "body", second + 10) == (2, 1)
    # the newline between paragraphs: the next line
    assert line_for_offset(pages(), "body", BODY.index("\n")) == (2, 0)
    assert line_for_offset(pages(), "body", 10_000) is None
    assert line_for_offset(pages(), "kicker", 0) is None


def test_line_at_point():
    p1, p2 = pages()
    assert line_at_point(p1, 150, 100) == 0
    assert line_at_point(p1, 150, 230) == 1
    assert line_at_point(p1, 150, 170) is None
    assert line_at_point(p2, 930, 500) == 2


def test_latin_letters_and_digits_count_as_half_a_chinese_character():
    text = "2024年5月8日重卡"  # 4 + 1 + 1 + 1 + 1 + 1 + 2: digits 0.55 em, CJK 1 em
    ln = line(text, "body", 0, (0, 0, 1000, 40))
    widths = [0.55] * 4 + [1.0, 0.55, 1.0, 0.55, 1.0, 1.0, 1.0]
    total = sum(widths)
    x0, _, x1, _ = part_box(ln, text.index("重卡"), len(text))
    assert x0 == round(1000 * sum(widths[:-2]) / total) and x1 == 1000
    # a line whose stored span differs from its text: counted by characters
    odd = OcrLine("AB", (0, 0, 100, 10), 0.9, "body", 0, 4)
    assert part_box(odd, 2, 4) == (50, 0, 100, 10)


def test_wide_punctuation_at_the_ends_of_a_line_counts_half():
    ln = line("「重卡。", "body", 0, (0, 0, 300, 40))  # inked: half, 1, 1, half = 3 ems
    assert part_box(ln, 1, 3) == (50, 0, 250, 40)
    mid = line("重，卡", "body", 0, (0, 0, 300, 40))  # a comma inside the line is whole
    assert part_box(mid, 2, 3) == (200, 0, 300, 40)
