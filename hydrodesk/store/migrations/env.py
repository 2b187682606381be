"""Alembic environment: runs on the connection hydrodesk.store.migrate hands over (no alembic.ini, no URL).

To write a new migration during development: `python -m hydrodesk.store.migrate revision "what changes"`
creates versions/NNNN_what_changes.py from the models in hydrodesk/store/schema.py; review it before use.
"""

from __future__ import annotations

from alembic import context

from hydrodesk.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("hydrodesk migrations run through hydrodesk.store.migrate, which supplies the connection")

# render_as_batch: SQLite cannot ALTER most things in place; batch mode copies the table instead.
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
