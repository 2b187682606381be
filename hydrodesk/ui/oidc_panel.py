"""The sign-in dialog's page for the company's identity provider: a code to approve on any device (RFC 8628), or
this computer's browser (authorization code + PKCE on a loopback redirect).

The code is shown big and spaced so it can be read across a desk; the address can be copied or opened. While
HydroDesk waits for the approval a busy bar moves and Cancel stops the wait at once. It runs the flows from
hydrodesk.api.oidc on the asyncio loop through `spawn`, and says how it ended through its signals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hydrodesk.api.oidc import DeviceCode, OidcClient, OidcError, SignInDenied, SignInExpired, TokenSet

Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


class OidcSignInPanel(QWidget):
    signed_in = Signal(object)  # a TokenSet
    failed = Signal(str)  # what went wrong, in words for the user
    cancelled = Signal()

    def __init__(self, spawn: Spawn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OidcSignInPanel")
        self._spawn = spawn
        self._task: asyncio.Task[Any] | None = None
        self._code: DeviceCode | None = None
        # How a URL is opened: the desktop's browser. Tests put a recorder here.
        self.open_url: Callable[[str], object] = lambda url: QDesktopServices.openUrl(QUrl(url))

        self.step_label = QLabel(self)
        self.step_label.setWordWrap(True)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("DeviceCode")
        font = QFont(self.code_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_label = QLabel(self)
        self.url_label.setObjectName("VerificationUrl")
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("&Copy code"), self)
        self.copy_button.setObjectName("CopyCode")
        self.copy_button.clicked.connect(self._copy_code)
        self.open_button = QPushButton(self.tr("&Open sign-in page"), self)
        self.open_button.setObjectName("PrimaryButton")
        self.open_button.clicked.connect(self._open_page)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: nobody knows when the user will approve
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("Muted")
        self.status_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.step_label)
        layout.addWidget(self.code_label)
        layout.addWidget(self.url_label)
        layout.addLayout(actions)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addLayout(bottom)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    # ------------------------------------------------------------------------------------------ flows
    def start_device_flow(self, oidc: OidcClient) -> None:
        self._show_waiting(self.tr("Asking the sign-in service for a code…"))
        self.code_label.setText("")
        self.url_label.setText("")
        self._set_code_visible(False)
        self._run(self._device_flow(oidc))

    def start_browser_flow(self, oidc: OidcClient) -> None:
        self._show_waiting(self.tr("Finish signing in in your browser. HydroDesk waits for it here."))
        self.step_label.setText(self.tr("Your browser opens the sign-in page of your company."))
        self._set_code_visible(False)
        self._run(self._browser_flow(oidc))

    def cancel(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
        self.cancelled.emit()

    def _run(self, coroutine: Coroutine[Any, Any, None]) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = self._spawn(coroutine)

    async def _device_flow(self, oidc: OidcClient) -> None:
        try:
            code = await oidc.start_device_flow()
            self._show_code(code)
            tokens = await oidc.wait_for_device_approval(code, on_interval=self._slowed_down)
        except Exception as error:  # every failure is reported to the user, below
            self._fail(error)
            return
        finally:
            await oidc.aclose()
        self._done(tokens)

    async def _browser_flow(self, oidc: OidcClient) -> None:
        try:
            tokens = await oidc.sign_in_with_browser(self.open_url)
        except Exception as error:
            self._fail(error)
            return
        finally:
            await oidc.aclose()
        self._done(tokens)

    # ------------------------------------------------------------------------------------------ showing
    def _show_code(self, code: DeviceCode) -> None:
        self._code = code
        self.step_label.setText(
            self.tr(
                "Open the sign-in page on this computer or on your phone, check that it shows this code, and "
                "approve. HydroDesk signs in by itself once you have."
            )
        )
        self.code_label.setText(code.user_code)
        self.url_label.setText(code.verification_uri)
        self._set_code_visible(True)
        self.status_label.setText(self.tr("Waiting for you to approve the sign-in…"))
        self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_waiting(self, text: str) -> None:
        self.progress.setVisible(True)
        self.status_label.setText(text)

    def _set_code_visible(self, visible: bool) -> None:
        for widget in (self.code_label, self.url_label, self.copy_button, self.open_button):
            widget.setVisible(visible)

    def _slowed_down(self, interval: float) -> None:
        self.status_label.setText(
            self.tr("Waiting for you to approve the sign-in (checking every {seconds} s)…").format(
                seconds=round(interval)
            )
        )

    def _copy_code(self) -> None:
        if self._code is not None:
            QGuiApplication.clipboard().setText(self._code.user_code)
            self.status_label.setText(self.tr("Code copied. Waiting for you to approve the sign-in…"))

    def _open_page(self) -> None:
        if self._code is not None:
            self.open_url(self._code.browser_url)

    def _done(self, tokens: TokenSet) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.status_label.setText(self.tr("Signed in."))
        self.signed_in.emit(tokens)

    def _fail(self, error: BaseException) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.failed.emit(self.explain(error))

    def explain(self, error: BaseException) -> str:
        if isinstance(error, SignInDenied):
            return self.tr("The sign-in was declined. Start again if that was a mistake.")
        if isinstance(error, SignInExpired):
            return self.tr("The code expired before it was approved. Start again to get a new one.")
        if isinstance(error, TimeoutError):
            return self.tr("The browser did not come back to HydroDesk in time. Start again.")
        if isinstance(error, httpx.HTTPError):
            return self.tr("The sign-in service could not be reached. Check the address and the connection.")
        if isinstance(error, OidcError):
            return self.tr("The sign-in service refused: {reason}").format(reason=str(error))
        return self.tr("Signing in failed: {reason}").format(reason=type(error).__name__)
