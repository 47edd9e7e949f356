"""Hostile names and paths: non-UTF-8 file names, FIFOs, symlinks out of the folder."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from conftest import PEAK_LIMIT_MB, run_measured

ARTICLE = "长春汽车产业集群加快发展，一汽集团发布新能源汽车新车型。\n" * 3
GBK_NAME = b"m_\xb3\xa4\xb4\xba.txt"  # 长春 in GBK, as a file copied from Windows


def test_a_gbk_file_name_is_imported_readable_and_kept_exactly(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(os.fsencode(folder) + b"/" + GBK_NAME))).write_text(ARTICLE, "utf-8")
    Path(os.fsdecode(os.fsencode(folder) + b"/empty_\xb3\xa4.txt")).write_bytes(b"")
    (folder / "z_after.txt").write_text("吉林省汽车零部件产业稳步发展。\n" * 3, "utf-8")
    archive = tmp_path / "a"
    run = run_measured("ingest", str(folder), "--json", archive=archive)
    report = run.json()
    assert "Traceback" not in run.stderr
    assert len(report["added"]) == 2  # the file after the odd names is imported too
    assert [f["path"] for f in report["failed"]] == [str(folder / "empty_长.txt")]
    assert run.stderr.count("error:") == 1
    with sqlite3.connect(archive / "archive.sqlite") as db:
        name, raw = db.execute(
            "SELECT name, raw_path FROM sources WHERE name LIKE 'm_%'").fetchone()
    assert name == "m_长春.txt"
    assert bytes.fromhex(raw) == os.fsencode(folder) + b"/" + GBK_NAME
    shown = run_measured("show", str(report["added"][0]), archive=archive)
    assert "m_长春.txt" in shown.stdout and shown.code == 0
    assert run.peak_mb < PEAK_LIMIT_MB


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_at_once_and_does_not_hold_the_archive(tmp_path):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "a.txt").write_text(ARTICLE, "utf-8")
    run = run_measured("ingest", str(fifo), str(folder), "--json", archive=tmp_path / "a",
                       timeout=60)
    assert run.code == 1 and run.seconds < 30
    failed = {f["path"]: f["error"] for f in run.json()["failed"]}
    assert set(failed) == {str(fifo), str(folder / "pipe.txt")}
    assert all("named pipe" in e for e in failed.values())
    assert len(run.json()["added"]) == 1
    assert run.peak_mb < PEAK_LIMIT_MB


def test_symlinks_out_of_the_folder_are_reported_not_followed(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("机密文件：不应被导入的内容。" * 5, "utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "real.txt").write_text(ARTICLE, "utf-8")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "outdir").symlink_to(secret.parent, target_is_directory=True)
    (folder / "inner.txt").symlink_to(folder / "sub" / "real.txt")
    archive = tmp_path / "a"
    run = run_measured("ingest", str(folder), "--json", archive=archive)
    report = run.json()
    failed = {f["path"]: f["error"] for f in report["failed"]}
    assert set(failed) == {str(folder / n) for n in ("leak.txt", "passwd.txt", "outdir")}
    assert all("leads out of the folder" in e for e in failed.values())
    assert len(report["added"]) == 1  # real.txt (the link inside the folder is its twin)
    originals = b"".join(p.read_bytes() for p in (archive / "originals").rglob("*") if p.is_file())
    assert "机密".encode() not in originals and b"root:" not in originals
    # A link named on the command line is followed: the person chose it.
    direct = run_measured("ingest", str(folder / "leak.txt"), "--json", archive=archive)
    assert len(direct.json()["added"]) == 1
    assert run.peak_mb < PEAK_LIMIT_MB
