"""Where the shipped resources are: the checkout's ``resources/`` or, once installed with
pip, the ``news_archive_resources`` folder pyproject.toml installs them as."""

from __future__ import annotations

import importlib.util
from pathlib import Path

INSTALLED_NAME = "news_archive_resources"
_MARKER = Path("topics") / "taxonomy.json"  # a file only our resources folder has


def find_resources() -> Path:
    """The resources folder: the checkout's when running from one, else the installed one."""
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / _MARKER).is_file():
        return checkout
    spec = importlib.util.find_spec(INSTALLED_NAME)
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / _MARKER).is_file():
            return Path(location)
    return checkout  # missing files then say where they were looked for


RESOURCES = find_resources()
