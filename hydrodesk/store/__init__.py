"""The local cache and outbox (SQLAlchemy + SQLite)."""
