"""Store errors worded for people: which store, what went wrong, what to do.

:class:`StoreError` is a :class:`click.ClickException`, so a command that lets one through
prints ``Error: <message>`` and exits with status 1, with no traceback.
"""

from __future__ import annotations

import click
from sqlalchemy.exc import DBAPIError, NoSuchModuleError

POSTGRES_EXTRA = "pip install 'thoisu[postgres]'"
URL_EXAMPLES = "sqlite:///news.db or postgresql+psycopg://user@host/news"


class StoreError(click.ClickException):
    """The store could not be opened or used; the message names it and says what to do."""


class AmbiguousIdError(StoreError, LookupError):
    """An id prefix that matches more than one article."""


def driver_missing(shown: str, backend: str, exc: BaseException) -> StoreError:
    if backend.startswith("postgresql"):
        hint = f"the PostgreSQL driver (psycopg) is not installed; {POSTGRES_EXTRA}"
    else:
        hint = f"the database driver for {backend!r} is not installed ({exc}); install it"
    return StoreError(f"cannot open the store at {shown}: {hint}")


def unknown_backend(shown: str, exc: NoSuchModuleError) -> StoreError:
    return StoreError(f"cannot open the store at {shown}: unknown kind of database ({exc}); "
                      f"use a URL like {URL_EXAMPLES}")


def database_error(shown: str, exc: DBAPIError) -> StoreError:
    """Translate a driver error met while opening or using the store."""
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    # PostgreSQL prefixes the server's own words with the socket it tried; keep the words.
    if "FATAL:" in detail:
        detail = detail.split("FATAL:")[-1].strip()
    lowered = detail.lower()
    if "locked" in lowered:
        what = ("it is locked by another process (another thoisu run?); "
                "wait for it to finish and try again")
    elif "unable to open database file" in lowered:
        what = "the file cannot be opened or created; check the path and its permissions"
    elif "file is not a database" in lowered:
        what = "the file is not a SQLite database; choose another path"
    elif "readonly" in lowered or "read-only" in lowered:
        what = "it is read-only; check the file's permissions"
    elif "does not exist" in lowered and "database" in lowered:
        what = f"{detail}; create the database first (createdb) or fix the URL"
    elif "connect" in lowered or "password" in lowered or "authentication" in lowered:
        what = (f"cannot connect ({detail}); check that the server is running and the URL's "
                "host, port, user and password")
    else:
        what = f"{detail}; check the URL and the database"
    return StoreError(f"store at {shown}: {what}")
