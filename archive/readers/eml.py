"""E-mail (.eml, RFC 5322 / MIME) with the standard library's ``email`` package.

The body is the ``text/plain`` part, or the ``text/html`` part through the HTML reader's
article extraction when there is no plain part or the plain part is only a stub of it
("view this message in a browser"). Each readable attachment (text, HTML, Markdown,
Word, PDF, EPUB) is a document of its own, with ``part`` set to its file name; one that
cannot be read is left out rather than failing the message. A very short body next to
readable attachments ("see attached") is not an article.

Charsets come from the MIME headers with the same repairs as everywhere (GB2312 is read
as GB18030) and fall back to detection when a part names none or names a wrong one.
``Subject`` (minus Re:/Fwd:/回复:/转发:) is ``title_hint``, ``Date`` is ``date_hint``;
``From`` is the sender, not the article's author, and is not used.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.utils
import quopri
import re
from email.message import Message

from archive.document import RawDocument
from archive.readers.base import (
    ReadContext,
    Reader,
    ReadError,
    ReadResult,
    extension_of,
    reader_for_extension,
    register,
)
from archive.readers.html import extract_article
from archive.readers.limits import human_size
from archive.readers.textcodec import decode_mixed, decode_text, normalize_charset
from archive.readers.textutil import cut_long_lines, long_lines_warning, tidy_lines, visible_len

_REPLY_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|sv|答复|回复|转发|轉寄|回覆)\s*[:：]\s*)+", re.IGNORECASE
)
_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:[ \t]", re.MULTILINE)
_KNOWN_HEADERS = (
    "from", "to", "subject", "date", "message-id", "mime-version", "received", "return-path",
    "content-type", "delivered-to", "reply-to", "cc", "x-mailer",
)  # fmt: skip
_STUB_BODY_CHARS = 50


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(?<=\?=)[ \t\r\n]+(?==\?)")


def decode_header_value(value: str | None, limit: int = 16_000) -> str:
    """A header as text: RFC 2047 encoded words (``=?gb2312?B?...?=``) decoded with charset
    repairs, raw 8-bit bytes (a UTF-8 or GBK Subject sent unencoded) decoded as UTF-8 or
    Chinese, and a broken encoded word left as written rather than failing the message.
    At most ``limit`` characters are kept."""
    if not value:
        return ""
    text = str(value)[: limit * 4]
    if _has_surrogates(text):
        text = _decode_raw(text.encode("utf-8", "surrogateescape"))
    text = _BETWEEN_WORDS.sub("", text)
    text = _ENCODED_WORD.sub(_decode_word, text)
    return re.sub(r"\s+", " ", text).strip()[:limit]


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _decode_raw(raw: bytes) -> str:
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def _decode_word(m: re.Match) -> str:
    charset, kind, payload = m.group(1).split("*")[0], m.group(2).upper(), m.group(3)
    try:
        if kind == "B":
            chunk = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=True)
        else:
            chunk = quopri.decodestring(payload.replace("_", " ").encode("ascii"), header=True)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return m.group(0)  # not decodable: keep it as written
    codec = normalize_charset(charset)
    try:
        return chunk.decode(codec or "utf-8")
    except (UnicodeDecodeError, LookupError):
        try:
            return decode_text(chunk)[0]
        except ReadError:
            return chunk.decode(codec or "utf-8", "replace") if codec else _decode_raw(chunk)


def _raw_header(msg: Message, name: str) -> str | None:
    """A header as it was in the file (8-bit bytes as surrogates), not as ``email`` mangles
    an unencoded UTF-8 value (into U+FFFD)."""
    for key, value in msg.raw_items():
        if key.lower() == name:
            return value
    return None


def _header_block_size(data: bytes) -> int:
    """Bytes before the blank line that ends an e-mail's headers (all of ``data`` if none)."""
    ends = [i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0]
    return min(ends) if ends else len(data)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None or not (1900 <= parsed.year <= 2100):
        return None
    return parsed.date().isoformat()


def _payload_bytes(part: Message) -> bytes:
    """A part's decoded bytes (b"" for a multipart or empty one)."""
    payload = part.get_payload(decode=True)
    if isinstance(payload, str):  # pragma: no cover - decode=True returns bytes
        return payload.encode("utf-8", "replace")
    return payload if isinstance(payload, bytes) else b""


def _part_text(part: Message) -> tuple[str, str, str | None]:
    payload = _payload_bytes(part)
    if not payload.strip():
        return "", "utf-8", None
    return decode_mixed(payload, part.get_content_charset())


