"""``thoisu serve``: the web app and REST API over a store, run by uvicorn."""

from __future__ import annotations

import click

from thoisu.cli.common import db_option, get_settings

WEB_EXTRA = "pip install 'thoisu[web]'"


def _need_web() -> None:
    """Fail with the install command when the ``[web]`` extra is missing."""
    import importlib.util

    missing = [name for name in ("fastapi", "uvicorn", "jinja2")
               if importlib.util.find_spec(name) is None]
    if missing:
        raise click.ClickException(f"the web app needs {', '.join(missing)}, which "
                                   f"{'is' if len(missing) == 1 else 'are'} not installed; "
                                   f"{WEB_EXTRA}")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; the app has no login).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
def serve(db_url: str | None, host: str, port: int) -> None:
    """Serve the web pages and the REST API (/api) over the store.

    Open http://127.0.0.1:8000/ in a browser; the API is described at /openapi.json.
    """
    _need_web()
    import uvicorn

    from thoisu.web import create_app

    settings = get_settings(db_url=db_url)
    app = create_app(settings.db_url or None, settings)
    click.echo(f"thoisu: serving the store at {app.state.store.url} on http://{host}:{port}/",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
