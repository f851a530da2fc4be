"""Storage: the database schema, its migrations, and the ``Store`` that writes and reads it."""

from __future__ import annotations

from eventwire.store.database import Store, database_url

__all__ = ["Store", "database_url"]
