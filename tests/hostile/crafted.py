"""Crafted hostile files: small on disk (or quick to write), costly to a naive reader."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

MB = 1024 * 1024
_ARTICLE = "长春汽车产业集群加快发展，一汽集团发布新能源汽车新车型。\n"


def eml_with_huge_subject(path: Path, subject_bytes: int = 30 * MB) -> Path:
    """An e-mail whose Subject header is ``subject_bytes`` long (folded lines of 'a')."""
    with open(path, "wb") as fh:
        fh.write(b"From: a@example.com\r\nTo: b@example.com\r\nDate: Tue, 3 Jan 2023 10:00:00 +0800\r\n")
        fh.write(b"Subject: ")
        line = b"a" * 76 + b"\r\n "
        fh.writelines(line for _ in range(subject_bytes // len(line)))
        fh.write(b"end\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
        fh.write((_ARTICLE * 20).encode("utf-8"))
    return path


def one_line_text(path: Path, size: int = 50 * MB) -> Path:
    """A text file of ``size`` bytes with no line break."""
    chunk = ("长春汽车" * 1000).encode("utf-8")
    with open(path, "wb") as fh:
        written = 0
        while written < size:
            fh.write(chunk)
            written += len(chunk)
    return path


def zip_of_big_zips(path: Path, inner_count: int = 6, inner_size: int = 150 * MB) -> Path:
    """A zip of ``inner_count`` inner zips of ``inner_size`` bytes each, compressed about
    50 to 1 (under the ratio a zip-bomb check refuses), as in the report: 16 MB on disk."""
    inner = path.with_name(path.stem + "-inner.zip")
    block = os.urandom(20 * 1024) + b"\0" * (MB - 20 * 1024)
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as zf, zf.open("big.txt", "w") as fh:
        for _ in range(inner_size // MB):
            fh.write(block)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as outer:
        for i in range(inner_count):
            outer.write(inner, f"part{i}.zip")
    inner.unlink()
    return path
