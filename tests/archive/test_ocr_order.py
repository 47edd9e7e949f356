"""Reading order and paragraphs of OCR'd lines, on line boxes laid out like real pages."""

from __future__ import annotations

from dataclasses import dataclass

from archive.ocr.layout import OcrLine, OcrPage
from archive.ocr.order import join_lines, paragraphs, reading_order
from archive.ocr.recognise import page_text, tidy_line


@dataclass(frozen=True)
class L:
    text: str
    box: tuple[int, int, int, int]


def column(x0: int, y0: int, texts: list[str], width: int = 400, pitch: int = 36,
           size: int = 24, indent_first: bool = True) -> list[L]:
    """Lines of one column: full width but the last, the first indented two characters."""
    out = []
    for i, t in enumerate(texts):
        left = x0 + (2 * size if i == 0 and indent_first else 0)
        right = x0 + width if i < len(texts) - 1 else x0 + width // 3
        out.append(L(t, (left, y0 + i * pitch, right, y0 + i * pitch + size)))
    return out


def test_headline_then_left_column_then_right_column() -> None:
    head = L("长春汽车产业再创新高", (200, 40, 800, 100))
    left = column(60, 160, ["左栏第一行", "左栏第二行", "左栏第三行"])
    right = column(520, 160, ["右栏第一行", "右栏第二行", "右栏第三行"])
    # the recogniser returns lines in no useful order: interleaved rows
    shuffled = [right[0], left[0], head, right[1], left[1], right[2], left[2]]
    ordered = reading_order(shuffled, height=1200)
    assert [ln.text for ln in ordered] == [
        head.text, *[ln.text for ln in left], *[ln.text for ln in right]]


def test_a_kicker_above_the_headline_comes_after_it() -> None:
    kicker = L("本报讯", (60, 20, 160, 44))
    head = L("新能源汽车产量翻番", (200, 70, 800, 130))
    body = column(60, 180, ["正文第一行", "正文第二行"], width=700)
    ordered = reading_order([kicker, *body, head], height=1200)
    assert ordered[0] is head and ordered[1] is kicker


def test_vertical_columns_are_read_right_to_left() -> None:
    cols = [L(t, (700 - 60 * i, 100, 724 - 60 * i, 600)) for i, t in
            enumerate(["第一列竖排文字", "第二列竖排文字", "第三列竖排文字"])]
    ordered = reading_order(list(reversed(cols)), height=800)
    assert [ln.text for ln in ordered] == [c.text for c in cols]


def test_a_paragraph_runs_on_into_the_next_column() -> None:
    left = column(60, 160, ["段落开头在左栏", "左栏最后一行满"], indent_first=True)
    left[-1] = L(left[-1].text, (60, left[-1].box[1], 460, left[-1].box[3]))  # full width
    right = [L("接着在右栏的第一行", (520, 160, 920, 184)), L("结束。", (520, 196, 600, 220)),
             L("下一段", (568, 232, 700, 256))]  # the next paragraph is indented
    paras = paragraphs(reading_order(left + right, height=1200))
    assert [join_lines([ln.text for ln in p]) for p in paras] == [
        "段落开头在左栏左栏最后一行满接着在右栏的第一行结束。", "下一段"]


def test_an_indented_line_starts_a_new_paragraph() -> None:
    lines = column(60, 100, ["第一段第一行", "第一段最后"]) + \
        column(60, 172, ["第二段第一行", "第二段最后"])
    paras = paragraphs(reading_order(lines, height=800))
    assert [[ln.text for ln in p] for p in paras] == [
        ["第一段第一行", "第一段最后"], ["第二段第一行", "第二段最后"]]


def test_lines_join_without_spaces_in_chinese_and_with_spaces_in_english() -> None:
    assert join_lines(["长春汽车产业", "高质量发展"]) == "长春汽车产业高质量发展"
    assert join_lines(["FAW-Volkswagen said its", "plant will grow"]) == \
        "FAW-Volkswagen said its plant will grow"
    assert join_lines(["一汽与", "Volkswagen签约"]) == "一汽与Volkswagen签约"


def test_page_text_agrees_with_the_line_offsets() -> None:
    body = column(60, 160, ["第一段的第一行文字", "第一段的第二行"]) + \
        column(60, 250, ["English words keep", "their spaces"])
    page = OcrPage(1, 600, 800, 0.99, False, tuple(
        OcrLine(ln.text, ln.box, 0.99, "body", -1, -1) for ln in body))
    text = page_text(page)
    assert text == "第一段的第一行文字第一段的第二行\nEnglish words keep their spaces"


def test_a_subtitle_dash_read_as_a_hyphen_and_yi_is_restored() -> None:
    assert tidy_line("-一写在2023中德汽车大会召开之际") == "——写在2023中德汽车大会召开之际"
    assert tidy_line("一一对应") == "一一对应"


