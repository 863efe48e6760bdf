"""Bring a database to the newest schema with Alembic, run from code (no ``alembic.ini``)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

SCRIPT_LOCATION = "thoisu.store:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


class SchemaTooNew(Exception):
    """The database was migrated by a newer thoisu than this one."""


# Any fixed number: PostgreSQL advisory lock that serialises migrations of one database.
_PG_LOCK = 0x7468_6F69  # "thoi"


def upgrade(engine: Engine) -> bool:
    """Apply pending migrations; True if any ran.

    Two processes opening a new store at once must not both create its tables, so the check is
    repeated under a write lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock).
    """
    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return False
    with engine.connect() as conn:
        conn.execution_options(thoisu_write_lock=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            current = current_revision(conn)
            if current == head:
                return False
            if current is not None:
                try:
                    ScriptDirectory.from_config(alembic_config()).get_revision(current)
                except CommandError as exc:
                    raise SchemaTooNew(current) from exc
            command.upgrade(alembic_config(conn), "head")
    return True
