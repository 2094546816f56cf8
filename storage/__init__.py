"""Storage: everything that touches SQLite, through sqlite-utils.

One class, :class:`Store`, owns the connection, the schema (migrations
recorded in the database) and idempotent upserts. Nothing else in the
project writes SQL to the digest database.
"""

from storage.store import SaveResult, Store

__all__ = ["SaveResult", "Store"]
