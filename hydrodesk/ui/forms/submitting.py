"""Submitting a filled-in form: saved to the outbox (so it works offline), announced once the history lists it,
and refused in plain words when it cannot be saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiboken6 import isValid

from hydrodesk.store.outbox import OutboxError
from hydrodesk.store.sqlite_errors import DiskFull
from hydrodesk.ui.cache_file_text import disk_full_change_text
from hydrodesk.ui.forms.editor import Submission
from hydrodesk.ui.mixin import Mixin

if TYPE_CHECKING:
    pass


class FormSubmitting(Mixin):
    """A mixin of FormsPane: what Submit (Ctrl+Enter) does with the form on screen."""

    # ------------------------------------------------------------------------------------------ submitting
    def _on_submitted(self, submission: Submission) -> None:
        self.editor.submit_button.setEnabled(False)  # at once: a second Ctrl+Enter must not queue it twice
        self._spawn(self._save(submission), "form-save")

    async def _save(self, submission: Submission) -> None:
        office = self._office
        if office is None:
            self.status_message.emit(self.tr("Sign in again to submit this form."))
            self.editor.submit_button.setEnabled(True)
            return
        try:
            item = await office.actions.submit_form(
                submission.record, form_name=submission.form_name, place=submission.place
            )
        except DiskFull:  # refused whole; what was saved before stands
            if isValid(self):
                self.editor.summary_label.setText(disk_full_change_text())
                self.editor.summary_label.setVisible(True)
            return
        except (OutboxError, ValueError) as error:
            if isValid(self):
                self.editor.summary_label.setText(self.tr("The form could not be saved: {reason}").format(reason=error))
                self.editor.summary_label.setVisible(True)
            return
        finally:
            if isValid(self):
                self.editor.submit_button.setEnabled(True)
        if not isValid(self):
            return
        self.editor.clear()
        self.status_message.emit(
            # Short: at 1366 px the status bar shows about 130 characters beside its permanent widgets.
            self.tr("Form “{form}” saved for {place}; it is sent as soon as there is a connection.").format(
                form=submission.form_name, place=submission.place
            )
        )
        # Announced by the reload that lists it (a reload the sync engine started meanwhile may be that one).
        self._just_saved.append(item.entry_id)
        await self.reload()
