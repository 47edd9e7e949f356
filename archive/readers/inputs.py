"""Walking what a person asked to ingest: files, folders (recursive) and .zip archives.

``iter_inputs`` never raises for one bad input: a missing path, an unreadable file, a
damaged zip or a zip bomb becomes an ``InputFile`` whose ``read()`` raises ReadError,
so the caller reports it next to that path and goes on with the rest.

Inside folders and zips, hidden files (``.DS_Store``, ``__MACOSX/``, ``Thumbs.db``) and
files that are plainly not articles (images, stylesheets, scripts, fonts, media) are
skipped silently, as the assets folder of a saved web page would be; a path named
explicitly is always yielded.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath

from archive.readers.base import ReadError
from archive.readers.limits import LIMITS, Limits, human_size
from archive.readers.zipsafe import check_zip, read_member

SKIPPED_EXTENSIONS = frozenset(
    [
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".bmp",
        ".webp",
        ".svg",
        ".ico",
        ".tif",
        ".tiff",
        ".heic",
        ".avif",
        ".css",
        ".js",
        ".mjs",
        ".map",
        ".json",
        ".xml",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".mp3",
        ".mp4",
        ".m4a",
        ".wav",
        ".ogg",
        ".webm",
        ".avi",
        ".mov",
        ".mkv",
        ".flv",
        ".swf",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".pyc",
        ".class",
        ".db",
        ".sqlite",
        ".lock",
        ".tmp",
        ".bak",
        ".log",
    ]
)
_SKIPPED_NAMES = {"thumbs.db", "desktop.ini", "__macosx", ".ds_store"}


@dataclass
class InputFile:
    """One file to ingest: where it is (for people) and how to get its bytes."""

    display_path: str
    name: str
    _loader: Callable[[], bytes] = field(repr=False)

    def read(self) -> bytes:
        """The file's bytes; ReadError with one clear sentence when they cannot be had."""
        return self._loader()


def _failing(message: str) -> Callable[[], bytes]:
    def load() -> bytes:
        raise ReadError(message)

    return load


def _skip(name: str) -> bool:
    lower = name.lower()
    if lower.startswith((".", "~$")) or lower in _SKIPPED_NAMES:
        return True
    return PurePosixPath(lower).suffix in SKIPPED_EXTENSIONS


def _os_message(exc: OSError) -> str:
    text = exc.strerror or type(exc).__name__
    return text[:1].upper() + text[1:]


def _disk_loader(path: Path, limits: Limits) -> Callable[[], bytes]:
    def load() -> bytes:
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                raise ReadError(
                    f"The file is too large ({human_size(size)}; the limit is "
                    f"{human_size(limits.max_file_bytes)})."
                )
            with path.open("rb") as fh:
                data = fh.read(limits.max_file_bytes + 1)
        except IsADirectoryError:
            raise ReadError("This is a folder, not a file.") from None
        except OSError as exc:
            raise ReadError(_os_message(exc)) from None
        if len(data) > limits.max_file_bytes:
            raise ReadError("The file grew past the size limit while it was being read.")
        return data

    return load


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's real name: legacy Chinese zips store GBK names without the UTF-8 flag."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return name


def _iter_zip(zf: zipfile.ZipFile, display: str, depth: int, limits: Limits) -> Iterator[InputFile]:
    try:
        check_zip(zf, limits)
    except ReadError as err:
        yield InputFile(display, PurePosixPath(display).name, _failing(err.message))
        return
    members = [i for i in zf.infolist() if not i.is_dir()]
    members.sort(key=_member_name)
    for info in members:
        real = _member_name(info)
        parts = PurePosixPath(real).parts
        if any(_skip(p) for p in parts):
            continue
        name = PurePosixPath(real).name
        where = f"{display}!/{real}"
        if name.lower().endswith(".zip"):
            if depth + 1 > limits.max_zip_depth:
                yield InputFile(
                    where,
                    name,
                    _failing(
                        f"Zip archives are nested too deeply (the limit is "
                        f"{limits.max_zip_depth} levels)."
                    ),
                )
                continue
            try:
                inner_bytes = read_member(zf, info, limits)
                inner = zipfile.ZipFile(BytesIO(inner_bytes))
            except ReadError as err:
                yield InputFile(where, name, _failing(err.message))
                continue
            except (zipfile.BadZipFile, ValueError, OSError, EOFError):
                yield InputFile(where, name, _failing("This zip archive is damaged."))
                continue
            yield from _iter_zip(inner, where, depth + 1, limits)
            continue
        yield InputFile(where, name, (lambda i=info: read_member(zf, i, limits)))


def _iter_zip_path(path: Path, limits: Limits) -> Iterator[InputFile]:
    display = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes * 8:
            raise ReadError(f"The zip archive is too large ({human_size(size)}).")
        zf = zipfile.ZipFile(path)
    except ReadError as err:
        yield InputFile(display, path.name, _failing(err.message))
        return
    except (zipfile.BadZipFile, ValueError, EOFError):
        yield InputFile(display, path.name, _failing("This zip archive is damaged."))
        return
    except OSError as exc:
        yield InputFile(display, path.name, _failing(_os_message(exc)))
        return
    yield from _iter_zip(zf, display, 1, limits)


def _iter_path(path: Path, limits: Limits, explicit: bool) -> Iterator[InputFile]:
    if path.is_dir():
        entries: list[Path] = []
        try:
            entries = sorted(path.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            yield InputFile(str(path), path.name, _failing(_os_message(exc)))
            return
        for entry in entries:
            if _skip(entry.name) or entry.is_symlink() and entry.is_dir():
                continue
            yield from _iter_path(entry, limits, explicit=False)
        return
    if not path.exists() and not path.is_symlink():
        yield InputFile(str(path), path.name, _failing("No such file or directory"))
        return
    if not explicit and not path.is_file():
        return  # sockets, fifos, broken links found while walking a folder
    if path.suffix.lower() == ".zip":
        yield from _iter_zip_path(path, limits)
        return
    yield InputFile(str(path), path.name, _disk_loader(path, limits))


def iter_inputs(paths: list[Path], limits: Limits = LIMITS) -> Iterator[InputFile]:
    """Every file under ``paths``: files as given, folders recursively in name order,
    .zip archives member by member (zips inside zips too, up to the depth limit)."""
    for path in paths:
        yield from _iter_path(Path(path), limits, explicit=True)
