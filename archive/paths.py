"""Where things live: the shipped resources and an archive's folders and files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from index.resources import RESOURCES

SAMPLE_CORPUS = RESOURCES / "corpus"
APP_NAME = "NewsArchive"


def default_archive_dir() -> Path:
    """The archive used when none is named: the platform's user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "archive"


@dataclass(frozen=True)
class ArchivePaths:
    """The files of one archive folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "archive.sqlite"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def lock_file(self) -> Path:
        return self.root / "writer.lock"
