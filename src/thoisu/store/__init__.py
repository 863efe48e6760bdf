"""Where articles and stories are kept: SQLite by default, any SQLAlchemy URL, PostgreSQL too.

>>> from thoisu.store import Store                               # doctest: +SKIP
>>> with Store.open("sqlite:///tin.db") as store:
...     result = store.add_articles(articles)
...     store.get_article("3f2a")  # a unique id prefix is enough

The schema is migrated with Alembic whenever a store is opened; see docs/store.md.
"""

from thoisu.store.errors import AmbiguousIdError, StoreError
from thoisu.store.store import AddFailure, AddResult, Store

__all__ = ["AddFailure", "AddResult", "AmbiguousIdError", "Store", "StoreError"]
