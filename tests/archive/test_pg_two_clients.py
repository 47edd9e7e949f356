"""Two clients importing into one server archive at the same time: each import waits for
the archive's writer lock (archive/pg/lock.py) while the other writes, so different files
both land whole, and the same file given to both lands once (the second finds it there).
"""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

from archive.opening import open_library

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "corpus"


def _both_at_once(url: str, inputs: list[list[Path]]) -> list:
    """Ingest ``inputs[i]`` from client ``i``, both started together; their reports."""
    start = threading.Barrier(len(inputs))
    reports: list = [None] * len(inputs)
    errors: list[Exception] = []

    def client(i: int) -> None:
        try:
            with open_library(url) as lib:
                start.wait()
                reports[i] = lib.ingest(inputs[i])
        except Exception as exc:  # noqa: BLE001 (any failure is the test's answer)
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(inputs))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert not errors, errors
    return reports


def test_two_clients_importing_different_files_at_once_both_land_everything(pg_cluster,
                                                                             tmp_path):
    url = pg_cluster.create_database("two_clients_different")
    files = sorted(SAMPLES.glob("*.txt"))
    halves = [tmp_path / "a", tmp_path / "b"]
    for i, folder in enumerate(halves):
        folder.mkdir()
        for f in files[i::2]:
            shutil.copy(f, folder / f.name)
    reports = _both_at_once(url, [[halves[0]], [halves[1]]])
    assert sorted(len(r.added) for r in reports) == sorted([len(files[0::2]),
                                                            len(files[1::2])])
    with open_library(url) as lib:
        assert lib.search("", limit=0).total == len(files)
        assert lib.check_index()["ok"]
        for f in files:  # every file findable by a line only it has
            longest = max(f.read_text(encoding="utf-8").splitlines(), key=len)
            words = re.findall(r"[\u4e00-\u9fff]{8,}", longest)[0][:8]
            assert lib.search(f'"{words}"', limit=5).total >= 1, f.name


def test_the_same_file_imported_by_two_clients_at_once_lands_once(pg_cluster, tmp_path):
    url = pg_cluster.create_database("two_clients_same")
    source = sorted(SAMPLES.glob("*.txt"))[2]
    copies = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        copies.append(shutil.copy(source, tmp_path / name / source.name))
    reports = _both_at_once(url, [[Path(copies[0])], [Path(copies[1])]])
    assert sorted((len(r.added), len(r.duplicates)) for r in reports) == [(0, 1), (1, 0)]
    with open_library(url) as lib:
        assert lib.search("", limit=0).total == 1
        assert lib.check_index()["ok"]
