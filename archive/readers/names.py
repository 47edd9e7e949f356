"""File names as the operating system gives them: any bytes, shown readably, kept losslessly.

On Linux a file name is bytes; Python hands undecodable ones over as lone surrogates
(``surrogateescape``), which SQLite, JSON and terminals refuse. ``display_name`` turns such a
name into readable text (the bytes decoded as UTF-8, else GB18030 or Big5 as Chinese files
copied from Windows are, else with ``\\xNN`` escapes), and ``raw_name`` keeps the exact bytes
(as hex) so the original name is never lost. A name that is valid UTF-8 has no raw form.
"""

from __future__ import annotations

import os

_LEGACY_CODECS = ("gb18030", "big5hkscs")


def _raw_bytes(name: str) -> bytes | None:
    """The name's bytes when it is not valid UTF-8 text, else None."""
    try:
        name.encode("utf-8")
        return None
    except UnicodeEncodeError:
        return os.fsencode(name)


def display_name(name: str) -> str:
    """``name`` (a file name or a path) as printable text; unchanged when it is valid UTF-8.

    Each part of a path is decoded on its own: a GBK file name in a UTF-8 folder shows
    both right.
    """
    if _raw_bytes(name) is None:
        return name
    return "/".join(_display_part(part) for part in name.split("/"))


def _display_part(part: str) -> str:
    raw = _raw_bytes(part)
    if raw is None:
        return part
    for codec in _LEGACY_CODECS:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")


def raw_name(name: str) -> str | None:
    """The exact bytes of a name that is not valid UTF-8, as hex; None for a UTF-8 name."""
    raw = _raw_bytes(name)
    return None if raw is None else raw.hex()
