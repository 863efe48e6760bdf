"""The web app and REST API over a thoisu store (the ``[web]`` extra: FastAPI, uvicorn, Jinja2).

>>> from thoisu.web import create_app                         # doctest: +SKIP
>>> app = create_app("sqlite:///tin.db")

See docs/web.md for the routes.
"""

from thoisu.web.app import create_app

__all__ = ["create_app"]
