"""Chinese and English UI following the locale; light and dark colours that stay readable."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import search
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor

pytestmark = pytest.mark.gui

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.fixture
def chinese(qapp):
    from app.gui.i18n import install_translators, remove_translators

    translators = install_translators(qapp, QLocale(QLocale.Language.Chinese,
                                                    QLocale.Country.China))
    yield translators
    remove_translators(qapp, translators)


def test_translations_are_shipped_compiled():
    for name in ("app_zh_CN", "app_en"):
        assert (TRANSLATIONS / f"{name}.ts").is_file()
        assert (TRANSLATIONS / f"{name}.qm").stat().st_size > 0


def test_every_ui_string_has_a_chinese_translation():
    import xml.etree.ElementTree as ET

    root = ET.parse(TRANSLATIONS / "app_zh_CN.ts").getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        text = "".join(translation.itertext()).strip()
        if translation.get("type") == "unfinished" or not text:
            missing.append(message.find("source").text)
    assert not missing, missing[:10]


def test_the_chinese_ui(qtbot, library, settings, chinese):
    from app.gui.main_window import MainWindow
    from app.gui.theme import Theme

    win = MainWindow(library, settings=settings, theme=Theme("light"))
    qtbot.addWidget(win)
    win.show()
    win.run_search()
    qtbot.waitUntil(lambda: win.result is not None, timeout=10000)
    assert win.windowTitle() == "新闻档案馆"
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus[0].startswith("文件")
    assert win.import_action.text() == "导入文件…"
    assert win.count_label.text() == "5 篇文章"
    assert win.facets.sections["company"].title.text() == "公司"
    assert win.search_box.placeholderText().startswith("搜索")
    win.runner.wait()


def test_the_english_ui_has_plurals(qtbot, window):
    assert window.count_label.text() == "5 articles"
    search(qtbot, window, "中德汽车大会")
    n = window.results_model.rowCount()
    assert window.count_label.text() == ("1 article" if n == 1 else f"{n} articles")


def test_dark_theme_colours_in_the_reader_and_list(qtbot, make_window):
    from app.gui.theme import DARK, LIGHT

    win = make_window(theme="dark")
    win.show()
    win.search_box.setText("汽车")
    win.run_search()
    qtbot.waitUntil(lambda: win.reader.article is not None, timeout=10000)
    assert win.theme.dark
    html = win.reader.toHtml()
    assert DARK.chip_bg in html and LIGHT.chip_bg not in html
    assert win.results_view.delegate.colors is DARK
    # the marks keep a dark text on a light yellow: readable on a dark page
    assert QColor(DARK.mark_bg).lightness() - QColor(DARK.mark_fg).lightness() > 120
    win.results_view.viewport().grab()


@pytest.fixture
def app_look(qapp):
    """Put the application's style, palette and style sheet back after the test."""
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def test_theme_follows_a_system_change(qtbot, make_window, app_look):
    from app.gui.theme import DARK, LIGHT

    win = make_window(theme=None)
    win.show()
    win.run_search()
    qtbot.waitUntil(lambda: win.reader.article is not None, timeout=10000)
    theme = win.theme
    before = theme.colors
    theme._detect = lambda: before is LIGHT  # the system switched
    theme._scheme_changed()
    assert theme.colors is (DARK if before is LIGHT else LIGHT)
    assert theme.colors.chip_bg in win.reader.toHtml()
    assert win.timeline.colors is theme.colors
    window_colour = win.palette().color(win.backgroundRole())
    assert (window_colour.lightness() < 128) == theme.dark


def test_style_sheet_has_the_theme_colours():
    from app.gui.theme import DARK, Theme

    sheet = Theme("dark").style_sheet()
    assert DARK.chip_bg in sheet and "@" not in sheet.replace("@media", "")
