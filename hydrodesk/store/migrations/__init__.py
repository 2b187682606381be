"""Alembic migrations of the local database, applied by hydrodesk.store.migrate when a store opens."""
