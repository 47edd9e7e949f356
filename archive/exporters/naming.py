"""File names built from headlines that are safe on Windows, macOS and Linux.

A headline is untrusted text: it may hold path separators, ``..``, control characters,
names Windows reserves (CON, NUL, COM1 ...) or be hundreds of characters long. These
helpers turn it into one plain file name, unique within one export, and check that a
target path stays inside the chosen destination.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# ext4 and most file systems allow 255 bytes per name; leave room for " (999)" and the
# extension, and for archive tools that add their own prefixes.
MAX_STEM_BYTES = 120

_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
    *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³"),
}
# Characters Windows forbids, path separators of every platform, and look-alikes that
# some tools fold to a slash (fraction and division slashes, full-width solidus).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\u2044\u2215\uff0f\uff3c\u29f8]')
_SPACES = re.compile(r"\s+")


def _is_control(ch: str) -> bool:
    cat = unicodedata.category(ch)
    # Cc control, Cf format (bidi overrides, zero width), Cs/Co/Cn surrogates and unassigned
    return cat in ("Cc", "Cf", "Cs", "Co", "Cn") or ch in "\u2028\u2029"


def truncate_bytes(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``max_bytes``, cut between
    characters (never inside one, never leaving a lone combining mark)."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    out = text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    while out and unicodedata.combining(out[-1]):
        out = out[:-1]
    return out


def safe_stem(text: str | None, fallback: str = "article", max_bytes: int = MAX_STEM_BYTES) -> str:
    """A file name stem (no extension) made from ``text``; ``fallback`` when nothing is left."""
    name = unicodedata.normalize("NFC", text or "")
    name = "".join(" " if _is_control(c) else c for c in name)
    name = _FORBIDDEN.sub("_", name)
    name = _SPACES.sub(" ", name).strip()
    name = re.sub(r"\.{2,}", ".", name)  # no ".." anywhere
    name = truncate_bytes(name, max_bytes)
    # Windows drops trailing dots and spaces; leading dots hide a file on Unix.
    name = name.strip(" .")
    if not name:
        name = safe_stem(fallback, "article", max_bytes) if fallback != text else "article"
    if name.split(".")[0].strip().upper() in _RESERVED:
        name = "_" + name
    return name


def safe_filename(text: str | None, extension: str, fallback: str = "article",
                  max_bytes: int = MAX_STEM_BYTES) -> str:
    """``safe_stem(text)`` plus ``.extension`` (the extension is sanitised too)."""
    ext = re.sub(r"[^A-Za-z0-9]", "", extension or "")[:10]
    stem = safe_stem(text, fallback, max_bytes)
    return f"{stem}.{ext}" if ext else stem


class UniqueNames:
    """Hands out names that differ from every earlier one of the same export, ignoring
    case and Unicode normalisation (as Windows and macOS file systems do)."""

    def __init__(self, taken: list[str] | None = None):
        self._taken: set[str] = {self._key(n) for n in taken or []}

    @staticmethod
    def _key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    def take(self, name: str) -> str:
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        candidate, n = name, 1
        while self._key(candidate) in self._taken:
            n += 1
            candidate = f"{stem} ({n}).{ext}" if dot else f"{stem} ({n})"
        self._taken.add(self._key(candidate))
        return candidate

    def filename(self, text: str | None, extension: str, fallback: str = "article") -> str:
        return self.take(safe_filename(text, extension, fallback))


def inside(root: Path, name: str) -> Path:
    """``root / name``, resolved, after checking it is a direct child of ``root``.

    Raises ValueError when ``name`` would lead anywhere else (``..``, an absolute path,
    a separator, a symlink pointing out).
    """
    base = root.resolve()
    if not name or name != Path(name).name or name in (".", ".."):
        raise ValueError(f"unsafe file name: {name!r}")
    target = (base / name).resolve()
    if target.parent != base:
        raise ValueError(f"{name!r} would be written outside {base}")
    return target


def safe_member(*parts: str) -> str:
    """A ZIP member path from already safe parts, checked for traversal."""
    for p in parts:
        if not p or p in (".", "..") or "/" in p or "\\" in p or "\x00" in p:
            raise ValueError(f"unsafe ZIP member part: {p!r}")
    return "/".join(parts)
