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
    for path in _imports("app"):
        source = (ROOT / path).read_text(encoding="utf-8")
        assert "archive.store" not in source and "index.engine" not in source, path


LIBRARY_PARTS = {"store", "_store", "index", "_index", "gazetteer", "_gazetteer", "taxonomy",
                 "_taxonomy", "_originals", "_backends"}


def _names_a_library(node: ast.expr) -> bool:
    """``library``, ``lib``, ``self.library``, ``window.library`` and the like."""
    name = node.id if isinstance(node, ast.Name) else (
        node.attr if isinstance(node, ast.Attribute) else "")
    return name.lstrip("_") in {"lib", "library"} or name.endswith("_library")


def _part_accesses(source: str) -> list[str]:
    return [f"line {node.lineno}: .{node.attr}" for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Attribute) and node.attr in LIBRARY_PARTS
            and _names_a_library(node.value)]


def test_gui_and_cli_use_the_library_s_methods_not_its_parts():
    for path in (ROOT / "app").rglob("*.py"):
        found = _part_accesses(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(ROOT)} reaches into the Library: {found}"


def test_the_attribute_check_finds_what_it_is_for():
    source = ("names = self.library.gazetteer.names()\n"
              "lib._store.query('x')\n"
              "row = model.index(3)\n"
              "ok = library.search('q')\n")
    assert _part_accesses(source) == ["line 1: .gazetteer", "line 2: ._store"]
