"""People and rights on a server archive: three levels, each a PostgreSQL group role.

Every person connects with their own login role; what they may do is the level it is a
member of. Levels are per database (``<database>_reader`` ...), so one server can hold
several archives with different people:

* reader: CONNECT, read every table. No INSERT/UPDATE/DELETE/TRUNCATE, no DDL, so nothing
  changes whatever client they use (psql included).
* editor: a reader who may also write rows (ingest, edit, organise, trash). Row-level
  security on ``articles`` lets an editor delete only articles already in the trash
  (emptying it); a live article can only be moved to the trash, which keeps it.
* admin: an editor who owns the tables (schema upgrades, any delete; owners are not
  subject to row-level security).

``setup`` is idempotent: run it again after a schema upgrade so new tables get the grants.
Managing people (``grant``/``revoke``) needs a role with CREATEROLE or a superuser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import psycopg
from psycopg import sql

LEVELS = ("reader", "editor", "admin")


class AccessError(Exception):
    """A rights operation that cannot be done; the message says why (one line)."""


def group_roles(dbname: str) -> dict[str, str]:
    """The group role of each level for a database (names PostgreSQL accepts unquoted)."""
    base = re.sub(r"[^a-z0-9_]", "_", dbname.lower())[:48] or "archive"
    return {level: f"{base}_{level}" for level in LEVELS}


def _dbname(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT current_database()").fetchone()
    assert row is not None
    return str(row[0])


def _role_exists(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None


def grant_tables(conn: psycopg.Connection, tables: tuple[str, ...]) -> None:
    """Give the archive's levels their rights on ``tables``, made after ``setup`` ran (by a
    superuser's upgrade, say, where the admin's default privileges do not apply); nothing
    when the archive has no levels."""
    roles = group_roles(_dbname(conn))
    if not _role_exists(conn, roles["reader"]):
        return
    for table in tables:
        t = sql.Identifier(table)
        conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(
            t, sql.Identifier(roles["reader"])))
        conn.execute(sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(
            t, sql.Identifier(roles["editor"])))


def _tables(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                        " ORDER BY tablename").fetchall()
    return [r[0] for r in rows]


def setup(conn: psycopg.Connection) -> dict[str, str]:
    """Create the three level roles of the connected database and grant them their rights
    on every table of its ``public`` schema; return the level -> role names. Needs the
    database's owner or a superuser. Safe to run again."""
    roles = group_roles(_dbname(conn))
    ident = {k: sql.Identifier(v) for k, v in roles.items()}
    db = sql.Identifier(_dbname(conn))
    with conn.transaction():
        for level in LEVELS:
            if not _role_exists(conn, roles[level]):
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(ident[level]))
        conn.execute(sql.SQL("GRANT {} TO {}").format(ident["reader"], ident["editor"]))
        conn.execute(sql.SQL("GRANT {} TO {}").format(ident["editor"], ident["admin"]))
        statements = [
            "REVOKE ALL ON DATABASE {db} FROM PUBLIC",
            "GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {reader}",
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            "GRANT USAGE ON SCHEMA public TO {reader}",
            "GRANT CREATE ON SCHEMA public TO {admin}",
        ]
        for table in _tables(conn):
            t = sql.Identifier(table)
            conn.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(t, ident["admin"]))
        statements += [
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
            "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}",
            "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {editor}",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {editor}",
            *(f"ALTER DEFAULT PRIVILEGES FOR ROLE {{admin}} IN SCHEMA public GRANT {what}"
              for what in ("SELECT ON TABLES TO {reader}",
                           "INSERT, UPDATE, DELETE ON TABLES TO {editor}",
                           "USAGE, SELECT ON SEQUENCES TO {editor}")),
        ]
        for text in statements:
            conn.execute(sql.SQL(text).format(db=db, **ident))
        if "articles" in _tables(conn):
            _article_policies(conn, ident)
    return roles


