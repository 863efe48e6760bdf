"""Bring a database to the newest schema with Alembic, run from code (no ``alembic.ini``)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection

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


def upgrade(connection: Connection) -> bool:
    """Apply pending migrations inside the caller's transaction; True if any ran."""
    head = head_revision()
    current = current_revision(connection)
    if current == head:
        return False
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError as exc:
            raise SchemaTooNew(current) from exc
    command.upgrade(alembic_config(connection), "head")
    return True
