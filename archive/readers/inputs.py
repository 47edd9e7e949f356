"""Walking what a person asked to ingest: files, folders (recursive) and .zip archives.

``iter_inputs`` never raises for one bad input: a missing path, an unreadable file, a
damaged zip or a zip bomb becomes an ``InputFile`` whose ``read()`` raises ReadError,
so the caller reports it next to that path and goes on with the rest.

Only regular files are read: a named pipe, socket or device is refused at once (opening a
pipe would wait forever for a writer). Inside a folder, a symbolic link that leads out of
the folder being imported is not followed (it is reported); a link given on the command
line is followed. File names that are not UTF-8 are shown decoded (see ``names``) and
their exact bytes are kept in ``InputFile.raw_path``.

Inside folders and zips, hidden files (``.DS_Store``, ``__MACOSX/``, ``Thumbs.db``) and
files that are plainly not articles (images, stylesheets, scripts, fonts, media) are
skipped silently, as the assets folder of a saved web page would be; a path named
explicitly is always yielded.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath

from archive.readers.base import ReadError
from archive.readers.limits import LIMITS, Limits, human_size
from archive.readers.names import display_name, raw_name
from archive.readers.zipsafe import check_zip, read_member

SKIPPED_EXTENSIONS = frozenset(
    [
        ".gif",
        ".bmp",
        ".svg",
        ".ico",
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
    raw_path: str | None = None  # hex of the path's bytes when they are not UTF-8

    def read(self) -> bytes:
        """The file's bytes; ReadError with one clear sentence when they cannot be had."""
        return self._loader()


def _failing(message: str) -> Callable[[], bytes]:
    def load() -> bytes:
        raise ReadError(message)

    return load


# Scans and photographs are read by OCR (archive/ocr), except the images of a saved web
# page, which sit in its assets folder ("Page_files").
OCR_EXTENSIONS = frozenset([".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"])
_ASSET_FOLDERS = ("_files", ".files", "-dateien", "_archivos", "_fichiers")


def _skip(name: str, folders: tuple[str, ...] = ()) -> bool:
    """Whether a file (or folder) named ``name`` inside ``folders`` is left out."""
    lower = name.lower()
    if lower.startswith((".", "~$")) or lower in _SKIPPED_NAMES:
        return True
    suffix = PurePosixPath(lower).suffix
    if suffix in OCR_EXTENSIONS:
        return any(f.lower().endswith(_ASSET_FOLDERS) for f in folders)
    return suffix in SKIPPED_EXTENSIONS


def _os_message(exc: OSError) -> str:
    text = exc.strerror or type(exc).__name__
    return text[:1].upper() + text[1:]


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _not_a_file(mode: int) -> str | None:
    """Why a file of this mode is refused, or None for a regular file."""
    if stat.S_ISDIR(mode):
        return "This is a folder, not a file."
    for test, what in _NOT_REGULAR:
        if test(mode):
            return f"This is {what}, not a file, so it was not read."
    return None if stat.S_ISREG(mode) else "This is not a regular file, so it was not read."


def _disk_loader(path: Path, limits: Limits) -> Callable[[], bytes]:
    def load() -> bytes:
        try:
            why = _not_a_file(path.stat().st_mode)
            if why:
                raise ReadError(why)
            # O_NONBLOCK: should the path become a pipe after the check, opening it does
            # not wait for a writer; the check on the open file below then refuses it.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "rb") as fh:
                info = os.fstat(fh.fileno())
                why = _not_a_file(info.st_mode)
                if why:
                    raise ReadError(why)
                if info.st_size > limits.max_file_bytes:
                    raise ReadError(
                        f"The file is too large ({human_size(info.st_size)}; the limit is "
                        f"{human_size(limits.max_file_bytes)})."
                    )
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


class _NestBudget:
    """What one outer zip may cost, counted across every zip nested in it."""

    def __init__(self) -> None:
        self.declared = 0  # declared uncompressed sizes of all members, at every depth
        self.held = 0  # declared sizes of the inner zips unpacked into memory


