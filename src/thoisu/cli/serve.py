"""``thoisu serve``: the web app and REST API over a store, run by uvicorn."""

from __future__ import annotations

import os
import signal

import click

from thoisu.cli.common import db_option, get_settings

WEB_EXTRA = "pip install 'thoisu[web]'"
# Seconds SIGTERM (or Ctrl-C) waits for requests in flight before the server stops anyway;
# analysis jobs are killed with their worker processes.
GRACE = 3


def _need_web() -> None:
    """Fail with the install command when the ``[web]`` extra is missing."""
    import importlib.util

    missing = [name for name in ("fastapi", "uvicorn", "jinja2")
               if importlib.util.find_spec(name) is None]
    if missing:
        raise click.ClickException(f"the web app needs {', '.join(missing)}, which "
                                   f"{'is' if len(missing) == 1 else 'are'} not installed; "
                                   f"{WEB_EXTRA}")


def worker_app() -> object:
    """The app in one of several server processes: made from the settings that ``serve``
    put in the environment, in a process that ends when the one that started it ends (a
    killed ``serve`` must not leave its workers holding the port)."""
    from thoisu.web import create_app
    from thoisu.web.pool import end_with_parent

    end_with_parent(signal.SIGTERM)  # SIGTERM: the worker stops as uvicorn stops it
    return create_app()


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; writes need a token).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--base-url", default=None,
              help="Where readers reach the server (absolute links in feeds are made from it, "
                   "never from the Host header); default: the web_base_url setting, else "
                   "http://HOST:PORT.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Server processes, each with its own read threads, page cache and "
                   "analysis pool (default: the web_workers setting; 0 there means one per "
                   "core). Reads hold a process's interpreter, so processes bring the cores.")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Log every request (off for load tests).")
def serve(db_url: str | None, host: str, port: int, base_url: str | None,
          workers: int | None, access_log: bool) -> None:
    """Serve the web pages and the REST API (/api) over the store.

    Open http://127.0.0.1:8000/ in a browser; the API is described at /docs. Writes (POST
    /api/articles, the upload page) need a token: thoisu tokens create NAME.
    """
    _need_web()
    import uvicorn

    settings = get_settings(db_url=db_url)
    shown_host = f"[{host}]" if ":" in host else host
    base = base_url or settings.web_base_url or f"http://{shown_host}:{port}"
    settings = settings.replace(web_base_url=base)
    if workers is None:
        workers = settings.web_workers or os.cpu_count() or 1
    if workers > 1:
        # Each worker process makes its own app from the settings, so pass them on through
        # the environment (load_settings reads THOISU_*).
        from thoisu.store import Store

        with Store.open(settings.db_url or None) as store:  # fail now, not in each worker
            shown = store.url
        os.environ["THOISU_DB_URL"] = settings.db_url
        os.environ["THOISU_WEB_BASE_URL"] = base
        pages = None
        if not settings.web_cache_dir.strip():
            # The processes share what they render (thoisu.web.shared_pages), in a folder of
            # this run only.
            import tempfile

            pages = tempfile.mkdtemp(prefix="thoisu-pages-")
            os.environ["THOISU_WEB_CACHE_DIR"] = pages
        click.echo(f"thoisu: serving the store at {shown} on {base}/ ({workers} processes)",
                   err=True)
        try:
            uvicorn.run("thoisu.cli.serve:worker_app", factory=True, host=host, port=port,
                        workers=workers, log_level="info", access_log=access_log,
                        timeout_graceful_shutdown=GRACE)
        finally:
            if pages is not None:
                import shutil

                shutil.rmtree(pages, ignore_errors=True)
        return
    from thoisu.web import create_app

    app = create_app(settings.db_url or None, settings)
    click.echo(f"thoisu: serving the store at {app.state.store.url} on {base}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log,
                timeout_graceful_shutdown=GRACE)
