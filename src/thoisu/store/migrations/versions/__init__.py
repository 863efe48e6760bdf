"""One module per schema revision; ``alembic_version`` records the one a database is at."""
