"""Test hooks that stop or kill this process at named points of a write.

``NEWS_ARCHIVE_PAUSE_AT`` and ``NEWS_ARCHIVE_KILL_AT`` each hold a comma-separated list of
``point`` or ``point:N`` (the N-th time this process reaches the point; the first time if N
is left out). At a pause point the process sends itself SIGSTOP (a test resumes it with
SIGCONT); at a kill point it sends itself SIGKILL. Unset, a point costs one dict lookup.

Points (in the order a write reaches them):

* ``segment-written``: a new index segment's files are written and fsynced under a
  temporary folder name;
* ``segment-renamed``: the segment folder has its final name (not yet in the manifest);
* ``manifest-written``: the new manifest is written and fsynced under a temporary name;
* ``manifest-published``: the manifest has replaced the old one;
* ``garbage-collected``: segments no reader can use any more were removed;
* ``ingest-file-committed``: one ingested file is committed to SQLite (with its queue rows);
* ``index-applied``: a batch of queued changes is in the index, its queue rows not yet
  cleared;
* ``queue-cleared``: those queue rows are cleared;
* ``edit-committed``: an edit is committed to SQLite (with its queue row);
* ``delete-committed`` / ``restore-committed``: articles moved to or out of the trash are
  committed to SQLite (with their queue rows);
* ``reindex-queued``: a reindex has queued every article;
* ``rederive-committed``: a batch of re-derived companies and topics is committed.
"""

from __future__ import annotations

import os
import signal

PAUSE_ENV = "NEWS_ARCHIVE_PAUSE_AT"
KILL_ENV = "NEWS_ARCHIVE_KILL_AT"
_counts: dict[str, int] = {}


def _wanted(env: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for item in os.environ.get(env, "").split(","):
        name, _, nth = item.strip().partition(":")
        if name:
            out.setdefault(name, set()).add(int(nth) if nth.isdigit() else 1)
    return out


def fault_point(name: str) -> None:
    """Stop or kill this process here if a test asked for it (see the module docstring)."""
    if PAUSE_ENV not in os.environ and KILL_ENV not in os.environ:
        return
    n = _counts[name] = _counts.get(name, 0) + 1
    if n in _wanted(KILL_ENV).get(name, ()):
        os.kill(os.getpid(), signal.SIGKILL)
    if n in _wanted(PAUSE_ENV).get(name, ()):
        os.kill(os.getpid(), signal.SIGSTOP)
