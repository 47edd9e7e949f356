"""``news-archive --install-desktop-entry``: put the app in the desktop's application menu.

Writes a freedesktop.org ``.desktop`` file and the app's scalable icon under the user's
data folder (``$XDG_DATA_HOME``, default ``~/.local/share``); nothing needs root.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from archive.paths import RESOURCES

APP_ID = "news-archive"
COMMAND = "news-archive"


def data_home() -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (the spec ignores others), else
    ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def launch_command() -> str:
    """How the menu starts the app: the installed ``news-archive`` command when there is
    one, else this Python running the checkout's main.py."""
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == COMMAND and argv0.exists():
        return _quote(str(argv0.resolve()))
    found = shutil.which(COMMAND)
    if found:
        return _quote(str(Path(found).resolve()))
    main = Path(__file__).resolve().parent.parent / "main.py"
    return f"{_quote(sys.executable)} {_quote(str(main))}"


def _quote(arg: str) -> str:
    """Quote an Exec argument as the Desktop Entry spec asks (double quotes, escapes)."""
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_file(exec_line: str) -> str:
    """The text of the ``.desktop`` file."""
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        "Name=News Archive",
        "Name[zh_CN]=新闻档案",
        "GenericName=News archive",
        "Comment=Search and read an offline archive of news articles",
        "Comment[zh_CN]=检索和阅读离线新闻档案",
        f"Exec={exec_line}",
        f"TryExec={shlex.split(exec_line)[0]}" if exec_line.startswith("/") else "",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;Database;",
        "Keywords=news;archive;search;articles;",
        "StartupNotify=true",
        "",
    ]).replace("\n\n", "\n")


def install(out=None) -> int:
    """Write the desktop entry and the icon; print what was written."""
    out = out or sys.stdout
    home = data_home()
    apps = home / "applications"
    icons = home / "icons" / "hicolor" / "scalable" / "apps"
    icon_src = RESOURCES / "icons" / "app.svg"
    try:
        apps.mkdir(parents=True, exist_ok=True)
        icons.mkdir(parents=True, exist_ok=True)
        entry = apps / f"{APP_ID}.desktop"
        icon = icons / f"{APP_ID}.svg"
        shutil.copyfile(icon_src, icon)
        entry.write_text(desktop_file(launch_command()), encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot install the desktop entry: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {entry}", file=out)
    print(f"wrote {icon}", file=out)
    return 0
