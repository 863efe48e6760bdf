"""``thoisu tokens create NAME | list | revoke NAME``: the API tokens that allow writes."""

from __future__ import annotations

import click

from thoisu.cli.common import db_option, get_settings


def _store(db_url: str | None):  # type: ignore[no-untyped-def]
    from thoisu.store import Store

    settings = get_settings(db_url=db_url)
    return Store.open(settings.db_url or None)


@click.group()
def tokens() -> None:
    """API tokens: every write to the web API (and the browser upload) needs one."""


@tokens.command()
@db_option
@click.argument("name")
def create(db_url: str | None, name: str) -> None:
    """Make a token named NAME and print it (once: only its hash is stored)."""
    from thoisu.store import StoreError
    from thoisu.store.tokens import create_token

    with _store(db_url) as store:
        try:
            made = create_token(store, name)
        except StoreError as exc:
            raise click.ClickException(exc.message) from exc
    click.echo(made.secret)
    click.echo(f"token {name!r} made; keep it now, it cannot be shown again. Send it as "
               "'Authorization: Bearer <token>' or log in with it at /login.", err=True)


@tokens.command(name="list")
@db_option
def list_(db_url: str | None) -> None:
    """The tokens: name, first characters, made, last used, revoked."""
    from thoisu.store.tokens import list_tokens

    with _store(db_url) as store:
        found = list_tokens(store)
    if not found:
        click.echo("no tokens; make one with: thoisu tokens create NAME", err=True)
        return
    click.echo(f"{'name':<24} {'starts':<8} {'made':<20} {'last used':<20} state")
    for t in found:
        used = t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "-"
        state = "active" if t.active else f"revoked {t.revoked_at:%Y-%m-%d %H:%M}"
        click.echo(f"{t.name:<24} {t.prefix:<8} {t.created_at:%Y-%m-%d %H:%M}     "
                   f"{used:<20} {state}")


@tokens.command()
@db_option
@click.argument("name")
def revoke(db_url: str | None, name: str) -> None:
    """Revoke the token named NAME: requests sending it get 401 from now on."""
    from thoisu.store.tokens import revoke_token

    with _store(db_url) as store:
        if not revoke_token(store, name):
            raise click.ClickException(f"no active token named {name!r}; see thoisu tokens list")
    click.echo(f"token {name!r} revoked", err=True)
