"""``access``: an admin sets up the levels and grants people theirs from the command line;
the password given is hashed on the admin's machine; errors are one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from archive.opening import open_library

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def cli(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], check=False,
                          capture_output=True, text=True, cwd=ROOT, input=stdin,
                          timeout=120, env={**os.environ, **(env or {})})


def test_set_up_grant_list_and_revoke(pg_cluster, sample_dir):
    url = pg_cluster.create_database("cli_access")
    with open_library(url, recover=False) as lib:
        lib.ingest([sample_dir])
    setup = cli("access", "setup", "--archive", url)
    assert setup.returncode == 0, setup.stderr
    assert "reader = role cli_access_reader" in setup.stdout
    pg_cluster.require_password("clia_alice", "placeholder")
    grant = cli("access", "grant", "clia_alice", "reader", "--create", "--password",
                "--archive", url, stdin="s3cret pass\n")
    assert grant.returncode == 0, grant.stderr
    assert "clia_alice is now reader" in grant.stdout
    assert cli("access", "grant", "clia_bob", "editor", "--create",
               "--archive", url).returncode == 0
    listed = json.loads(cli("access", "list", "--json", "--archive", url).stdout)
    assert {"person": "clia_alice", "level": "reader"} in listed["members"]
    assert {"person": "clia_bob", "level": "editor"} in listed["members"]
    assert listed["you"] == {"person": "postgres", "level": "admin"}

    alice = pg_cluster.url(user="clia_alice", dbname="cli_access", password="s3cret pass")
    with psycopg.connect(alice) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE articles SET title = 'x'")
    alice_list = json.loads(cli("access", "list", "--json", "--archive", alice).stdout)
    assert alice_list["you"] == {"person": "clia_alice", "level": "reader"}

    assert cli("access", "revoke", "clia_bob", "--archive", url).returncode == 0
    listed = json.loads(cli("access", "list", "--json", "--archive", url).stdout)
    assert all(m["person"] != "clia_bob" for m in listed["members"])


def test_errors_are_one_line(pg_cluster, tmp_path):
    url = pg_cluster.create_database("cli_access_errors")
    runs = [
        (cli("access", "grant", "nobody_x", "reader", "--archive", url), "not set up"),
        (cli("access", "list", "--archive", str(tmp_path)), "server archives"),
        (cli("access", "setup", "--archive",
             pg_cluster.url(user="no_such_role", dbname="cli_access_errors")),
         "no_such_role"),
        (cli("access", "grant", "x", "owner", "--archive", url), "invalid choice"),
    ]
    for run, expected in runs:
        assert run.returncode in (1, 2), run.stderr
        assert expected in run.stderr and run.stderr.strip().count("\n") == 0, run.stderr
        assert "Traceback" not in run.stderr


def test_a_reader_gets_one_clear_line_from_a_writing_command(pg_cluster, sample_dir):
    url = pg_cluster.create_database("cli_access_reader")
    with open_library(url, recover=False) as lib:
        lib.ingest([sample_dir])
        aid = lib.search("汽车").hits[0].id
    assert cli("access", "setup", "--archive", url).returncode == 0
    assert cli("access", "grant", "clir_carol", "reader", "--create",
               "--archive", url).returncode == 0
    carol = pg_cluster.url(user="clir_carol", dbname="cli_access_reader")
    found = cli("search", "汽车", "--json", "--archive", carol)
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 5
    for args in (["edit", str(aid), "--title", "x"], ["delete", str(aid)],
                 ["ingest", str(sample_dir)]):
        run = cli(*args, "--archive", carol)
        assert run.returncode == 1, run.stderr
        assert "clir_carol has read-only access (reader)" in run.stderr
        assert run.stderr.strip().count("\n") == 0 and "Traceback" not in run.stderr
