"""Walking files, folders and zips; every bad input is reported per path, the rest goes on."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from archive.readers import InputFile, Limits, ReadError, iter_inputs, read_bytes

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"


def outcome(item: InputFile) -> str:
    try:
        result = read_bytes(item.read(), item.name)
    except ReadError as err:
        return f"error: {err}"
    return result.format


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """folder/ with files at two levels, a hidden file, a web page's image and a zip inside."""
    root = tmp_path / "收件 folder"
    (root / "sub dir").mkdir(parents=True)
    shutil.copy(FORMATS / "000_b23c919e069612c2.md", root / "b.md")
    shutil.copy(FORMATS / "001_694c73c48f266096.html", root / "sub dir" / "新闻 🚗.html")
    shutil.copy(FORMATS / "002_6002dfd231891dcc.gb18030.txt", root / "a.txt")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "sub dir" / "新闻 🚗_files").mkdir()  # a saved web page's images: not articles
    (root / "sub dir" / "新闻 🚗_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with zipfile.ZipFile(root / "sub dir" / "batch.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(FORMATS / "003_4c3d5048d115c7e7.docx", "2024/四月/003.docx")
        zf.write(FORMATS / "004_9e81065f0760de46.epub", "2025/004.epub")
        zf.writestr("__MACOSX/2025/._004.epub", b"junk")
    return root


def test_folder_is_walked_recursively_in_name_order(tree: Path) -> None:
    items = list(iter_inputs([tree]))
    shown = [item.display_path.replace(str(tree), "ROOT") for item in items]
    assert shown == [
        "ROOT/a.txt",
        "ROOT/b.md",
        "ROOT/sub dir/batch.zip!/2024/四月/003.docx",
        "ROOT/sub dir/batch.zip!/2025/004.epub",
        "ROOT/sub dir/新闻 🚗.html",
    ]
    assert [outcome(i) for i in items] == ["txt", "md", "docx", "epub", "html"]
    assert items[2].name == "003.docx"


def test_missing_path_is_reported_and_the_rest_goes_on(tree: Path) -> None:
    items = list(iter_inputs([tree / "nope.txt", tree / "b.md"]))
    assert items[0].display_path == str(tree / "nope.txt")
    with pytest.raises(ReadError, match="No such file or directory"):
        items[0].read()
    assert outcome(items[1]) == "md"


def test_nested_zips_up_to_the_depth_limit(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep/c.md", "# 深层标题\n\n正文。")
    middle = io.BytesIO()
    with zipfile.ZipFile(middle, "w") as zf:
        zf.writestr("inner.zip", inner.getvalue())
        zf.writestr("b.txt", "中间层的文字。".encode("gb18030"))
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.writestr("middle.zip", middle.getvalue())
    items = list(iter_inputs([outer]))
    assert [i.display_path for i in items] == [
        f"{outer}!/middle.zip!/b.txt",
        f"{outer}!/middle.zip!/inner.zip!/deep/c.md",
    ]
    assert read_bytes(items[1].read(), items[1].name).documents[0].title_hint == "深层标题"
    shallow = list(iter_inputs([outer], Limits(max_zip_depth=2)))
    with pytest.raises(ReadError, match="nested too deeply"):
        shallow[-1].read()


def bomb_zip(path: Path, declared: int = 50 * 1024**3) -> None:
    """A few hundred bytes on disk whose directory claims one member is 50 GB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"0" * 4096)
    data = bytearray(buf.getvalue())
    # Claim a ZIP64-free 4 GB in the local header and central directory.
    struct.pack_into("<I", data, 22, 0xFFFFFFF0)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)
    path.write_bytes(bytes(data))


def test_zip_bomb_is_refused_from_declared_sizes(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    bomb_zip(bomb)
    assert bomb.stat().st_size < 1000
    items = list(iter_inputs([bomb]))
    assert len(items) == 1
    with pytest.raises(ReadError, match="zip bomb"):
        items[0].read()


def test_zip_member_too_large(tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("big.txt", "长" * 3000)
        zf.writestr("small.txt", "短文。")
    items = list(iter_inputs([archive], Limits(max_file_bytes=5000, max_zip_member_bytes=100_000)))
    with pytest.raises(ReadError, match="too large"):
        items[0].read()
    assert items[1].read() == "短文。".encode()


def test_damaged_zip_is_one_failed_item(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    items = list(iter_inputs([bad]))
    assert len(items) == 1
    with pytest.raises(ReadError, match="damaged"):
        items[0].read()


def test_gbk_member_names_of_legacy_chinese_zips(tmp_path: Path) -> None:
    archive = tmp_path / "legacy.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("abcd.txt", "正文。".encode())  # 8 bytes, as long as GBK 新闻.txt
    gbk_name = "新闻.txt".encode("gbk")
    archive.write_bytes(archive.read_bytes().replace(b"abcd.txt", gbk_name))
    items = list(iter_inputs([archive]))
    assert items[0].name == "新闻.txt"
    assert items[0].display_path.endswith("!/新闻.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    (item,) = iter_inputs([locked])
    with pytest.raises(ReadError, match="Permission denied"):
        item.read()


def test_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 10_000)
    (item,) = iter_inputs([big], Limits(max_file_bytes=1000))
    with pytest.raises(ReadError, match="too large"):
        item.read()
