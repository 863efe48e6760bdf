"""Alembic migrations of the store, applied by :func:`thoisu.store.migrate.upgrade` on open."""
