"""The reader registry: formats, how each is recognised, and ``read_bytes``.

A format is one module that calls :func:`register` with a :class:`Reader`. ``read_bytes``
picks the reader from the file's first bytes when they are unambiguous (``%PDF``, a zip
holding ``word/document.xml`` ...), else from the file name's extension, else by sniffing
the decoded start of the text (an HTML tag, e-mail headers), else plain text.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePath

from archive.document import RawDocument
from archive.readers.limits import LIMITS, Deadline, Limits, human_size


class ReadError(Exception):
    """A file could not be read; ``str(err)`` is one sentence for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ReadResult:
    """What one file held: its format, its text encoding if it had one, and its articles."""

    format: str
    encoding: str | None
    documents: list[RawDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # for the import report: text repaired


@dataclass
class ReadContext:
    """What a reader gets besides the bytes: the file name, the limits and the clock."""

    name: str
    limits: Limits = LIMITS
    deadline: Deadline = field(default_factory=lambda: Deadline(LIMITS.max_parse_seconds))

    @property
    def extension(self) -> str:
        return extension_of(self.name)


@dataclass(frozen=True)
class Reader:
    """One format: how to recognise it and how to read it.

    ``magic`` looks at the raw bytes and must only say yes when it is sure (a signature).
    ``looks_like`` looks at the start of the decoded text and is consulted only when the
    extension is missing or unknown. ``binary`` formats are never decoded as text.
    """

    format: str
    extensions: tuple[str, ...]
    read: Callable[[bytes, ReadContext], ReadResult]
    magic: Callable[[bytes], bool] | None = None
    looks_like: Callable[[str], bool] | None = None
    binary: bool = False
    label: str = ""
    sniff_order: int = 100
    mismatch: str = ""  # why a file named like this format is not one ("it is not a zip archive")


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a format to the registry (one call per format module)."""
    READERS[reader.format] = reader
    return reader


def extension_of(name: str) -> str:
    """``"a/b.HTML"`` -> ``".html"``; ``""`` when there is none."""
    return PurePath(name).suffix.lower()


def reader_for_extension(ext: str) -> Reader | None:
    for reader in READERS.values():
        if ext in reader.extensions:
            return reader
    return None


# Signatures of files that are not articles, so the error can say what the file is.
_FOREIGN_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Microsoft Office file (.doc/.xls); save it as .docx",
    ),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"{\\rtf", "an RTF document; save it as .docx"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an audio or video file"),
    (b"%!PS", "a PostScript file"),
    (b"SQLite format 3\x00", "an SQLite database"),
]


def _foreign(data: bytes) -> str | None:
    for sig, what in _FOREIGN_MAGIC:
        if data.startswith(sig):
            if sig == b"MZ" and len(data) > 64 and b"PE\x00\x00" not in data[:1024]:
                continue  # plain text that starts with "MZ"
            if sig == b"BZh" and not data[3:4].isdigit():
                continue
            return what
    if data[4:8] == b"ftyp":
        return "a video or image file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "an audio, video or image file"
    return None


def is_zip(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def zip_names(data: bytes) -> set[str]:
    """Member names of a zip held in memory (empty when it is not a readable zip)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return set()


def detect_format(data: bytes, name: str) -> str:
    """The format key of ``data``; raises ReadError when it is no format we read."""
    ext = extension_of(name)
    by_ext = reader_for_extension(ext)
    ordered = sorted(READERS.values(), key=lambda r: r.sniff_order)
    for reader in ordered:
        if reader.magic is not None and reader.magic(data):
            return reader.format
    what = _foreign(data)
    if what:
        raise ReadError(f"This file is {what}, not an article this app can read.")
    if is_zip(data):
        if ext == ".zip":
            raise ReadError("A .zip archive is opened as a folder of files, not read as one file.")
        raise ReadError(
            "This file is a zip archive but not a Word document (.docx) or an e-book (.epub)."
        )
    head = _head_text(data)
    if by_ext is not None and by_ext.looks_like is not None and by_ext.looks_like(head):
        return by_ext.format
    # A text format by name whose text is plainly another one (an HTML page saved as .txt
    # or .eml), a binary format whose signature is missing, or no known extension.
    for reader in ordered:
        if reader.looks_like is not None and reader.looks_like(head):
            return reader.format
    if by_ext is not None and by_ext.binary:
        label = by_ext.label or by_ext.format.upper()
        why = f" ({by_ext.mismatch})" if by_ext.mismatch else ""
        raise ReadError(f"This file is named {ext} but is not a valid {label}{why}.")
    return by_ext.format if by_ext is not None else "txt"


def _head_text(data: bytes, size: int = 4096) -> str:
    """The start of ``data`` decoded leniently, for sniffing only."""
    head = data[:size]
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="replace")
    return head.decode("utf-8", errors="replace")


def read_bytes(data: bytes, name: str, limits: Limits = LIMITS) -> ReadResult:
    """Read one file's bytes into articles; ``name`` is the file name (for its extension).

    Raises ReadError with one clear sentence when the file cannot be read, including when
    no text at all comes out of it.
    """
    if not data:
        raise ReadError("The file is empty.")
    if len(data) > limits.max_file_bytes:
        raise ReadError(
            f"The file is too large ({human_size(len(data))}; the limit is "
            f"{human_size(limits.max_file_bytes)})."
        )
    fmt = detect_format(data, name)
    ctx = ReadContext(name=name, limits=limits, deadline=Deadline(limits.max_parse_seconds))
    try:
        result = READERS[fmt].read(data, ctx)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError("The file is nested too deeply to be read.") from None
    except MemoryError:
        raise ReadError("The file needs too much memory to be read.") from None
    except Exception as exc:  # noqa: BLE001 - a parser library's own error, as one line
        label = READERS[fmt].label or fmt.upper()
        detail = (
            str(exc).strip().splitlines()[0][:160].rstrip(".")
            if str(exc).strip()
            else type(exc).__name__
        )
        raise ReadError(f"This {label} could not be read: {detail}.") from None
    docs = [d for d in result.documents if d.text.strip()]
    if not docs:
        raise ReadError("No text was found in this file.")
    longest = max(len(d.text) for d in docs)
    if longest > limits.max_text_chars:
        raise ReadError(
            f"The text is too long to be one article ({longest:,} characters; the limit is "
            f"{limits.max_text_chars:,})."
        )
    if len(docs) > limits.max_documents:
        raise ReadError(
            f"The file holds too many articles ({len(docs)}; the limit is {limits.max_documents})."
        )
    result.documents = docs
    return result