def _filename(part: Message) -> str | None:
    name = part.get_filename()
    return decode_header_value(name) if name else None


def _body_and_attachments(msg: Message) -> tuple[Message | None, Message | None, list[Message]]:
    plain = html = None
    attachments: list[Message] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        if disposition == "attachment" or (_filename(part) and disposition != "inline"):
            attachments.append(part)
        elif ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
        elif ctype.startswith("text/") and _filename(part):
            attachments.append(part)
    return plain, html, attachments


def _attachment_document(part: Message, ctx: ReadContext) -> list[RawDocument]:
    from archive.readers.base import read_bytes

    name = _filename(part) or "attachment"
    ctype = part.get_content_type()
    readable = reader_for_extension(extension_of(name)) is not None or ctype in (
        "text/plain", "text/html", "text/markdown",
    )  # fmt: skip
    if not readable or ctype.startswith(("image/", "audio/", "video/")):
        return []
    data = _payload_bytes(part)
    if not data:
        return []
    if not extension_of(name):
        name += {"text/html": ".html", "text/markdown": ".md"}.get(ctype, ".txt")
    try:
        result = read_bytes(data, name, ctx.limits)
    except ReadError:
        return []
    for doc in result.documents:
        doc.part = name if doc.part is None else f"{name}/{doc.part}"
    return result.documents


def read_eml(data: bytes, ctx: ReadContext) -> ReadResult:
    header_bytes = _header_block_size(data[: ctx.limits.max_header_bytes + 4])
    if header_bytes > ctx.limits.max_header_bytes:
        raise ReadError(
            f"The headers of this e-mail are larger than {human_size(ctx.limits.max_header_bytes)}"
            " (real ones are a few KB), so it was not read."
        )
    msg = email.message_from_bytes(data)
    if not msg.keys():
        raise ReadError("This e-mail has no headers, so it is not a valid message.")
    limit = ctx.limits.max_header_chars
    subject: str | None = _REPLY_PREFIX.sub(
        "", decode_header_value(_raw_header(msg, "subject"), limit))
    subject = subject or None
    date = _date(decode_header_value(_raw_header(msg, "date"), limit))
    plain, html, attachments = _body_and_attachments(msg)

    body_doc: RawDocument | None = None
    encoding: str | None = None
    plain_text = ""
    warnings: list[str] = []
    if plain is not None:
        plain_text, encoding, warning = _part_text(plain)
        plain_text, cut = cut_long_lines(plain_text, ctx.limits.max_line_chars)
        warnings += [warning] if warning else []
        warnings += [long_lines_warning(cut, ctx.limits.max_line_chars)] if cut else []
    if html is not None:
        html_text, html_enc, _ = _part_text(html)
        if html_text.strip():
            article = extract_article(html_text)
            html_len = sum(visible_len(b.text) for b in article.blocks)
            if visible_len(plain_text) < 0.3 * html_len:
                body_doc = article.to_document()
                encoding = html_enc
    if body_doc is None and plain_text.strip():
        body_doc = RawDocument(text=tidy_lines(plain_text.split("\n")))

    attached: list[RawDocument] = []
    for part in attachments:
        ctx.deadline.check()
        attached.extend(_attachment_document(part, ctx))

    documents: list[RawDocument] = []
    if body_doc is not None and not (attached and visible_len(body_doc.text) < _STUB_BODY_CHARS):
        body_doc.title_hint = subject or body_doc.title_hint
        body_doc.date_hint = date or body_doc.date_hint
        documents.append(body_doc)
    for doc in attached:
        doc.date_hint = doc.date_hint or date
    documents.extend(attached)
    return ReadResult("eml", encoding, documents, warnings)


def looks_like_email(head: str) -> bool:
    """The start of a file that is an e-mail message: a block of known headers."""
    block = head.split("\n\n", 1)[0].replace("\r", "")
    lines = [ln for ln in block.split("\n") if ln and not ln[0].isspace()]
    if len(lines) < 2 or not all(
        _HEADER_LINE.match(ln) or ln.startswith("From ") for ln in lines[:5]
    ):
        return False
    names = {ln.split(":", 1)[0].lower() for ln in lines if ":" in ln}
    return len(names & set(_KNOWN_HEADERS)) >= 2


register(
    Reader(
        format="eml",
        extensions=(".eml", ".mht", ".mhtml"),
        read=read_eml,
        looks_like=looks_like_email,
        label="e-mail message",
        sniff_order=60,
    )
)
