"""No password in plain text in the app's settings: a server archive is opened with the
password kept by libpq (``.pgpass``, a service file) and the URL the program shows or
keeps has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.opening import open_library

SECRET = "Pa55 w0rd:with\\odd chars"


def _pgpass_line(host: str, port: int, db: str, user: str, password: str) -> str:
    esc = password.replace("\\", "\\\\").replace(":", "\\:")
    return f"{host}:{port}:{db}:{user}:{esc}\n"


@pytest.fixture
def password_archive(pg_cluster, sample_dir, tmp_path, monkeypatch):
    """A server archive whose person must give a password, kept in a .pgpass file."""
    db = "credentials"
    if not pg_cluster.psql(f"SELECT 1 FROM pg_database WHERE datname = '{db}'").strip():
        url = pg_cluster.create_database(db)
        with open_library(url) as lib:
            lib.ingest([sample_dir])
        pg_cluster.require_password("cred_dora", SECRET)
        pg_cluster.psql('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public'
                        ' TO cred_dora; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO'
                        ' cred_dora', dbname=db)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(_pgpass_line("127.0.0.1", pg_cluster.port, db, "cred_dora", SECRET),
                      encoding="utf-8")
    pgpass.chmod(0o600)  # libpq ignores a file others can read
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    return pg_cluster.url(user="cred_dora", dbname=db)


def test_a_url_without_password_opens_with_the_pgpass_file(password_archive):
    assert "@" in password_archive and SECRET not in password_archive
    with open_library(password_archive) as lib:
        assert lib.search("汽车").total == 5


def test_without_the_password_file_the_server_refuses(password_archive, monkeypatch,
                                                      tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(Exception, match="password"):
        open_library(password_archive)


def test_a_service_file_names_the_server_and_the_person(password_archive, pg_cluster,
                                                        tmp_path, monkeypatch):
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[newsarchive]\nhost=127.0.0.1\nport={pg_cluster.port}\n"
                        "dbname=credentials\nuser=cred_dora\n", encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with open_library("postgresql:///?service=newsarchive") as lib:
        assert lib.search("汽车").total == 5


def test_a_password_in_the_url_is_never_shown_or_kept(pg_cluster, password_archive,
                                                       monkeypatch):
    with_password = pg_cluster.url(user="cred_dora", dbname="credentials", password=SECRET)
    monkeypatch.delenv("PGPASSFILE")  # only the URL has it
    with open_library(with_password) as lib:
        shown = [lib.location, str(lib.stats().get("archive"))]
    assert all("cred_dora" in s and SECRET not in s and "Pa55" not in s for s in shown)


def _gui_settings_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


@pytest.mark.gui
def test_the_apps_settings_never_hold_the_password(pg_cluster, password_archive, qtbot,
                                                   tmp_path):
    from PySide6.QtCore import QSettings

    from app.gui.main_window import MainWindow
    from app.gui.theme import Theme

    with_password = pg_cluster.url(user="cred_dora", dbname="credentials", password=SECRET)
    ini = tmp_path / "settings.ini"
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    with open_library(with_password) as lib:
        win = MainWindow(lib, settings=settings, theme=Theme("light"))
        qtbot.addWidget(win)
        win.show()
        win.search_box.setText("汽车")
        win.search_bar.submit()
        qtbot.waitUntil(lambda: win.result is not None and not win.searches.busy(),
                        timeout=10000)
        win.refresh_archive_label()
        win.runner.wait()
        win.close()
        win.runner.wait()
        settings.sync()
        seen = [_gui_settings_text(ini), win.windowTitle(), win.archive_label.text(),
                win.statusBar().currentMessage()]
        win.deleteLater()
    assert ini.exists() and "Pa55" not in "".join(seen) and SECRET not in "".join(seen)
