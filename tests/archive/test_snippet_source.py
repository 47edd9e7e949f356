"""Snippets of long documents: read as a window around the first hit, never losing it."""

from __future__ import annotations

import pytest

from archive.library import Library
from archive.snippet_source import LONG_TEXT, WINDOW, snippet_texts

FILLER = "汽车产业园区的企业今年继续扩大生产规模，新的项目陆续开工建设。\n"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    root = tmp_path_factory.mktemp("long")
    folder = root / "in"
    folder.mkdir()
    body = FILLER * 6000  # about 190,000 characters
    middle = len(body) // 2
    (folder / "book.txt").write_text(
        "长篇汇编\n\n" + body[:middle] + "\n稀有词语甲乙出现在这里。\n" + body[middle:]
        + "\n書末有一個後記。\n", encoding="utf-8")
    (folder / "short.txt").write_text("短文\n\n稀有词语甲乙也在短文里。\n", encoding="utf-8")
    library = Library(root / "archive")
    library.ingest([folder])
    yield library
    library.close()


def _by_title(result, title):
    return next(h for h in result.hits if h.title == title)


def test_a_hit_deep_in_a_long_text_is_marked_in_its_snippet(lib):
    result = lib.search("稀有词语甲乙")
    assert result.total == 2
    hit = _by_title(result, "长篇汇编")
    assert "[稀有词语甲乙]" in hit.snippet.to_marked()
    assert hit.snippet.leading and hit.snippet.trailing  # cut from a longer text
    assert "[稀有词语甲乙]" in _by_title(result, "短文").snippet.to_marked()


def test_only_a_window_of_a_long_text_goes_to_the_snippet(lib):
    aid = _by_title(lib.search("稀有词语甲乙"), "长篇汇编").id
    assert len(lib.get(aid).text) > LONG_TEXT * 5 and lib.get(aid).word_count > LONG_TEXT
    source = snippet_texts(lib._store, [aid], ["稀有词语甲乙"])[aid]  # what the snippet folds
    assert len(source.text) <= WINDOW and "稀有词语甲乙" in source.text


def test_a_variant_form_in_a_long_text_still_shows_its_hit(lib):
    # The text says 後記 (traditional); the query 后记 is not in it as written, so the
    # window cannot be found by SQLite and the text is read whole: the hit still shows.
    hit = _by_title(lib.search("后记"), "长篇汇编")
    assert "[後記]" in hit.snippet.to_marked()
