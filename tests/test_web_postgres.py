"""The web contract (test_web.py) on a real PostgreSQL server started for this run.

Search there is PostgreSQL full text (a ``tsvector`` of folded syllables with a GIN index);
the tests are the same as on SQLite's FTS5. Like test_store_postgres.py, these fail (not
skip) without the server binaries or psycopg.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from test_store_postgres import _Server
from test_web import WebContract


class TestPostgreSQL(WebContract):
    @pytest.fixture(scope="class")
    def url(self, postgres: _Server) -> str:
        return postgres.new_database()

    def test_search_uses_postgres_full_text(self, client) -> None:  # type: ignore[no-untyped-def]
        assert client.app.state.search.dialect == "postgresql"
        with client.app.state.store.engine.connect() as conn:
            kind = conn.exec_driver_sql(
                "SELECT data_type FROM information_schema.columns WHERE "
                "table_name = 'search_docs' AND column_name = 'tsv'").scalar()
        assert kind == "tsvector"
