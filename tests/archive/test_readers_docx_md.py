"""Word and Markdown beyond the fixtures: tables, title styles, captions, front matter."""

from __future__ import annotations

import io

import docx
from docx.shared import Pt

from archive.readers import read_bytes


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("看长春")
    document.add_paragraph("逆势扬帆求跨越", style="Title")
    document.add_paragraph("本报记者 孟凡明")
    document.add_heading("政策领航 步履铿锵", level=2)
    mixed = document.add_paragraph("汽车产业被誉为")
    mixed.add_run("工业皇冠上的明珠").italic = True
    mixed.add_run("。")
    caption = document.add_paragraph()
    caption.add_run("中国一汽70年大庆。").italic = True
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数值"
    table.cell(1, 0).text = "整车产值"
    table.cell(1, 1).text = "3165.4亿元"
    broken = document.add_paragraph("第一行")
    broken.add_run().add_break()
    broken.add_run("第二行")
    big = document.add_paragraph("结束语。")
    big.runs[0].font.size = Pt(14)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_title_style_headings_captions_and_tables() -> None:
    doc = read_bytes(make_docx(), "made.docx").documents[0]
    assert doc.title_hint == "逆势扬帆求跨越"
    assert doc.heading_hints == ["政策领航 步履铿锵"]
    assert doc.caption_hints == ["中国一汽70年大庆。"]  # a partly italic paragraph is no caption
    assert doc.text.split("\n") == [
        "看长春",
        "逆势扬帆求跨越",
        "本报记者 孟凡明",
        "政策领航 步履铿锵",
        "汽车产业被誉为工业皇冠上的明珠。",
        "中国一汽70年大庆。",
        "指标",
        "数值",
        "整车产值",
        "3165.4亿元",
        "第一行",
        "第二行",
        "结束语。",
    ]


def test_markdown_front_matter_soft_breaks_links_and_lists() -> None:
    md = """---
title: 长春汽开区：向“新”求变 智赢未来
date: 2025-08-15
author: 华泰来
---

长春，这座因汽车而兴的城市，
如今正站在一个崭新的历史坐标上。

A soft break between English words
keeps a space.

详见[长春日报](https://example.com)报道。![图](x.jpg)

- 第一条
- 第二条

> 引用的一段话。
"""
    doc = read_bytes(md.encode(), "a.md").documents[0]
    assert doc.title_hint == "长春汽开区：向“新”求变 智赢未来"
    assert doc.date_hint == "2025-08-15"
    assert doc.author_hints == ["华泰来"]
    assert doc.text.split("\n") == [
        "长春，这座因汽车而兴的城市，如今正站在一个崭新的历史坐标上。",
        "A soft break between English words keeps a space.",
        "详见长春日报报道。",
        "第一条",
        "第二条",
        "引用的一段话。",
    ]


def test_markdown_setext_headline_and_caption() -> None:
    md = "红旗创新大厦\n======\n\n*▲红旗创新大厦。*\n\n正文。\n\n小标题\n------\n\n正文二。\n"
    doc = read_bytes(md.encode(), "b.markdown").documents[0]
    assert doc.title_hint == "红旗创新大厦"
    assert doc.caption_hints == ["▲红旗创新大厦。"]
    assert doc.heading_hints == ["小标题"]
    assert doc.text == "红旗创新大厦\n▲红旗创新大厦。\n正文。\n小标题\n正文二。"


def test_markdown_emphasis_next_to_chinese_punctuation_leaves_no_asterisks() -> None:
    # CommonMark does not close "**“重点”**内" (punctuation beside a CJK letter).
    md = "这是**“重点”**内容，他说*“好”*了。价格为 2*3 元。"
    text = read_bytes(md.encode(), "c.md").documents[0].text
    assert text == "这是“重点”内容，他说“好”了。价格为 2*3 元。"
