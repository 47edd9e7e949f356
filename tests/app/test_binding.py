"""The Qt binding must not leak references to None (PySide6 6.12.0 on Python 3.11 did)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_returning_nothing_keep_none_alive():
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 10
