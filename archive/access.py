"""Whether this program may write to the archive it opened, said before it tries.

A local archive is writable unless its disk is read-only. On a server each person has a
level (``archive/pg/roles.py``); the server itself refuses a reader's writes whatever
client they use, and this check turns that into one clear line before any work starts
instead of an error from the middle of an ingest.
"""

from __future__ import annotations

WRITING_LEVELS = ("editor", "admin")


class ReadOnlyAccess(PermissionError):
    """The person connected may read this archive but not change it."""


def level(store: object) -> str | None:
    """The connected person's level (``reader``, ``editor``, ``admin``; ``none`` without
    any), or None where levels do not apply (a local archive, a server without roles)."""
    value = getattr(store, "access_level", None)
    return value if isinstance(value, str) else None


def can_write(store: object) -> bool:
    return level(store) in (None, *WRITING_LEVELS)


def ensure_writable(store: object) -> None:
    """Raise ``ReadOnlyAccess`` (one line, naming the person and level) for a reader."""
    held = level(store)
    if held in (None, *WRITING_LEVELS):
        return
    who = getattr(store, "person", None) or "you"
    what = "read-only access (reader)" if held == "reader" else "no access"
    raise ReadOnlyAccess(f"{who} {'have' if who == 'you' else 'has'} {what} to this archive;"
                         " nothing was changed (an admin can grant editor rights with"
                         " 'access grant')")
