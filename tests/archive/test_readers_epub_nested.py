"""An e-book whose files sit inside one top folder (as Debian's debian-edu manuals are
packed: ``epub/META-INF/container.xml``, ``epub/OEBPS/…``) reads like a standard one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from archive.readers import read_bytes

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def _nested(data: bytes, top: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename == "mimetype":
                continue  # such packages often lack it; the container alone must do
            dst.writestr(top + info.filename, src.read(info))
    return out.getvalue()


def test_an_ebook_inside_a_top_folder_reads_as_the_standard_one() -> None:
    data = (FORMATS / "000_b23c919e069612c2.epub").read_bytes()
    standard = read_bytes(data, "book.epub")
    nested = read_bytes(_nested(data, "epub/"), "book.epub")
    assert nested.format == "epub"
    assert [d.text for d in nested.documents] == [d.text for d in standard.documents]
    assert nested.documents and "汽车" in nested.documents[0].text