def _article_policies(conn: psycopg.Connection, ident: dict[str, sql.Identifier]) -> None:
    """Row-level security on articles: an editor deletes only rows already in the trash."""
    conn.execute("ALTER TABLE articles ENABLE ROW LEVEL SECURITY")
    policies = {
        "articles_read": "FOR SELECT TO {reader} USING (true)",
        "articles_add": "FOR INSERT TO {editor} WITH CHECK (true)",
        "articles_change": "FOR UPDATE TO {editor} USING (true) WITH CHECK (true)",
        "articles_empty_trash": "FOR DELETE TO {editor} USING (deleted_at IS NOT NULL)",
    }
    for name, body in policies.items():
        conn.execute(sql.SQL("DROP POLICY IF EXISTS {} ON articles").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE POLICY {} ON articles " + body).format(
            sql.Identifier(name), **ident))


def grant(conn: psycopg.Connection, person: str, level: str, create: bool = False,
          password: str | None = None) -> None:
    """Give ``person`` (a login role) exactly ``level`` on the connected archive.

    ``create``: make the login role if it does not exist. ``password``: set it; it is
    hashed (SCRAM) on this machine, so it never reaches the server or its logs in clear."""
    if level not in LEVELS:
        raise AccessError(f"unknown level {level!r}; levels are: {', '.join(LEVELS)}")
    roles = group_roles(_dbname(conn))
    if not _role_exists(conn, roles["reader"]):
        raise AccessError("the archive's roles are not set up; run 'access setup' first")
    who = sql.Identifier(person)
    with conn.transaction():
        if not _role_exists(conn, person):
            if not create:
                raise AccessError(f"no role named {person!r} on the server "
                                  "(add --create to make a login role)")
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(who))
        if password is not None:
            hashed = conn.pgconn.encrypt_password(password.encode(), person.encode(),
                                                  b"scram-sha-256").decode()
            conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(who, sql.Literal(hashed)))
        for other in LEVELS:
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(roles[other]), who))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(roles[level]), who))


def revoke(conn: psycopg.Connection, person: str) -> None:
    """Take every level on the connected archive away from ``person`` (the role stays)."""
    roles = group_roles(_dbname(conn))
    if not _role_exists(conn, person):
        raise AccessError(f"no role named {person!r} on the server")
    with conn.transaction():
        for level in LEVELS:
            if _role_exists(conn, roles[level]):
                conn.execute(sql.SQL("REVOKE {} FROM {}").format(
                    sql.Identifier(roles[level]), sql.Identifier(person)))


@dataclass
class Member:
    person: str
    level: str


def members(conn: psycopg.Connection) -> list[Member]:
    """Login roles with a level on the connected archive, by name (highest level each)."""
    roles = group_roles(_dbname(conn))
    rows = conn.execute(
        "SELECT m.rolname, g.rolname FROM pg_auth_members a"
        " JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"
        " WHERE g.rolname = ANY(%s) AND m.rolcanlogin ORDER BY m.rolname",
        (list(roles.values()),)).fetchall()
    rank = {roles[lv]: i for i, lv in enumerate(LEVELS)}
    best: dict[str, int] = {}
    for person, group in rows:
        best[person] = max(best.get(person, -1), rank[group])
    return [Member(p, LEVELS[i]) for p, i in sorted(best.items())]


def level_of(conn: psycopg.Connection) -> str | None:
    """The connected person's level on this archive: ``admin``, ``editor`` or ``reader``
    (a superuser or the tables' owner counts as admin); None when roles are not set up,
    in which case the server's plain privileges decide."""
    roles = group_roles(_dbname(conn))
    row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    if row and row[0]:
        return "admin"
    if not _role_exists(conn, roles["reader"]):
        return None
    for level in reversed(LEVELS):
        row = conn.execute("SELECT pg_has_role(current_user, %s, 'USAGE')",
                           (roles[level],)).fetchone()
        held = bool(row and row[0])
        if held:
            return level
    return "none"
