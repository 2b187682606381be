"""Turning what the server (or the network) said into what becomes of an outbox entry.

- The server took it: done.
- The server refused it for good: `failed` with its reason (400, 403, 404, 422), or `conflict` when the server's
  state forbids it (409; a session that no longer exists) and the user has a choice to make.
- Anything that may work later (no connection, timeouts, 5xx, 429, a garbled reply): back to the queue, same ids.
- The sign-in was refused (401): back to the queue, and sync pauses until the user signs in again.
"""

from __future__ import annotations

from hydrodesk.api.bulk_reply import BulkItem
from hydrodesk.api.endpoints import AuthKind
from hydrodesk.api.errors import (
    ApiError,
    AuthExpired,
    Conflict,
    CredentialsMissing,
    MalformedResponse,
    NotFound,
    Offline,
    RequestTimeout,
    ServerError,
    error_from_response,
)
from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store.outbox import SESSION_KINDS, Delivered, Outcome, Refused, Retry
from hydrodesk.sync.status import ProblemKind, SyncProblem

SESSION_GONE = "session_not_found"


class SyncInterrupted(Exception):
    """A transient failure stopped this sync round; the engine backs off and tries again."""

    def __init__(self, problem: SyncProblem) -> None:
        super().__init__(problem.detail or problem.message)
        self.problem = problem


class SignInRequired(SyncInterrupted):
    """The server refused the credentials: nothing more can be sent until the user signs in again."""


def is_transient(error: ApiError) -> bool:
    if isinstance(error, Offline | ServerError | MalformedResponse):
        return True
    return error.status_code is not None and (error.status_code == 429 or error.status_code >= 500)


def interruption(error: ApiError) -> SyncInterrupted:
    """The SyncInterrupted to raise for a transient or sign-in error."""
    detail = str(error)
    if isinstance(error, AuthExpired | CredentialsMissing):
        return SignInRequired(SyncProblem(ProblemKind.SIGN_IN, error.user_message, detail))
    if isinstance(error, RequestTimeout):
        kind = ProblemKind.TIMEOUT
    elif isinstance(error, Offline):
        kind = ProblemKind.UNREACHABLE
    elif isinstance(error, MalformedResponse):
        kind = ProblemKind.BAD_REPLY
    else:
        kind = ProblemKind.SERVER_ERROR
    return SyncInterrupted(SyncProblem(kind, error.user_message, detail))


def refusal(error: ApiError, kind: EntryKind) -> Refused | None:
    """The lasting refusal `error` means for an entry of `kind`; None when trying again later may work."""
    if isinstance(error, AuthExpired | CredentialsMissing) or is_transient(error):
        return None
    reason = error.user_message
    if isinstance(error, Conflict):
        return Refused(EntryState.CONFLICT, reason, error.server_error)
    if isinstance(error, NotFound) and kind in SESSION_KINDS and error.server_error == SESSION_GONE:
        # The records (or change) have nowhere to go as they stand: the user moves or discards them.
        return Refused(EntryState.CONFLICT, reason, error.server_error)
    return Refused(EntryState.FAILED, reason, error.server_error)


def bulk_item_outcome(item: BulkItem) -> Outcome:
    """One record's result in a 207 bulk reply."""
    if item.status_code in (200, 201):
        if item.record_id is None:
            return Retry("the bulk reply did not say which record it stored")
        return Delivered(
            {"record_id": item.record_id, "session_id": item.session_id, "created": item.status_code == 201}
        )
    error = error_from_response(item.status_code, {"message": item.message, "error": item.error}, AuthKind.BEARER_JWT)
    refused = refusal(error, EntryKind.CREATE_RECORD)
    if refused is None:
        return Retry(str(error))
    return refused
