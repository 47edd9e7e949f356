"""Running the real command line on crafted files, with its peak memory and time measured."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 500


@dataclass
class Measured:
    """One finished command: exit code, output, peak resident memory (MB) and wall time (s)."""

    code: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_measured(*args: str | bytes | os.PathLike, archive: Path, timeout: float = 300,
                 stdin: bytes | None = None) -> Measured:
    """Run ``main.py ARGS --archive ARCHIVE`` in a child process; return its peak RSS."""
    out_path = archive.parent / f"{archive.name}.out"
    err_path = archive.parent / f"{archive.name}.err"
    argv = [sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)]
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
        if stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                pytest.fail(f"{args[0]!r} ran past {timeout} s")
            time.sleep(0.05)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        proc.returncode,
        out_path.read_bytes().decode("utf-8", "replace"),
        err_path.read_bytes().decode("utf-8", "replace"),
        usage.ru_maxrss / 1024,  # Linux reports kilobytes
        seconds,
    )


@pytest.fixture
def measured():
    """The ``run_measured`` function, for tests that need a peak-memory figure."""
    return run_measured
