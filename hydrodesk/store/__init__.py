"""The local database of one profile: the cache of server data and the durable outbox (SQLAlchemy + SQLite).

Entry points: `store.Store` (async; everything runs on its own database thread), `paths.profile_database` (where
the file goes), `views` (what panes show: cache with pending changes laid over it), `cache` (what the server
said), `outbox` (the changes made here, their states and the user's decisions about them).
"""
