"""The layering of DESIGN.md section 2: app -> archive -> index, no Qt below app/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_index_imports_neither_qt_nor_archive_nor_app():
    for path, names in _imports("index").items():
        assert not names & {"PySide6", "PyQt5", "PyQt6", "archive", "app"}, path


def test_archive_imports_neither_qt_nor_app():
    for path, names in _imports("archive").items():
        assert not names & {"PySide6", "PyQt5", "PyQt6", "app"}, path


def test_gui_and_cli_reach_the_store_only_through_the_library():
    for path, names in _imports("app").items():
        source = (ROOT / path).read_text(encoding="utf-8")
        assert "archive.store" not in source and "index.engine" not in source, path
