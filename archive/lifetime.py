"""Worker processes that die with the process that started them.

A killed ingest (SIGKILL, a crash) cannot shut its worker pool down, so each worker sees
to it itself: on Linux the kernel sends it SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), and everywhere a watchdog thread exits the worker once its
parent process is gone (its parent id changes).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
WATCH_INTERVAL = 0.5  # seconds between the watchdog's looks at the parent


def die_with_parent(parent_pid: int) -> None:
    """Make this (worker) process end when process ``parent_pid`` ends. Ctrl+C is left to
    the parent, which stops the pool in order and reports what it stored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if not _parent_alive(parent_pid):  # it died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), daemon=True,
                     name="parent-watchdog").start()


def _parent_alive(parent_pid: int) -> bool:
    return os.getppid() == parent_pid


def _watch(parent_pid: int) -> None:
    while _parent_alive(parent_pid):
        time.sleep(WATCH_INTERVAL)
    os._exit(1)
