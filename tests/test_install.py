"""Installed like a desktop app: the wheel's commands run with the resources it carries, and
``--install-desktop-entry`` writes a valid menu entry and icon under XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _check_entry(data_home: Path, output: str) -> configparser.SectionProxy:
    entry = data_home / "applications" / "news-archive.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "news-archive.svg"
    assert str(entry) in output and str(icon) in output, output
    assert icon.read_text(encoding="utf-8").lstrip().startswith("<svg")
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(entry.read_text(encoding="utf-8"))
    section = parser["Desktop Entry"]
    for key in ("Type", "Name", "Exec", "Icon", "Terminal", "Categories"):
        assert section.get(key), key
    assert section["Type"] == "Application" and section["Icon"] == "news-archive"
    assert section["Categories"].endswith(";") and section["Terminal"] == "false"
    return section


def test_install_desktop_entry_honours_xdg_data_home(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"))
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "--install-desktop-entry"],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
                         check=False)
    assert run.returncode == 0, run.stderr
    section = _check_entry(tmp_path / "share", run.stdout)
    assert "main.py" in section["Exec"]  # from a checkout: this Python runs main.py


@pytest.mark.slow
def test_wheel_installs_commands_that_find_their_resources(tmp_path):
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                            "-q", "-w", str(wheels)], capture_output=True, text=True,
                           timeout=600, check=False)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(wheels.glob("news_archive-*.whl"))
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q",
                           "--target", str(target), str(wheel)], capture_output=True,
                          text=True, timeout=600, check=False)
    assert inst.returncode == 0, inst.stderr[-2000:]
    cli, app = target / "bin" / "news-archive-cli", target / "bin" / "news-archive"
    assert cli.exists() and app.exists()
    # the installed copy, not the checkout, with the shared venv's libraries behind it
    env = dict(os.environ, PYTHONPATH=f"{target}{os.pathsep}{sysconfig.get_paths()['purelib']}",
               XDG_DATA_HOME=str(tmp_path / "share"))
    work = tmp_path / "elsewhere"
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                              env=env, cwd=work, timeout=300, check=False)

    where = run("-c", "import archive, archive.paths as p; print(archive.__file__); "
                      "print(p.RESOURCES)")
    module, resources = where.stdout.split()
    assert module.startswith(str(target)) and resources == str(target / "news_archive_resources")
    archive = tmp_path / "archive"
    ingest = run(str(cli), "ingest", resources + "/corpus", "--archive", str(archive), "--json")
    assert ingest.returncode == 0, ingest.stderr
    found = run(str(cli), "search", "company:比亚迪", "--archive", str(archive), "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert hits and all("比亚迪" in h["companies"] for h in hits)  # the gazetteer was found
    stats = run(str(app), "stats", "--archive", str(archive))
    assert stats.returncode == 0 and "5" in stats.stdout, stats.stderr
    desktop = run(str(app), "--install-desktop-entry")
    assert desktop.returncode == 0, desktop.stderr
    section = _check_entry(tmp_path / "share", desktop.stdout)
    assert section["Exec"] == str(app)
