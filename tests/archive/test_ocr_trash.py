"""Stored OCR pages (``ocr_pages``) go with the last article made from their file when the
trash is emptied, on both backends (tests/backends.py), and stay while the file is in use
or its article is only in the trash (a restore shows the page view again)."""

from __future__ import annotations

import pytest
from ocrkit import corpus_article, render_page

pytestmark = pytest.mark.slow


def _pages(lib, path) -> int:
    import hashlib

    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return int(lib._store.query("SELECT count(*) FROM ocr_pages WHERE sha256 = ?", [sha])[0][0])


def test_emptying_the_trash_removes_the_pages_of_files_no_article_uses(new_library, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    paths = []
    for k in (0, 1):
        headline, paras = corpus_article(k)
        path = folder / f"page{k}.png"
        render_page(paras[:2], headline=headline, dpi=100).save(path)
        paths.append(path)
    lib = new_library()
    report = lib.ingest([folder])
    assert len(report.added) == 2, report.failed
    by_name = {lib.get(aid).source_name: aid for aid in report.added}
    gone, kept = by_name["page0.png"], by_name["page1.png"]
    assert _pages(lib, paths[0]) == 1 and _pages(lib, paths[1]) == 1

    lib.delete([gone])
    assert _pages(lib, paths[0]) == 1  # in the trash: restore brings its page view back
    lib.restore([gone])
    assert lib.ocr_pages(gone)
    lib.delete([gone])
    lib.empty_trash()
    assert _pages(lib, paths[0]) == 0
    assert _pages(lib, paths[1]) == 1  # another file's pages stay
    assert lib.ocr_pages(kept)

    # imported again, the file is read again (and its pages stored again)
    again = lib.ingest([paths[0]])
    assert len(again.added) == 1
    assert _pages(lib, paths[0]) == 1
