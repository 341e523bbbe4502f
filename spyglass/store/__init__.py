"""The store: SQLite schema, migrations, queries and full-text search."""

from spyglass.store.db import SearchHit, Store

__all__ = ["SearchHit", "Store"]
