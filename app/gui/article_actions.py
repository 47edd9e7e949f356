"""What the reader can do with an article besides reading it: cite it, open its original."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePath

from archive.document import Article
from archive.exporters.citation import citation as _citation
from archive.library import Library


def citation_text(article: Article) -> str:
    """``作者. 题名[N]. 日期.`` (GB/T 7714 for a newspaper article)."""
    return _citation(article)


def safe_name(name: str | None, fallback: str) -> str:
    """A file name without folders or characters that trouble file managers."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = re.sub(r'[\x00-\x1f<>:"/\\|?*]', "_", base).strip(" .")
    return base or fallback


def copy_original(library: Library, article: Article, folder: Path) -> Path | None:
    """Copy the kept original (stored content-addressed, without its name) to ``folder``
    under the name it was imported with, so the system opens it with the right program."""
    source = library.original_path(article.id)
    if source is None or not source.is_file():
        return None
    target_dir = folder / str(article.id)
    target_dir.mkdir(parents=True, exist_ok=True)
    suffix = f".{article.source_format}" if article.source_format else ""
    target = target_dir / safe_name(article.source_name, f"article-{article.id}{suffix}")
    shutil.copyfile(source, target)
    return target
