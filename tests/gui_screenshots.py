"""Screenshots of the desktop app for a look by eye (``./run.sh screenshots``).

Opens the app on a temporary archive holding the sample articles, in a real (X11) window:
under Xvfb when there is no display. Saves PNGs into ``screenshots/`` (git-ignored):

    main.png            a query and a company facet selected, the first hit in the reader
    main_zh.png         the same with the Chinese UI
    main_dark.png       the same in the dark theme
    collections.png     collections, tags and saved searches in the sidebar, a collection ticked
    browse.png          the empty query: the whole archive, newest first, with the timeline
    table.png           the results as a table sorted by title, under three filter chips
    compare.png         two articles side by side
    kwic.png            keyword in context of 汽车, sorted by the right context
    trends.png          term trends of 汽车, 芯片, 人才 per year (articles)
    trends_month_share.png  the same per month, as shares
    import_report.png   the report after importing new, duplicate and broken files
    edit.png            the metadata dialog with an inline error
    help.png            the query-syntax popover
    page_view.png       a scanned page (imported by OCR) beside its text, the hits boxed
    page_view_dark.png  the same in the dark theme, a line clicked in the text
    page_view_review.png  the reader on the scan's second page, badged "needs review"

Not a test: run it, then look at the pictures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests" / "app"))  # page_images: a page drawn for OCR


def start_xvfb() -> subprocess.Popen | None:
    """Start Xvfb on a free display number when there is no display; None if not needed."""
    if os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        sys.exit("error: no DISPLAY and no Xvfb; on Debian: sudo apt-get install xvfb xauth")
    for number in range(91, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(
                f"/tmp/.X{number}-lock").exists():
            break
    else:
        sys.exit("error: no free X display number")
    proc = subprocess.Popen([xvfb, f":{number}", "-screen", "0", "1680x1050x24", "-nolisten",
                             "tcp", "-dpi", "96"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit("error: Xvfb did not start")
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    return proc


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args(argv)
    xvfb = start_xvfb()
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        del os.environ["QT_QPA_PLATFORM"]
    try:
        return run(args.out)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)


def run(out: Path) -> int:
    from PySide6.QtCore import QLocale, QSettings
    from PySide6.QtWidgets import QApplication

    from app.gui.i18n import install_translators, remove_translators
    from app.gui.launch import start_window
    from app.gui.theme import Theme
    from archive.library import Library, Organise, SavedSearch

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    app.setApplicationName("NewsArchiveScreenshots")
    tmp = Path(tempfile.mkdtemp(prefix="news-archive-shots-"))
    saved: list[Path] = []

    def wait(cond, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not get there in time")
            app.processEvents()
            time.sleep(0.01)

    def settle(seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def shot(widget, name: str) -> None:
        settle()
        path = out / name
        widget.grab().save(str(path))
        saved.append(path)

    def open_window(theme: Theme, settings_name: str):
        settings = QSettings(str(tmp / f"{settings_name}.ini"), QSettings.Format.IniFormat)
        theme.apply(app)
        window = start_window(library, import_samples=False, settings=settings, theme=theme)
        window.resize(1500, 900)
        window.show()
        window.raise_()
        wait(lambda: window.result is not None)
        return window

    def query_with_facet(window, query: str, company: str) -> None:
        window.search_bar.set_text(query)
        wait(lambda: window.result is not None and window.result.query == query)
        window.facets.add("company", company)
        wait(lambda: not window.searches.busy()
             and window.facets.selection()["company"] == [company]
             and window.result is not None and window.result.total > 0)
        settle()

    library = Library(tmp / "archive")
    try:
        library.import_samples()
        translators = install_translators(app, QLocale(QLocale.Language.English))
        light = Theme("light")

        # the whole archive, newest first, with its timeline
        window = open_window(light, "browse")
        shot(window, "browse.png")

        # a query with a company ticked; the reader shows the first hit
        query_with_facet(window, "汽车", "一汽解放")
        window.reader.next_match()
        shot(window, "main.png")

        # the table view, sorted by title (the header's arrow), with three filters as chips
        window.set_table_view(True)
        window._set_sort("title")
        window.facets.add("company", "中国一汽")
        window.facets.add("topic", "产业集群与政策")
        wait(lambda: not window.searches.busy() and len(window.chips.chips) == 3
             and window.result is not None and window.searches.latest.sort == "title")
        shot(window, "table.png")
        window.set_table_view(False)
        window._set_sort("relevance")
        window.facets.remove("topic", "产业集群与政策")
        window.facets.remove("company", "中国一汽")
        wait(lambda: not window.searches.busy() and len(window.chips.chips) == 1)

        # the query-syntax popover
        window.search_bar.help_button.click()
        settle()
        shot(window.search_bar.popover, "help.png")
        window.search_bar.popover.hide()

        # compare the first two hits
        window.clear_filters()
        window.search_bar.set_text("汽车")
        wait(lambda: not window.searches.busy() and window.result is not None
             and window.result.query == "汽车" and not window.facets.has_selection())
        model = window.results_model
        window.results_view.selectAll()
        window.results_view.selectionModel().select(
            model.index(2), window.results_view.selectionModel().SelectionFlag.Deselect)
        for row in range(3, model.rowCount()):
            window.results_view.selectionModel().select(
                model.index(row), window.results_view.selectionModel().SelectionFlag.Deselect)
        compare = window.compare_selection()
        compare.resize(1400, 860)
        compare.show()
        settle(0.6)
        compare.browsers[0].verticalScrollBar().setValue(
            compare.browsers[0].verticalScrollBar().maximum() // 4)
        shot(compare, "compare.png")
        compare.close()

        # keyword in context of 汽车, sorted by the right context; term trends per year
        kwic = window.show_kwic()
        kwic.resize(1200, 640)
        kwic.sort_by(2)
        wait(lambda: not kwic.model.loading)
        shot(kwic, "kwic.png")
        kwic.close()
        window.search_bar.set_text("汽车 芯片 人才", search=False)
        trends = window.show_trends()
        trends.resize(1000, 560)
        shot(trends, "trends.png")
        trends.measure.setCurrentIndex(1)
        trends.period.setCurrentIndex(1)
        shot(trends, "trends_month_share.png")
        trends.close()

        # the edit dialog with an inline error
        window.results_view.setCurrentIndex(model.index(0))
        dialog = window.edit_metadata()
        dialog.date_edit.setText("2023-13-01")
        dialog.save()
        wait(lambda: dialog.date_error.isVisible())
        shot(dialog, "edit.png")
        dialog.reject()

        # an import of new, duplicate and broken files, and its report
        drop = tmp / "drop"
        drop.mkdir()
        (drop / "new-article.txt").write_text(
            "一汽解放新能源重卡下线\n\n本报记者 王明\n\n2024年5月8日，一汽解放新能源重卡在长春"
            "下线。宁德时代为其提供电池。\n\n▲ 新车下线仪式现场\n", encoding="utf-8")
        shutil.copy(min((ROOT / "resources" / "corpus").glob("*.txt")),
                    drop / "copy-of-sample.txt")
        (drop / "empty.txt").write_bytes(b"")
        (drop / "scan.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
        (drop / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
        window.start_import([str(drop)])
        wait(lambda: window.report_dialog is not None and window.report_dialog.isVisible())
        shot(window.report_dialog, "import_report.png")
        window.report_dialog.close()
        window.close()
        settle()
        remove_translators(app, translators)

        # the Chinese UI
        translators = install_translators(app, QLocale(QLocale.Language.Chinese,
                                                       QLocale.Country.China))
        window = open_window(light, "zh")
        query_with_facet(window, "汽车", "一汽解放")
        shot(window, "main_zh.png")
        window.close()
        settle()

        # collections, tags, a note and saved searches in the sidebar (Chinese UI)
        ids = library.search("").ids
        library.organise(ids[:3], Organise(add_collections=["长春/汽车城"], add_tags=["精读"]))
        library.organise(ids[3:], Organise(add_collections=["政策"], note="待核对：2025年数据"))
        library.save_search(SavedSearch("新能源", "新能源"))
        library.save_search(SavedSearch("一汽解放", "", {"company": ["一汽解放"]}))
        window = open_window(light, "organise")
        window.facets.add("collection", "长春/汽车城")
        wait(lambda: not window.searches.busy() and window.result is not None
             and window.facets.selection()["collection"] == ["长春/汽车城"])
        shot(window, "collections.png")
        window.close()
        settle()

        # dark
        dark = Theme("dark")
        window = open_window(dark, "dark")
        query_with_facet(window, "汽车", "一汽解放")
        window.reader.next_match()
        shot(window, "main_dark.png")
        window.close()
        remove_translators(app, translators)

        # a scanned page, read by OCR, beside its text with the hits boxed (light, then dark)
        from page_images import render_scan

        scan = tmp / "scan"
        scan.mkdir()
        render_scan(scan / "scan.tiff", [])
        library.ingest([scan / "scan.tiff"])
        translators = install_translators(app, QLocale(QLocale.Language.English))
        for theme, name in ((light, "page_view.png"), (dark, "page_view_dark.png")):
            window = open_window(theme, "page")
            window.search_bar.set_text("重卡")
            wait(lambda w=window: not w.searches.busy() and w.result is not None
                 and w.result.query == "重卡")
            scanned = [a for a in window.result.ids if library.ocr_pages(a)]
            row = window.result.ids.index(scanned[0])
            window.results_view.setCurrentIndex(window.results_model.index(row))
            wait(lambda w=window: w.page_view.canvas.image is not None)
            if theme is dark:
                found = window.reader.document().find("宁德时代")
                window.page_link.show_text_position(found.selectionStart())
            shot(window, name)
            if theme is light:  # the second page, read with low confidence
                window.page_view.next_button.click()
                wait(lambda w=window: w.page_view.canvas.page is w.page_view.pages[-1]
                     and w.page_view.canvas.image is not None)
                shot(window.reader_panel, "page_view_review.png")
            window.close()
            settle()
        remove_translators(app, translators)
        window.runner.wait()
        app.processEvents()
    finally:
        library.close()
        shutil.rmtree(tmp, ignore_errors=True)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