def _iter_zip(zf: zipfile.ZipFile, display: str, depth: int, limits: Limits,
              budget: _NestBudget) -> Iterator[InputFile]:
    try:
        check_zip(zf, limits)
        budget.declared += sum(i.file_size for i in zf.infolist())
        if budget.declared > limits.max_nested_zip_bytes:
            raise ReadError(
                "This zip archive looks like a zip bomb (with the zips inside it, its entries "
                f"unpack to more than {human_size(limits.max_nested_zip_bytes)}), so it was "
                "not unpacked."
            )
    except ReadError as err:
        yield InputFile(display, PurePosixPath(display).name, _failing(err.message))
        return
    members = [i for i in zf.infolist() if not i.is_dir()]
    members.sort(key=_member_name)
    for info in members:
        real = _member_name(info)
        parts = PurePosixPath(real).parts
        if any(_skip(p, parts[:i]) for i, p in enumerate(parts)):
            continue
        name = PurePosixPath(real).name
        where = f"{display}!/{real}"
        if name.lower().endswith(".zip"):
            refusal = _inner_zip_refusal(info, depth, limits, budget)
            if refusal:
                yield InputFile(where, name, _failing(refusal))
                continue
            try:
                budget.held += info.file_size
                inner_bytes = read_member(zf, info, limits)
                inner = zipfile.ZipFile(BytesIO(inner_bytes))
            except ReadError as err:
                yield InputFile(where, name, _failing(err.message))
                continue
            except (zipfile.BadZipFile, ValueError, OSError, EOFError):
                yield InputFile(where, name, _failing("This zip archive is damaged."))
                continue
            yield from _iter_zip(inner, where, depth + 1, limits, budget)
            continue
        yield InputFile(where, name, (lambda i=info: read_member(zf, i, limits)))


def _inner_zip_refusal(info: zipfile.ZipInfo, depth: int, limits: Limits,
                       budget: _NestBudget) -> str | None:
    """Why a zip inside a zip is not unpacked (from its declared size), or None."""
    if depth + 1 > limits.max_zip_depth:
        return f"Zip archives are nested too deeply (the limit is {limits.max_zip_depth} levels)."
    if info.file_size > limits.max_inner_zip_bytes:
        return (
            f"This zip inside a zip is too large to unpack ({human_size(info.file_size)}; the "
            f"limit is {human_size(limits.max_inner_zip_bytes)}); unpack it and import it "
            "on its own."
        )
    if budget.held + info.file_size > limits.max_inner_zips_held:
        return (
            "The zips inside this zip archive together are too large to unpack (more than "
            f"{human_size(limits.max_inner_zips_held)}); unpack them and import them on "
            "their own."
        )
    return None


def _iter_zip_path(path: Path, display: str, limits: Limits) -> Iterator[InputFile]:
    name = display_name(path.name)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes * 8:
            raise ReadError(f"The zip archive is too large ({human_size(size)}).")
        zf = zipfile.ZipFile(path)
    except ReadError as err:
        yield InputFile(display, name, _failing(err.message))
        return
    except (zipfile.BadZipFile, ValueError, EOFError):
        yield InputFile(display, name, _failing("This zip archive is damaged."))
        return
    except OSError as exc:
        yield InputFile(display, name, _failing(_os_message(exc)))
        return
    yield from _iter_zip(zf, display, 1, limits, _NestBudget())


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _link_refusal(link: Path, root: Path | None) -> str | None:
    """Why a symbolic link met inside a folder is not followed, or None to follow it."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "This symbolic link leads nowhere (or in a circle), so it was not followed."
    if root is not None and not _inside(target, root):
        return (
            "This symbolic link leads out of the folder being imported (to "
            f"{display_name(str(target))}), so it was not followed."
        )
    return None


def _iter_path(path: Path, limits: Limits, explicit: bool,
               root: Path | None = None) -> Iterator[InputFile]:
    display, name = display_name(str(path)), display_name(path.name)

    def refused(message: str) -> InputFile:
        return InputFile(display, name, _failing(message), raw_name(str(path)))

    if not explicit and path.is_symlink():
        why = _link_refusal(path, root)
        if why:
            yield refused(why)
            return
        if path.is_dir():
            return  # a link to a folder inside the import: its files come from where they are
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield refused("No such file or directory")
        return
    except OSError as exc:
        yield refused(_os_message(exc))
        return
    if stat.S_ISDIR(mode):
        if root is None:
            root = path.resolve()
        try:
            entries = sorted(path.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            yield refused(_os_message(exc))
            return
        folders = path.resolve().relative_to(root).parts if path.resolve() != root else ()
        for entry in entries:
            if not _skip(entry.name, folders or (path.name,)):
                yield from _iter_path(entry, limits, explicit=False, root=root)
        return
    why = _not_a_file(mode)
    if why:
        yield refused(why)  # a pipe, socket or device: never opened
        return
    if path.suffix.lower() == ".zip":
        yield from _iter_zip_path(path, display, limits)
        return
    yield InputFile(display, name, _disk_loader(path, limits), raw_name(str(path)))


def iter_inputs(paths: list[Path], limits: Limits = LIMITS) -> Iterator[InputFile]:
    """Every file under ``paths``: files as given, folders recursively in name order,
    .zip archives member by member (zips inside zips too, up to the depth limit)."""
    for path in paths:
        yield from _iter_path(Path(path), limits, explicit=True)
