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


# The command runs under a small launcher that reports its peak memory: a process forked
# from this (large) test process counts the test process's memory at the fork in its
# ru_maxrss, so measuring a direct child would report pytest's size, not the command's.
LAUNCHER = """
import os, resource, subprocess, sys
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    stdin = subprocess.PIPE if sys.argv[3] == "1" else subprocess.DEVNULL
    proc = subprocess.Popen(sys.argv[4:], stdout=out, stderr=err, stdin=stdin)
    if stdin == subprocess.PIPE:
        proc.stdin.write(sys.stdin.buffer.read())
        proc.stdin.close()
    code = proc.wait()
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_measured(*args: str | bytes | os.PathLike, archive: Path, timeout: float = 300,
                 stdin: bytes | None = None) -> Measured:
    """Run ``main.py ARGS --archive ARCHIVE`` in a child process; return its peak RSS."""
    out_path = archive.parent / f"{archive.name}.out"
    err_path = archive.parent / f"{archive.name}.err"
    argv = [sys.executable, str(ROOT / "main.py"), *args, "--archive", str(archive)]
    start = time.monotonic()
    try:
        launcher = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(out_path), str(err_path),
             "1" if stdin is not None else "0", *map(os.fsdecode, argv)],
            input=stdin or b"", capture_output=True, cwd=ROOT, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args[0]!r} ran past {timeout} s")
    seconds = time.monotonic() - start
    code, maxrss_kb = (int(v) for v in launcher.stdout.split())
    return Measured(
        code,
        out_path.read_bytes().decode("utf-8", "replace"),
        err_path.read_bytes().decode("utf-8", "replace"),
        maxrss_kb / 1024,  # Linux reports kilobytes
        seconds,
    )


@pytest.fixture
def measured():
    """The ``run_measured`` function, for tests that need a peak-memory figure."""
    return run_measured
