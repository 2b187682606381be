"""One window per account: a second HydroDesk for an account already open brings the first window forward.

A farm office double-clicks the icon again when HydroDesk seems slow to open, or is hidden behind the spreadsheet.
The second HydroDesk cannot open the account anyway (its cache is locked, see hydrodesk.store.lock); instead of
explaining that in a window of its own, it asks the first one to come to the front (and to open the pane asked for
on its command line, if any), then closes. That is what the desktop programs a farm office knows do.

How: whoever holds a lock also listens on a local socket (a named pipe on Windows) named after the locked file.
The one that finds the lock taken connects to that name and sends one line; the holder answers "ok" once its
window is in front. No answer in time (the first HydroDesk is closing, or hung), or nobody listening (a HydroDesk
from before this feature): the second window says what it said before, with its "Try again".

The question is asked twice. Before any window, when the account this start opens is known without signing in
(the demo farm; a saved profile's last user): nothing flashes on the screen, no keychain or network is touched.
And again when the cache refuses to open, for a first HydroDesk that was still signing in at the first question.

Two accounts side by side lock two files and so listen on two names: they never answer for each other. The socket
is the user's own (UserAccessOption) and carries a pane name at most, which the window checks against its panes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    import asyncio

    from hydrodesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

HANDED_OVER = "hydrodesk: HydroDesk was already open for this account; its window was brought forward\n"
REQUEST = "come-forward"
ANSWER = b"ok\n"
MAX_REQUEST_BYTES = 1024  # one short JSON line; anything longer is not ours
ANSWER_TIMEOUT_S = 3.0  # a first HydroDesk busy loading its farm still answers well within this
REQUEST_WAIT_MS = 10_000  # a connection that has sent no request by then is closed (a later HydroDesk sends at once)


def channel_name(locked_file: Path) -> str:
    """The local socket's name for whoever holds `locked_file`: the same in every HydroDesk of this user."""
    digest = hashlib.sha256(str(locked_file.resolve()).encode("utf-8")).hexdigest()[:24]
    return f"hydrodesk-{digest}"


class WindowBeacon(QObject):
    """Listens for later HydroDesks on the names of the files this one holds, and brings `window` forward."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._servers: dict[Path, QLocalServer] = {}

    def listen(self, locked_file: Path) -> None:
        if locked_file in self._servers:
            return
        name = channel_name(locked_file)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            # A socket file left by a HydroDesk that was killed: ours to replace, since we hold the lock now.
            QLocalServer.removeServer(name)
            if not server.listen(name):
                log.warning("a later HydroDesk cannot reach this one (%s): %s", name, server.errorString())
                server.deleteLater()
                return
        server.newConnection.connect(lambda: self._accept(server))
        self._servers[locked_file] = server

    def stop(self, locked_file: Path) -> None:
        server = self._servers.pop(locked_file, None)
        if server is not None:
            server.close()
            server.deleteLater()

    def stop_all(self) -> None:
        for locked_file in list(self._servers):
            self.stop(locked_file)

    def _accept(self, server: QLocalServer) -> None:
        while (socket := server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(REQUEST_WAIT_MS, socket, socket.abort)  # gone with the socket once it is answered

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_REQUEST_BYTES:
                socket.abort()
            return
        pane = _parse_request(bytes(socket.readLine(MAX_REQUEST_BYTES).data()))
        if pane is None:
            log.warning("ignored a malformed request on the single-window channel")
            socket.abort()
            return
        self._come_forward(pane)
        socket.write(ANSWER)
        socket.flush()
        socket.disconnectFromServer()

    def _come_forward(self, pane: str) -> None:
        window = self._window
        log.info("another HydroDesk was started for this account: bringing this window forward")
        if window.isMinimized():  # back as it was, maximized or not (showNormal() would un-maximize it)
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()
        if pane:
            window.open_pane(pane)  # an unknown name is ignored there
        window.statusBar().showMessage(
            QCoreApplication.translate("SingleInstance", "HydroDesk was already open for this account: here it is."),
            10_000,
        )


def come_forward_before_window(locked_file: Path, pane: str | None, timeout_s: float = ANSWER_TIMEOUT_S) -> bool:
    """`ask_to_come_forward` for a HydroDesk that has no window nor event loop yet: blocks until the holder has
    answered, at most `timeout_s`. Nobody listening (the usual case) fails at once."""
    _allow_other_process_to_take_focus()
    socket = QLocalSocket()
    deadline = time.monotonic() + timeout_s

    def remaining_ms() -> int:
        return max(0, round((deadline - time.monotonic()) * 1000))

    try:
        socket.connectToServer(channel_name(locked_file))
        if not socket.waitForConnected(remaining_ms()):
            return False
        socket.write(_request(pane))
        received = bytearray()
        while b"\n" not in received:
            if not socket.waitForReadyRead(remaining_ms()):
                received.extend(bytes(socket.readAll().data()))  # answered, then hung up before we looked
                break
            received.extend(bytes(socket.readAll().data()))
        if bytes(received) != ANSWER:
            log.warning("the HydroDesk holding %s did not answer within %.0f s", locked_file, timeout_s)
            return False
        return True
    finally:
        socket.abort()


async def ask_to_come_forward(locked_file: Path, pane: str | None, timeout_s: float = ANSWER_TIMEOUT_S) -> bool:
    """Ask the HydroDesk holding `locked_file` to bring its window forward; True once it said it has."""
    import asyncio  # here: the question before any window (above) runs before asyncio is imported

    _allow_other_process_to_take_focus()
    loop = asyncio.get_running_loop()
    answered: asyncio.Future[bool] = loop.create_future()
    received = bytearray()
    socket = QLocalSocket()

    def settle(ok: bool) -> None:
        if not answered.done():
            answered.set_result(ok)

    def on_ready_read() -> None:
        received.extend(bytes(socket.readAll().data()))
        if b"\n" in received:
            settle(bytes(received) == ANSWER)

    def on_error(_error: QLocalSocket.LocalSocketError) -> None:
        if socket.bytesAvailable() > 0:  # it answered and hung up: the answer may be unread when the hang-up is seen
            on_ready_read()
        settle(False)  # nobody listening; or it hung up without answering

    socket.connected.connect(lambda: socket.write(_request(pane)))
    socket.readyRead.connect(on_ready_read)
    socket.errorOccurred.connect(on_error)
    socket.connectToServer(channel_name(locked_file))
    try:
        return await asyncio.wait_for(answered, timeout_s)
    except TimeoutError:
        log.warning("the HydroDesk holding %s did not answer within %.0f s", locked_file, timeout_s)
        return False
    finally:
        socket.abort()
        socket.deleteLater()


def _request(pane: str | None) -> bytes:
    return (json.dumps({"request": REQUEST, "pane": pane or ""}) + "\n").encode("utf-8")


def _parse_request(line: bytes) -> str | None:
    """The pane asked for ("" for none), or None when the line is not a request of ours."""
    try:
        message = json.loads(line)
    except ValueError:
        return None
    if not isinstance(message, dict) or message.get("request") != REQUEST:
        return None
    pane = message.get("pane", "")
    return pane if isinstance(pane, str) else None


def _allow_other_process_to_take_focus() -> None:
    """Windows lets only the process the user just started (this one) hand the foreground to another; without
    this the first window would only flash in the taskbar."""
    if sys.platform == "win32":
        import ctypes

        asfw_any = -1  # ASFW_ANY: any process may set the foreground window once
        ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)
