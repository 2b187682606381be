"""Getting the office's changes to the server and the server's data into the cache, whenever that is possible.

For the UI:
- `engine.SyncEngine`: `start()`/`stop()`, `subscribe(listener)` -> `status.SyncStatus` (online / offline /
  syncing / auth_required, pending and stopped counts, last sync, the problem in words), `sync_now()`,
  `set_network_available(bool)` (from QNetworkInformation), `credentials_renewed(credentials)`,
  `refresher` (on-demand fetches for the data panes).
- `actions.OfficeActions`: every change a user makes (record units, void, open/update/extend/close a session,
  create a worker, submit a form, irrigation commands), durably queued before it returns.
- `choices.OutboxChoices`: what to do with changes the server refused: retry, edit and retry, move records to
  another session, discard with a reason.
"""
