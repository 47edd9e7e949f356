"""Export selected articles: PDF, DOCX, HTML, Markdown, TXT, CSV, JSON and a ZIP bundle.

Formats are a registry (one module each); :func:`export_articles` picks one, works out
where the files go (never outside the chosen destination), and writes each file
atomically, so a failed or cancelled export leaves nothing half-written behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from ..document import Article
from . import bundle, csv_json, docx, html, markdown, pdf, txt  # noqa: F401  (register)
from .base import (
    REGISTRY,
    ExportCancelled,
    ExportContext,
    ExportError,
    ExportOptions,
    Format,
    LazyArticles,
    UnknownArticles,
    document_title,
)
from .citation import citation
from .naming import UniqueNames, inside, safe_filename

__all__ = [
    "ExportCancelled", "ExportError", "ExportOptions", "Format", "LazyArticles",
    "UnknownArticles", "citation", "export_articles", "format_for_path", "formats", "get_format",
]


def formats() -> list[Format]:
    """Every export format, in the order the dialog shows them."""
    order = ["pdf", "docx", "html", "md", "txt", "csv", "json", "zip"]
    return sorted(REGISTRY.values(),
                  key=lambda f: (order.index(f.name) if f.name in order else len(order), f.name))


def get_format(name: str) -> Format:
    fmt = REGISTRY.get((name or "").lower().lstrip("."))
    if fmt is None:
        raise ExportError(f"unknown export format {name!r} (choose from {', '.join(REGISTRY)})")
    return fmt


def format_for_path(path: Path) -> Format | None:
    """The format a file name's extension asks for (``x.markdown`` too), if any."""
    ext = path.suffix.lower().lstrip(".")
    ext = {"markdown": "md", "htm": "html", "text": "txt"}.get(ext, ext)
    return REGISTRY.get(ext)


def export_articles(
    articles: Sequence[Article],
    fmt: str,
    out: Path,
    *,
    options: ExportOptions | None = None,
    original_of: Callable[[Article], Path | None] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[Path]:
    """Write ``articles`` in format ``fmt`` to ``out``; return the files written.

    ``out`` is the file to write, or an existing folder to write into (the name is made
    from the headline). With ``options.split`` a document format writes one file per
    article into the folder ``out``. Raises ExportError (one clear line) for bad input
    and unwritable destinations, ExportCancelled when ``cancel`` is set.
    """
    spec = get_format(fmt)
    options = options or ExportOptions()
    if options.bundle_format not in REGISTRY or not REGISTRY[options.bundle_format].document:
        raise ExportError(f"cannot bundle as {options.bundle_format!r} (choose from "
                          f"{', '.join(n for n, f in REGISTRY.items() if f.document)})")
    if not len(articles):
        raise ExportError("no articles to export")
    ctx = ExportContext(options, original_of or (lambda _a: None), progress, cancel,
                        total=len(articles))
    ctx.report("")
    out = Path(out).expanduser()
    if options.split and spec.document:
        written = _write_split(articles, spec, out, ctx)
    else:
        target = _single_target(out, spec, articles, options)
        _write_atomic(target, lambda fh: spec.write(articles, fh, ctx))
        written = [target]
    ctx.done = ctx.total
    ctx.report("")
    return written


def _folder(path: Path, create: bool = False, target: Path | None = None) -> Path:
    """``path`` as a resolved, existing folder (created when asked), or a clear error
    about writing ``target`` (default: the folder itself)."""
    try:
        if create:
            path.mkdir(parents=True, exist_ok=True)
        resolved = path.resolve()
    except OSError as exc:
        raise ExportError(f"cannot create folder {path}: {exc.strerror or exc}") from None
    if not resolved.is_dir():
        what = "is not a folder" if resolved.exists() else "does not exist"
        raise ExportError(f"cannot write to {target or path}: {path} {what}")
    return resolved


def _single_target(out: Path, spec: Format, articles: Sequence[Article],
                   options: ExportOptions) -> Path:
    if out.is_dir() or str(out).endswith((os.sep, "/")):
        folder = _folder(out, create=not out.exists())
        taken = UniqueNames(_listdir(folder))
        name = taken.take(safe_filename(document_title(articles, options), spec.extension,
                                        "export"))
        return _checked(folder, name)
    if out.name in ("", ".", ".."):
        raise ExportError(f"cannot write to {out}: not a file name")
    folder = _folder(out.parent, target=out)
    name = out.name if out.suffix else f"{out.name}.{spec.extension}"
    return _checked(folder, name)


def _one_article(spec: Format, article: Article, ctx: ExportContext) -> Callable[[BinaryIO], None]:
    """The writer of one article's own file."""
    return lambda fh: spec.write([article], fh, ctx.quiet())


def _checked(folder: Path, name: str) -> Path:
    try:
        target = inside(folder, name)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    if target.is_dir():
        raise ExportError(f"cannot write to {target}: it is a folder")
    return target


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _write_split(articles: Sequence[Article], spec: Format, out: Path,
                 ctx: ExportContext) -> list[Path]:
    if out.exists() and not out.is_dir():
        raise ExportError(f"cannot write to {out}: one file per article needs a folder")
    created = not out.exists()
    folder = _folder(out, create=True)
    names = UniqueNames(_listdir(folder))
    written: list[Path] = []
    try:
        for article in articles:
            ctx.step(article.title)
            target = _checked(folder, names.filename(article.title, spec.extension,
                                                     f"article-{article.id}"))
            _write_atomic(target, _one_article(spec, article, ctx))
            written.append(target)
    except BaseException:
        # A cancelled or failed export leaves nothing behind: not the files it wrote
        # before the failure, nor the folder it made for them.
        for path in written:
            path.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
        raise
    return written


def _write_atomic(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write to a temporary file beside ``target``, then rename it into place."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ExportError(f"cannot write to {target.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; an export is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
