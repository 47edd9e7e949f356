"""Bounded memory and time per file: crafted files that cost gigabytes before the limits.

Each crafted file is ingested by the real command line in a child process whose peak
resident memory is measured (before these limits: 3.2 GB for the e-mail, 1.9 GB for the
one-line text, 1.6 GB for the zip of zips).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import PEAK_LIMIT_MB, run_measured
from crafted import MB, eml_with_huge_subject, one_line_text, zip_of_big_zips

from archive.readers import Limits, iter_inputs
from archive.readers.base import ReadError


def test_an_email_with_a_30_mb_subject_is_refused_cheaply(tmp_path):
    mail = eml_with_huge_subject(tmp_path / "subject.eml")
    run = run_measured("ingest", str(mail), "--json", archive=tmp_path / "a")
    (failed,) = run.json()["failed"]
    assert "headers of this e-mail are larger than 1 MB" in failed["error"]
    assert run.peak_mb < PEAK_LIMIT_MB and run.seconds < 60


def test_a_long_subject_under_the_header_limit_is_cut_not_kept_whole(tmp_path):
    mail = eml_with_huge_subject(tmp_path / "subject.eml", subject_bytes=600_000)
    archive = tmp_path / "a"
    run = run_measured("ingest", str(mail), "--json", archive=archive)
    (aid,) = run.json()["added"]
    shown = run_measured("show", str(aid), "--json", archive=archive).json()
    assert len(shown["title"]) <= 16_000
    assert run.peak_mb < PEAK_LIMIT_MB


def test_a_50_mb_one_line_text_is_refused_before_decoding(tmp_path):
    text = one_line_text(tmp_path / "oneline.txt", 50 * MB)
    run = run_measured("ingest", str(text), "--json", archive=tmp_path / "a")
    (failed,) = run.json()["failed"]
    assert "too long to be one article" in failed["error"]
    assert run.peak_mb < PEAK_LIMIT_MB and run.seconds < 60


@pytest.mark.slow
def test_a_long_one_line_text_under_the_limit_is_stored_with_its_line_cut(tmp_path):
    text = one_line_text(tmp_path / "oneline.txt", int(5.5 * MB))  # 1.9 M characters
    archive = tmp_path / "a"
    run = run_measured("ingest", str(text), "--json", archive=archive)
    report = run.json()
    assert len(report["added"]) == 1
    (warning,) = report["warnings"]
    assert "longer than 100,000 characters" in warning["warning"]
    assert run.peak_mb < PEAK_LIMIT_MB
    found = run_measured("search", "长春汽车", "--json", archive=archive).json()
    assert found["total"] == 1


@pytest.mark.slow
def test_a_zip_of_six_150_mb_zips_is_refused_by_declared_sizes(tmp_path):
    bomb = zip_of_big_zips(tmp_path / "nested.zip")
    run = run_measured("ingest", str(bomb), "--json", archive=tmp_path / "a")
    failed = run.json()["failed"]
    assert len(failed) == 6
    assert all("zip inside a zip is too large" in f["error"] for f in failed)
    assert run.peak_mb < PEAK_LIMIT_MB and run.seconds < 60


def _zip(members: dict[str, bytes], method=zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _errors(items) -> dict[str, str]:
    out = {}
    for item in items:
        try:
            item.read()
        except ReadError as err:
            out[item.display_path.rsplit("!/", 1)[-1]] = err.message
    return out


def test_inner_zips_held_in_memory_and_sizes_across_nesting_are_bounded(tmp_path):
    inner = _zip({"a.txt": "长春汽车。".encode() * 2000})  # 30 KB
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip({f"z{i}.zip": inner for i in range(4)}))
    held = _errors(iter_inputs([outer], Limits(max_inner_zips_held=2 * len(inner) + 10)))
    assert set(held) == {"z2.zip", "z3.zip"}
    assert all("together are too large" in e for e in held.values())
    # The sum of declared sizes counts every level: outer members plus what they hold.
    total = _errors(iter_inputs([outer], Limits(max_nested_zip_bytes=5 * len(inner))))
    assert any("with the zips inside it" in e for e in total.values())
