"""What the Tallies pane shows: the empty states, the session's heading and banner, the tables, the sync chip.

Only reads the pane's state and writes widgets; loading and recording live in pane_loading and pane_actions.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSize

from hydrodesk.domain.tallies import LineStatus
from hydrodesk.domain.tally_entries import entry_views
from hydrodesk.domain.tally_sums import Pricing, totals
from hydrodesk.sync.status import ConnectionState
from hydrodesk.ui.formats import (
    amount_text,
    counted,
    day_text,
    farm_zone,
    money_text,
    number_text,
    time_text,
    unit_word,
    zone_label,
)
from hydrodesk.ui.icons import svg_pixmap
from hydrodesk.ui.tallies.scopes import DEFAULT_SEASON_DAYS, SEASON
from hydrodesk.ui.widgets.restyle import set_style_property

OPEN_SESSION_LINK = "open-session"
"""The banner's link that opens a new session (in the Sessions pane's dialog)."""
OPEN_SESSION_IN = "open-session-in:"
"""The banner's link that opens a new session in a given sector (`open-session-in:<sector id>`)."""
SESSION_LINK = "session:"
"""The banner's link to a session, by id (`session:<id>`)."""


class TalliesDisplay:
    """Puts the pane's state on screen. A part of TalliesPane
    (hydrodesk.ui.panes.tallies), which holds the state."""

    def _show_state(self) -> None:
        icon_color = self._theme_tokens.get("icon", "#33443d")
        if self.context.office() is None:
            self.state_page.show_state(
                title=self.tr("Not signed in"),
                message=self.tr("Sign in to record tallies; they are kept on this computer until they sync."),
                icon=svg_pixmap("signed-out", _icon_size(), icon_color),
            )
            self.stack.setCurrentWidget(self.state_page)
            return
        if self._selection.project is None and self._session is None:
            self.state_page.show_state(
                title=self.tr("No project selected"),
                message=self.tr("Choose a project or sector in the navigator to see its sessions and tallies."),
                icon=svg_pixmap("project", _icon_size(), icon_color),
            )
            self.stack.setCurrentWidget(self.state_page)
            return
        self.stack.setCurrentWidget(self._content)

    def _show_session_details(self) -> None:
        session = self._session
        if session is None:
            where = self._selection.sector.sector_name if self._selection.sector else None
            where = where or (self._selection.project.name if self._selection.project else "")
            self.subtitle_label.setText(where)
            self._show_banner(
                self.tr("No session on {day} in {where}. Open one in the Sessions pane, or pick another day.").format(
                    day=_day_text(self.day_edit.date()), where=where
                ),
                [(OPEN_SESSION_LINK, self.tr("Open a session"))],
            )
            self.entry_row.set_entry_enabled(False)
            self.entry_row.set_unit_name("")
            return
        pricing = Pricing.of_session(session)
        bonus = ""
        if pricing.bonus is not None:
            bonus = (
                self.tr(" + {value} % bonus").format(value=number_text(pricing.bonus.value))
                if pricing.bonus.type == "percent"
                else self.tr(" + {value} flat bonus").format(value=money_text(pricing.bonus.value))
            )
        self.subtitle_label.setText(
            self.tr("{sector} · {day} · times in {zone} · {price} per {unit}{bonus}").format(
                sector=session.get("sector_name") or session.get("sector_id"),
                day=_day_text(self.day_edit.date()),
                zone=zone_label(self._session_zone()),
                price=money_text(pricing.price_per_unit),
                unit=unit_word(pricing.sampling_unit, 1),
                bonus=bonus,
            )
        )
        self.entry_row.set_unit_name(pricing.sampling_unit)
        self.entry_row.set_enter_action(self._enter_action_for(session, pricing.sampling_unit))
        blocked = self._entry_block_reason()
        self._show_banner(blocked)
        self.entry_row.set_entry_enabled(blocked is None)
        if self._someone_elses(session):
            # Their own session is where a supervisor meant to record: offer it (or a new one) beside the reason.
            self._spawn(self._offer_own_session(session["session_id"]), "tallies-own-session")

    def _show_banner(self, text: str | None, ways: Sequence[tuple[str, str]] = ()) -> None:
        """The note above the entry row, with links to the ways forward: (href, label), see `_on_banner_link`."""
        links = [f'<a href="{html.escape(href)}">{html.escape(label)}</a>' for href, label in ways]
        self.session_banner.setText(" ".join([html.escape(text or ""), *links]))
        self.session_banner.setVisible(bool(text))

    def _show_sessions(self, sessions: list[dict[str, Any]], day: date, prefer: str | None) -> None:
        self._sessions = sessions
        shown = QDate(day.year, day.month, day.day)
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(shown)
        self.day_edit.blockSignals(False)
        if not self._season_start_chosen:
            self.season_from.blockSignals(True)
            self.season_from.setDate(shown.addDays(-DEFAULT_SEASON_DAYS))
            self.season_from.blockSignals(False)
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for session in sessions:
            self.session_combo.addItem(self._session_title(session), session["session_id"])
        index = next((i for i, s in enumerate(sessions) if s["session_id"] == prefer), -1)
        if index < 0:
            index = next((i for i, s in enumerate(sessions) if s["status"] == "open"), 0 if sessions else -1)
        self.session_combo.setCurrentIndex(index)
        self.session_combo.blockSignals(False)
        before = self._session_id()
        self._session = sessions[index] if index >= 0 else None
        if self._session_id() != before:
            self._forget_last_entry()
            # The same session keeps its ledger until the store's is read again: a payroll exported or a report
            # printed meanwhile (a sync reloads the day often) must not come out empty.
            self._ledger = []
        self._show_session_details()

    def _show_tables(self) -> None:
        self.workers_model.update_rows(self._worker_rows())
        self._show_totals()
        self._show_entries()
        self._update_chip()
        self.tally_changed.emit()

    def _show_totals(self) -> None:
        total = totals(self.workers_model.rows)
        if not self.workers_model.rowCount():
            self.totals_label.setText(self.tr("No entries yet.") if self._session is not None else "")
            return
        unit = Pricing.of_session(self._session).sampling_unit if self._session else ""
        # Each count is a phrase of its own, singular or plural, so no language reads "1 workers".
        counts = [
            self.tr("1 worker") if total.workers == 1 else self.tr("{count} workers").format(count=total.workers),
            amount_text(total.units, unit),
            self.tr("1 record") if total.records == 1 else self.tr("{count} records").format(count=total.records),
            self.tr("1 void") if total.voids == 1 else self.tr("{count} voids").format(count=total.voids),
            self.tr("pay {pay}").format(pay=money_text(total.pay.total)),
        ]
        text = " · ".join(counts)
        if total.pay.bonus:
            text += self.tr(" (bonus {bonus})").format(bonus=money_text(total.pay.bonus))
        if total.pending_units:
            text += self.tr(" · {units} waiting to sync").format(units=number_text(total.pending_units))
        self.totals_label.setText(text)

    def _show_entries(self) -> None:
        self.entries_model.set_entries(entry_views(self._ledger, self.duplicate_spin.value()), self._session_zone())
        self._update_void_buttons()

    def _update_chip(self) -> None:
        pending = sum(1 for line in self._ledger if line.status is LineStatus.PENDING)
        stopped = sum(1 for line in self._ledger if line.status is LineStatus.ATTENTION)
        offline = self._sync is not None and self._sync.state is ConnectionState.OFFLINE
        if stopped:
            text = counted(
                stopped, self.tr("1 needs attention (see Outbox)"), self.tr("{count} need attention (see Outbox)")
            )
            tone = "error"
        elif pending and offline:
            text, tone = self.tr("Offline · {count} saved here, waiting to sync").format(count=pending), "warn"
        elif pending:
            text, tone = self.tr("{count} waiting to sync").format(count=pending), "warn"
        elif offline:
            text, tone = self.tr("Offline · entries are kept on this computer"), "warn"
        else:
            text, tone = self.tr("All entries on the server"), "ok"
        self.sync_chip.setText(text)
        self.sync_chip.setVisible(self._session is not None)
        set_style_property(self.sync_chip, "tone", tone)

    def _update_void_buttons(self) -> None:
        selected = self._selected_entry()
        self.void_button.setEnabled(selected is not None and selected.voidable)
        flagged = len(self._flagged())
        self.void_flagged_button.setEnabled(flagged > 0)
        self.void_flagged_button.setText(
            self.tr("Void flagged entries ({count})…").format(count=flagged)
            if flagged
            else self.tr("Void flagged entries…")
        )

    def _update_scope_widgets(self) -> None:
        season = self._scope == SEASON
        self.season_label.setVisible(season)
        self.season_from.setVisible(season)

    def _session_title(self, session: dict[str, Any]) -> str:
        timezone = farm_zone(session.get("timezone"))
        opened = time_text(session["opened_at"], timezone) if session.get("opened_at") else "—"
        sector = session.get("sector_name") or session.get("sector_id")
        if session.get("status") == "open":
            title = self.tr("{sector} · open since {time}").format(sector=sector, time=opened)
        else:
            title = self.tr("{sector} · closed · opened at {time}").format(sector=sector, time=opened)
        if session.get("pending"):
            title += self.tr(" · not yet on the server")
        office = self._office
        owner = session.get("owner_auth0_id")
        if office is not None and owner and owner != office.actions.auth0_id:
            title += f" · {self.person(owner)}"
        return title


def _day_text(day: QDate) -> str:
    return day_text(date(day.year(), day.month(), day.day()))


def _icon_size() -> QSize:
    return QSize(56, 56)
