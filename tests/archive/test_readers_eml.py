"""E-mail: the body (plain preferred, HTML through the article extractor) and text attachments."""

from __future__ import annotations

from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from archive.readers import read_bytes

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
SEED_004 = (ROOT / "resources" / "corpus" / "004_9e81065f0760de46.txt").read_text(encoding="utf-8")
BODY = "长春汽开区组织实施的120个5000万元以上项目开复工率达100%。\n\n一汽-大众6款燃油车技改落地。"


def message(*parts, subject: str = "转发: 长春汽开区：向“新”求变", charset: str = "gb2312"):
    if len(parts) == 1 and not isinstance(parts[0], list):
        msg = parts[0]
    else:
        msg = MIMEMultipart("mixed")
        for part in parts[0]:
            msg.attach(part)
    msg["From"] = "编辑部 <desk@example.com>"
    msg["To"] = "archive@example.com"
    msg["Subject"] = Header(subject, charset)
    msg["Date"] = "Fri, 15 Aug 2025 09:30:00 +0800"
    return msg.as_bytes()


def test_plain_gb2312_body_with_encoded_subject_and_date() -> None:
    data = message(MIMEText(BODY, "plain", "gb2312"))
    result = read_bytes(data, "news.eml")
    assert result.format == "eml"
    doc = result.documents[0]
    assert doc.text == BODY
    assert doc.title_hint == "长春汽开区：向“新”求变"  # "转发:" dropped
    assert doc.date_hint == "2025-08-15"
    assert doc.author_hints == []  # From is the sender, not the author


def test_plain_is_preferred_over_html() -> None:
    alt = MIMEMultipart("alternative")
    alt.attach(MIMEText(BODY, "plain", "utf-8"))
    alt.attach(
        MIMEText(
            f"<html><body><p>{BODY.replace(chr(10), '</p><p>')}</p></body></html>", "html", "utf-8"
        )
    )
    doc = read_bytes(message(alt), "a.eml").documents[0]
    assert doc.text == BODY


def test_html_only_mail_goes_through_the_article_extractor() -> None:
    page = (FORMATS / "004_9e81065f0760de46.html").read_text(encoding="utf-8")
    data = message(MIMEText(page, "html", "utf-8"), subject="每日新闻")
    doc = read_bytes(data, "page.eml").documents[0]
    assert "长春，这座因汽车而兴的城市" in doc.text
    assert "热点排行" not in doc.text and "吉ICP备" not in doc.text
    assert doc.title_hint == "每日新闻"


def test_text_and_word_attachments_are_documents_of_their_own() -> None:
    txt = MIMEText(SEED_004, "plain", "utf-8")
    txt.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "长春汽开区.txt"))
    docx = MIMEApplication((FORMATS / "002_6002dfd231891dcc.docx").read_bytes())
    docx.add_header("Content-Disposition", "attachment", filename="report.docx")
    image = MIMEApplication(b"\x89PNG\r\n\x1a\n" + bytes(100), "png")
    image.add_header("Content-Disposition", "attachment", filename="photo.png")
    data = message([MIMEText("请查收附件。", "plain", "utf-8"), txt, docx, image])
    result = read_bytes(data, "mail.eml")
    parts = [d.part for d in result.documents]
    assert parts == ["长春汽开区.txt", "report.docx"]  # the "see attached" body is no article
    assert "长春，这座因汽车而兴的城市" in result.documents[0].text
    assert result.documents[1].title_hint == "逆势扬帆求跨越"
    assert all(d.date_hint == "2025-08-15" for d in result.documents)


def test_body_with_a_wrong_charset_label_is_still_read() -> None:
    raw = (
        b"From: a@example.com\nSubject: test\nContent-Type: text/plain; charset=iso-8859-1\n\n"
    ) + "长春汽车产业高质量发展，势头强劲。".encode()
    assert read_bytes(raw, "x.eml").documents[0].text == "长春汽车产业高质量发展，势头强劲。"