def test_lines_are_placed_in_the_stored_title_and_body() -> None:
    from archive.ocr.textdoc import place_lines

    lines = tuple(OcrLine(t, (0, 0, 10, 10), 0.99, "body", -1, -1)
                  for t in ("长春汽车", "产业新篇", "写在前面", "长春汽车产业", "已删除的行"))
    page = OcrPage(1, 100, 100, 0.99, False, lines)
    title, body = "长春汽车产业新篇", "长春汽车产业新篇\n写在前面\n长春汽车产业发展"
    (placed,) = place_lines([page], title, body)
    got = [(ln.field, ln.start, ln.end) for ln in placed.lines]
    assert got == [("title", 0, 4), ("title", 4, 8), ("body", 9, 13), ("body", 14, 20),
                   ("body", -1, -1)]
    # "长春汽车产业" is in the title too, but it comes after body lines: the body's


def test_a_body_line_that_quotes_make_tall_is_not_taken_for_the_headline() -> None:
    # Article 003 at 150 dpi (tests/perf/ocr_testset.py): the short last line of a paragraph,
    # "质量发展跃升行动。”", has a box 34 px tall against the body's 23 (the closing quote
    # and full stop stretch it), 1.48 times the body: it was read second, as part of the
    # headline. Its characters advance 22 px like the body's; the headline's advance 40.
    head = L("跃升·迈向世界级先进制造业集群", (139, 88, 735, 127))
    date = L("长春日报2024年3月29日星期五", (84, 150, 420, 170))
    left = [L("两个多小时的时间，表彰先进、总", (84, 200 + 34 * i, 418, 223 + 34 * i))
            for i in range(12)]
    right = [L("身兼长春市工信局局长与长春汽开", (454, 200 + 34 * i, 788, 223 + 34 * i))
             for i in range(3)]
    tall = L("质量发展跃升行动。”", (452, 302, 669, 336))
    right += [tall] + [L("“真抓实干、只争朝夕、攻坚克难", (454, 340 + 34 * i, 788, 363 + 34 * i))
                       for i in range(8)]
    ordered = reading_order([tall, *right, date, *left, head], height=1240)
    assert ordered[0] is head and ordered[1] is date
    assert ordered.index(tall) == 2 + len(left) + 3  # in its column, after the lines above it


def _menu() -> list[L]:
    """A menu bar and a drop-down menu at screen size (15 px lines): labels from x=44,
    ragged, shortcuts right-aligned at x=222 on their labels' rows, some rows without."""
    rows = [("显示层管理(Y)", None), ("放大(I)", "Alt+F1"), ("缩小(O)", "Alt+F2"),
            ("缩放至适合大小(F)", "Home"), ("放大选取", "Ctrl+F5"), ("刷新显示(R)", "F3"),
            ("显示网格(G)", None), ("单位(U)", None)]
    out = [L("视图(V)", (5, 2, 48, 17)), L("设置(S)", (60, 2, 101, 17)),
           L("放置(P)", (113, 2, 154, 17)), L("布线(U)", (166, 2, 209, 17))]
    for i, (label, key) in enumerate(rows):
        y = 30 + 32 * i
        out.append(L(label, (44, y, 44 + 11 * len(label), y + 15)))
        if key:
            out.append(L(key, (222 - 8 * len(key), y + 1, 222, y + 14)))
    return out


def test_a_menu_is_read_row_by_row_label_then_shortcut() -> None:
    menu = _menu()
    ordered = reading_order(list(reversed(menu)), height=300)
    assert [ln.text for ln in ordered] == [
        "视图(V)", "设置(S)", "放置(P)", "布线(U)", "显示层管理(Y)", "放大(I)", "Alt+F1",
        "缩小(O)", "Alt+F2", "缩放至适合大小(F)", "Home", "放大选取", "Ctrl+F5",
        "刷新显示(R)", "F3", "显示网格(G)", "单位(U)"]


def test_buttons_beside_a_dialog_s_check_boxes_stay_a_column_of_their_own() -> None:
    # the Find dialog's layout: check boxes at the left, buttons placed on their own
    # (their middles 3-5 px off the rows of the boxes beside them)
    boxes = [L(t, (27, 81 + 23 * i, 27 + 14 * len(t), 96 + 23 * i)) for i, t in
             enumerate(["全字匹配(D)", "区分大小写(M)", "使用通配符(u)", "从头开始搜索(E)"])]
    buttons = [L("查找(F)", (254, 77, 295, 93)), L("关闭", (262, 108, 289, 123))]
    ordered = reading_order(buttons + boxes, height=271)
    assert [ln.text for ln in ordered] == [ln.text for ln in boxes + buttons]


def test_justified_columns_on_one_baseline_grid_are_still_read_column_by_column() -> None:
    # a newspaper page's two columns share their baselines; a short last line in the right
    # column sits on a row of the left column: still the left column first
    left = column(60, 160, ["左栏第一行", "左栏第二行", "左栏第三行", "左栏第四行"])
    right = [L("右栏的末行。", (520, 160, 600, 184))]
    ordered = reading_order(right + left, height=1200)
    assert [ln.text for ln in ordered] == [ln.text for ln in left + right]
