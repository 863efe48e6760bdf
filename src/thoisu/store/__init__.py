"""Where articles and stories are kept: SQLite by default, any SQLAlchemy URL, PostgreSQL too.

>>> from thoisu.model import Article, Origin
>>> from thoisu.store import Store
>>> bai = Article("3f2a9c0d1e4b5a67", Origin("tin.txt"), title="Mưa lớn ở Huế")
>>> with Store.open("sqlite://") as store:  # in memory; a file: "sqlite:///tin.db"
...     print(store.add_articles([bai]).added, store.get_article("3f2a").title)
['3f2a9c0d1e4b5a67'] Mưa lớn ở Huế

The schema is migrated with Alembic whenever a store is opened; see docs/store.md.
"""

from thoisu.store.errors import AmbiguousIdError, StoreError
from thoisu.store.store import AddFailure, AddResult, Store

__all__ = ["AddFailure", "AddResult", "AmbiguousIdError", "Store", "StoreError"]
