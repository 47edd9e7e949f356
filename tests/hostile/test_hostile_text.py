"""Text that used to be lost or mangled without a word: raw 8-bit e-mail headers, broken
encoded words, files of mixed encodings, terminal escape sequences in titles."""

from __future__ import annotations

import pytest
from conftest import PEAK_LIMIT_MB, run_measured

from archive.readers import read_bytes

BODY = "长春汽车产业集群加快发展，一汽集团发布新能源汽车新车型。\n" * 5


def _mail(subject: bytes) -> bytes:
    return (b"From: a@example.com\r\nTo: b@example.com\r\nSubject: " + subject
            + b"\r\nDate: Tue, 3 Jan 2023 10:00:00 +0800\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + BODY.encode("utf-8"))


def test_a_raw_utf8_subject_is_read_as_utf8():
    result = read_bytes(_mail("长春汽车产业新闻".encode()), "m.eml")
    assert result.documents[0].title_hint == "长春汽车产业新闻"


def test_a_raw_gbk_subject_is_read_as_chinese():
    result = read_bytes(_mail("长春汽车产业新闻".encode("gbk")), "m.eml")
    assert result.documents[0].title_hint == "长春汽车产业新闻"


def test_one_bad_encoded_word_spoils_only_itself(tmp_path):
    subject = b"=?utf-8?B?6ZW/5pil?= =?utf-8?B?!!bad!!?= =?gb2312?B?xvuztQ==?="
    result = read_bytes(_mail(subject), "m.eml")
    assert result.documents[0].title_hint == "长春=?utf-8?B?!!bad!!?=汽车"
    mail = tmp_path / "m.eml"
    mail.write_bytes(_mail(subject))
    run = run_measured("ingest", str(mail), "--json", archive=tmp_path / "a")
    assert len(run.json()["added"]) == 1 and run.peak_mb < PEAK_LIMIT_MB


def test_a_text_of_mixed_encodings_is_read_line_by_line_and_the_loss_reported(tmp_path):
    data = ("第一段：长春汽车产业集群加快发展。\n".encode()
            + "第二段：一汽集团发布新能源汽车新车型。\n".encode("gbk")
            + "第三段：吉林省".encode() + b"\xff\xfe" + "零部件产业稳步发展。\n".encode()
            + "第四段：比亚迪和宁德时代在长春投资建厂。\n".encode())
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    archive = tmp_path / "a"
    run = run_measured("ingest", str(path), "--json", archive=archive)
    report = run.json()
    assert report["failed"] == [] and len(report["added"]) == 1
    (warning,) = report["warnings"]
    assert "different encodings" in warning["warning"]
    assert "2 bytes on 1 line could not be decoded" in warning["warning"]
    assert "warning:" in run.stderr
    shown = run_measured("show", str(report["added"][0]), "--json", archive=archive).json()
    for part in ("一汽集团发布新能源汽车新车型", "零部件产业稳步发展", "比亚迪和宁德时代"):
        assert part in shown["text"]
    assert run.peak_mb < PEAK_LIMIT_MB


@pytest.mark.slow
def test_show_and_search_never_print_terminal_escape_sequences(tmp_path):
    path = tmp_path / "esc.txt"
    path.write_text("\x1b]0;pwned\x07\x1b[2J长春汽车新闻标题\n\n" + BODY * 10, "utf-8")
    archive = tmp_path / "a"
    (aid,) = run_measured("ingest", str(path), "--json", archive=archive).json()["added"]
    shown = run_measured("show", str(aid), archive=archive)
    found = run_measured("search", "长春", archive=archive)
    for out in (shown.stdout, found.stdout):
        assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in shown.stdout  # visible, not executed
    assert "\x1b" in run_measured("show", str(aid), "--json", archive=archive).json()["text"]
