"""The desktop app (PySide6).

PySide6-Essentials is pinned to 6.11.3: 6.12.0 on CPython 3.11 drops a reference to None on
every Qt call that returns nothing, and the interpreter aborts after a few thousand calls
("none_dealloc: deallocating None"). ``tests/app/test_binding.py`` guards the pin.
"""
