"""OCR of real screenshots nobody here made: KiCad's Chinese UI (tests/data/ocr_real/).

Two of them are imported through the Library into a real archive: UI phrases shown in each
are found by search in that image's article and not in the other's, and the article keeps
at least 90 % of the true characters (CER as ``tests/perf/ocr_cer.py`` defines it; measured
3.2 % and 2.0 % with ``tests/perf/ocr_real.py``, so the bound leaves a wide margin).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ocr_real"
sys.path.insert(0, str(ROOT / "tests" / "perf"))

from ocr_cer import cer

# Phrases printed in one image and not in the other, from the hand transcriptions.
PHRASES = {
    "find_dialog": ["区分大小写", "从头开始搜索", "搜索所有元件字段", "不移动光标"],
    "pcbnew_locked_items_dialog": ["锁定项目", "除非您覆盖锁定", "跳过这些项目", "不再显示"],
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from archive.library import Library

    base = tmp_path_factory.mktemp("ocr_real")
    folder = base / "screens"
    folder.mkdir()
    for name in PHRASES:
        shutil.copyfile(DATA / f"{name}.png", folder / f"{name}.png")
    lib = Library(base / "archive")
    report = lib.ingest([folder])
    assert not report.failed, report.failed
    by_name = {Path(lib.get(aid).source_name).stem: aid for aid in report.added}
    assert set(by_name) == set(PHRASES)
    yield lib, by_name
    lib.close()


@pytest.mark.parametrize("name", sorted(PHRASES))
def test_ui_phrases_are_found_in_their_screenshot_only(archive, name):
    lib, by_name = archive
    for phrase in PHRASES[name]:
        hits = {h.id for h in lib.search(f'"{phrase}"', limit=10).hits}
        assert hits == {by_name[name]}, phrase


@pytest.mark.parametrize("name", sorted(PHRASES))
def test_article_is_titled_by_the_dialog_and_keeps_nine_in_ten_characters(archive, name):
    lib, by_name = archive
    article = lib.get(by_name[name])
    truth = (DATA / f"{name}.txt").read_text("utf-8")
    assert article.title == truth.splitlines()[0]  # the dialog's title bar
    dist, n = cer(truth, article.text)
    assert n > 40
    assert dist / n <= 0.10, f"{name}: CER {100 * dist / n:.1f} %"
