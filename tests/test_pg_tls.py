"""TLS to the server with ``sslmode=verify-full``: the client checks that a trusted CA
signed the server's certificate and that it names the host it dialled."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest


def test_verify_full_connects_over_tls_to_the_named_host(pg_cluster):
    pg_cluster.enable_tls()
    with psycopg.connect(pg_cluster.tls_url()) as conn:
        ssl = conn.execute("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
                           ).fetchone()
        assert ssl[0] is True and ssl[1].startswith("TLS")


def test_verify_full_refuses_a_certificate_for_another_host(pg_cluster):
    pg_cluster.enable_tls()
    with pytest.raises(psycopg.OperationalError, match="does not match host name"):
        psycopg.connect(pg_cluster.tls_url(hostname="127.0.0.1"))


def test_verify_full_refuses_a_server_signed_by_an_unknown_ca(pg_cluster, tmp_path: Path):
    pg_cluster.enable_tls()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=someone else", "-keyout", "k", "-out", "other.crt"],
                   check=True, capture_output=True, cwd=tmp_path)
    with pytest.raises(psycopg.OperationalError, match="certificate verify failed"):
        psycopg.connect(pg_cluster.tls_url(sslrootcert=str(tmp_path / "other.crt")))


def test_the_archive_opens_over_verify_full_tls(pg_cluster, sample_dir):
    from archive.opening import open_library

    pg_cluster.enable_tls()
    pg_cluster.create_database("tls_archive")
    with open_library(pg_cluster.tls_url(dbname="tls_archive")) as lib:
        assert len(lib.ingest([sample_dir]).added) == 5
        assert lib.search("汽车").total == 5
    with pytest.raises(Exception, match="does not match host name"):
        open_library(pg_cluster.tls_url(dbname="tls_archive", hostname="127.0.0.1"))
