"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, loopback only.

PostgreSQL refuses to run as root, so under root the cluster is owned and run by the
``postgres`` system user (Debian's postgresql-common creates it). The superuser of the
cluster is ``postgres`` with trust authentication on loopback; tests create their own
databases and roles. ``make_replica`` adds a streaming replica made with pg_basebackup.
``require_password`` makes a role log in with a SCRAM password (as on a real server), and
``enable_tls`` gives the server a certificate signed by a throwaway CA made with openssl,
for ``sslmode=verify-full``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote


def postgres_bindir() -> Path | None:
    """The newest installed server's bin folder, or None when no server is installed."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as_owner() -> list[str]:
    """The command prefix that runs a server program as a non-root user."""
    if os.geteuid() != 0:
        return []
    pwd.getpwnam("postgres")  # KeyError when the package did not create the user
    return ["runuser", "-u", "postgres", "--"]


def _chown(path: Path) -> None:
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(path, entry.pw_uid, entry.pw_gid)


@dataclass
class PgCluster:
    """One running server: its data folder, port and socket folder."""

    bindir: Path
    root: Path
    port: int
    datadir: Path
    replicas: list[PgCluster] = field(default_factory=list)

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def url(self, user: str = "postgres", dbname: str = "postgres", password: str | None = None) -> str:
        """A libpq URL for this server over TCP on loopback."""
        auth = user if password is None else f"{user}:{quote(password, safe='')}"
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{dbname}"

    def psql(self, sql: str, dbname: str = "postgres", user: str = "postgres") -> str:
        """Run SQL with psql as ``user`` and return its output (raises on error)."""
        out = subprocess.run(
            [str(self.bindir / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
             "-h", "127.0.0.1", "-p", str(self.port), "-U", user, "-d", dbname, "-c", sql],
            capture_output=True, text=True, check=True,
        )
        return out.stdout

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL for the superuser."""
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(dbname=name)

    def reload(self) -> None:
        """Make the server re-read pg_hba.conf and postgresql.conf."""
        self.psql("SELECT pg_reload_conf()")
        time.sleep(0.3)  # the postmaster applies it asynchronously

    def require_password(self, role: str, password: str) -> None:
        """Create (or update) a login role that must give ``password`` (SCRAM) over TCP."""
        exists = self.psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'").strip()
        verb = "ALTER" if exists else "CREATE"
        self.psql(f"SET password_encryption = 'scram-sha-256'; "
                  f"{verb} ROLE \"{role}\" LOGIN PASSWORD '{password}'")
        self._hba_first(f"host all {role} 127.0.0.1/32 scram-sha-256")

    def _hba_first(self, line: str) -> None:
        """Put a pg_hba.conf line before the others (the first matching line wins)."""
        hba = self.datadir / "pg_hba.conf"
        text = hba.read_text(encoding="utf-8")
        if line not in text.splitlines():
            hba.write_text(f"{line}\n{text}", encoding="utf-8")
        self.reload()

    def enable_tls(self, hostname: str = "localhost") -> Path:
        """Serve TLS with a certificate for ``hostname`` signed by a new CA; return the CA
        certificate (a client's ``sslrootcert``). Idempotent."""
        tls = self.root / "tls"
        ca = tls / "ca.crt"
        if ca.exists():
            return ca
        tls.mkdir()
        tls.chmod(0o755)

        def openssl(*args: str) -> None:
            subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tls)

        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=news-archive test CA", "-keyout", "ca.key", "-out", "ca.crt")
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={hostname}",
                "-keyout", "server.key", "-out", "server.csr")
        (tls / "san.cnf").write_text(f"subjectAltName=DNS:{hostname}\n", encoding="utf-8")
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "server.crt")
        for name in ("server.crt", "server.key", "ca.crt"):
            _chown(tls / name)
        (tls / "server.key").chmod(0o600)
        with open(self.datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"ssl = on\nssl_cert_file = '{tls / 'server.crt'}'\n"
                       f"ssl_key_file = '{tls / 'server.key'}'\n")
        self.reload()
        return ca

    def tls_url(self, user: str = "postgres", dbname: str = "postgres",
                hostname: str = "localhost", **params: str) -> str:
        """A libpq URL that insists on TLS and checks the server's certificate and name."""
        query = {"sslmode": "verify-full", "sslrootcert": str(self.root / "tls" / "ca.crt"),
                 "hostaddr": "127.0.0.1", **params}
        tail = "&".join(f"{k}={v}" for k, v in query.items())
        return f"postgresql://{user}@{hostname}:{self.port}/{dbname}?{tail}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*_run_as_owner(), str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-w",
             "-t", "60", *args],
            check=True, capture_output=True, text=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
        self._ctl("-o", options, "-l", str(self.root / "server.log"), "start")

    def stop(self) -> None:
        for replica in self.replicas:
            replica.stop()
        try:
            self._ctl("-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass

    def make_replica(self) -> PgCluster:
        """A hot-standby streaming replica of this server, started and caught up."""
        root = Path(tempfile.mkdtemp(prefix="pgreplica-"))
        root.chmod(0o755)
        _chown(root)
        replica = PgCluster(self.bindir, root, _free_port(), root / "data")
        (root / "sock").mkdir()
        _chown(root / "sock")
        subprocess.run(
            [*_run_as_owner(), str(self.bindir / "pg_basebackup"), "-h", "127.0.0.1",
             "-p", str(self.port), "-U", "postgres", "-D", str(replica.datadir), "-R",
             "-X", "stream", "-c", "fast"],
            check=True, capture_output=True, text=True,
        )
        replica.start()
        self.replicas.append(replica)
        return replica

    def remove(self) -> None:
        self.stop()
        for replica in self.replicas:
            shutil.rmtree(replica.root, ignore_errors=True)
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> PgCluster:
    """initdb and start a new cluster on a free loopback port; raise RuntimeError if impossible."""
    bindir = postgres_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server is installed (Debian: apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="pgcluster-"))
    root.chmod(0o755)
    _chown(root)
    cluster = PgCluster(bindir, root, _free_port(), root / "data")
    (root / "sock").mkdir()
    _chown(root / "sock")
    subprocess.run(
        [*_run_as_owner(), str(bindir / "initdb"), "-D", str(cluster.datadir), "-U", "postgres",
         "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
        check=True, capture_output=True, text=True,
    )
    with open(cluster.datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                   "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n")
    with open(cluster.datadir / "pg_hba.conf", "a", encoding="utf-8") as hba:
        hba.write("host replication all 127.0.0.1/32 trust\n")
    cluster.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            cluster.psql("SELECT 1")
            return cluster
        except subprocess.CalledProcessError:
            time.sleep(0.2)
    raise RuntimeError(f"PostgreSQL did not start; see {root / 'server.log'}")
