"""``access``: people and rights on a server archive (reader, editor, admin)."""

from __future__ import annotations

import argparse
import getpass
import sqlite3
import sys

from .base import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliError, print_json
from .server_options import server_url

NAME = "access"
HELP = ("people and rights on a server archive: set up the reader/editor/admin roles, "
        "grant a person a level, revoke it, list who has which")


def configure(p) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True,
                           parser_class=type(p))
    sub.add_parser("setup", help="create the level roles and grant their rights (again "
                                 "after an upgrade)")
    grant = sub.add_parser("grant", help="give PERSON (a login role) exactly LEVEL")
    grant.add_argument("person", metavar="PERSON")
    grant.add_argument("level", metavar="LEVEL", choices=("reader", "editor", "admin"))
    grant.add_argument("--create", action="store_true", help="create the login role")
    grant.add_argument("--password", action="store_true",
                       help="set its password: asked for (or read from standard input), "
                            "hashed here, never sent or stored in clear")
    revoke = sub.add_parser("revoke", help="take every level away from PERSON")
    revoke.add_argument("person", metavar="PERSON")
    listing = sub.add_parser("list", help="people with a level on this archive, and your own")
    for action in (sub.choices[name] for name in ("setup", "grant", "revoke")):
        _common(action)
    _common(listing)


def _common(p) -> None:
    """``--archive`` and ``--json`` also after the action (``access list --archive URL``)."""
    p.add_argument("--archive", default=argparse.SUPPRESS, help="the server archive's URL")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                   help="print JSON instead of text")


def _url(archive) -> str:
    url = server_url(archive)
    if url is None:
        raise CliError("access: levels apply to server archives; give --archive "
                       "postgresql://…", EXIT_USAGE)
    return url


def _password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("New password: ")
        if first != getpass.getpass("Again: "):
            raise CliError("access: the two passwords differ; nothing was changed")
        return first
    line = sys.stdin.readline().rstrip("\n")
    if not line:
        raise CliError("access: no password on standard input; nothing was changed")
    return line


def run(args, open_library) -> int:
    import psycopg

    from archive.opening import open_library as open_location
    from archive.pg import roles

    url = _url(args.archive)
    password = _password() if getattr(args, "password", False) else None
    try:
        if args.action == "setup":  # the archive's tables first, so they get the grants
            open_location(url, recover=False).close()
        with psycopg.connect(url, autocommit=True) as conn:
            out = _act(conn, args, password, roles)
    except roles.AccessError as exc:
        raise CliError(f"access: {exc}", EXIT_FAILED) from None
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CliError(f"access: the server said: {first}", EXIT_FAILED) from None
    except sqlite3.Error as exc:  # the archive could not be opened (said in one line)
        raise CliError(f"access: {exc}", EXIT_FAILED) from None
    if args.json:
        print_json(out)
    else:
        print(out["text"])
    return EXIT_OK


def _act(conn, args, password: str | None, roles) -> dict:
    if args.action == "setup":
        made = roles.setup(conn)
        return {"roles": made, "text": "levels set up: " + ", ".join(
            f"{level} = role {name}" for level, name in made.items())}
    if args.action == "grant":
        roles.grant(conn, args.person, args.level, create=args.create, password=password)
        return {"person": args.person, "level": args.level,
                "text": f"{args.person} is now {args.level} of this archive"
                        + (" (password set)" if password is not None else "")}
    if args.action == "revoke":
        roles.revoke(conn, args.person)
        return {"person": args.person, "level": None,
                "text": f"{args.person} has no level on this archive any more"}
    people = roles.members(conn)
    mine = roles.level_of(conn)
    me = str(conn.info.user)
    lines = [f"{m.person}\t{m.level}" for m in people] or ["(nobody has a level yet)"]
    lines.append(f"you ({me}): {mine or 'no levels set up; the server privileges decide'}")
    return {"members": [{"person": m.person, "level": m.level} for m in people],
            "you": {"person": me, "level": mine}, "text": "\n".join(lines)}
