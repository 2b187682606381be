"""Help > Check for Updates against a release feed served on loopback: a newer release offers its download page
(in the browser, nothing installed), the same version says so, and a server that is down, broken or not a feed
gets a plain sentence."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from hydrodesk.diagnostics.version import running_version
from hydrodesk.ui.update_dialog import UpdateDialog
from hydrodesk.update_check import UpdateOutcome

from .conftest import WindowKit
from .test_help_menu import OpenedUrls

PAGE = "https://github.com/hydrobit/hydrodesk/releases/tag/v99.0.0"


class Feed(ThreadingHTTPServer):
    """Answers every GET with `status` and `body` (what the test sets), and remembers what was asked."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.status = 200
        self.body = b"{}"
        self.requests: list[dict[str, str]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/repos/hydrobit/hydrodesk/releases/latest"


class FeedHandler(BaseHTTPRequestHandler):
    server: Feed

    def do_GET(self) -> None:
        self.server.requests.append(dict(self.headers))
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, *_args: Any) -> None:
        """Quiet: the test reads what it needs from `requests`."""


@pytest.fixture
def feed() -> Iterator[Feed]:
    server = Feed()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def check(qtbot: QtBot, kit: WindowKit, feed_url: str) -> UpdateDialog:
    kit.ui_state.update_feed_url = feed_url
    dialog = kit.window.check_for_updates()
    with qtbot.waitSignal(dialog.checked, timeout=15_000):
        pass
    return dialog


def test_a_newer_release_offers_its_download_page(qtbot: QtBot, make_window: Any, feed: Feed) -> None:
    feed.body = json.dumps({"tag_name": "v99.0.0", "html_url": PAGE, "assets": []}).encode()
    kit = make_window()
    assert kit.window.update_action in kit.window.menuBar().actions()[-1].menu().actions()
    dialog = check(qtbot, kit, feed.url)
    assert dialog.result_check is not None
    assert dialog.result_check.outcome is UpdateOutcome.NEWER
    assert "99.0.0" in dialog.headline.text()
    assert running_version() in dialog.detail.text()
    assert feed.requests[0]["User-Agent"] == f"HydroDesk/{running_version()}"

    browser = OpenedUrls()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        assert dialog.download_button is not None
        dialog.download_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert [url.toString() for url in browser.urls] == [PAGE]


def test_the_running_version_is_the_latest(qtbot: QtBot, make_window: Any, feed: Feed) -> None:
    feed.body = json.dumps({"tag_name": f"v{running_version()}", "html_url": PAGE}).encode()
    dialog = check(qtbot, make_window(), feed.url)
    assert dialog.headline.text() == "You have the latest version"
    assert dialog.download_button is None


@pytest.mark.parametrize(
    ("status", "body", "outcome", "headline"),
    [
        (404, b'{"message": "Not Found"}', UpdateOutcome.SERVER, "The update server answered with an error"),
        (200, b"<html>captive portal</html>", UpdateOutcome.BAD_FEED, "No release found"),
    ],
)
def test_errors_get_a_plain_message(
    qtbot: QtBot, make_window: Any, feed: Feed, status: int, body: bytes, outcome: UpdateOutcome, headline: str
) -> None:
    feed.status, feed.body = status, body
    dialog = check(qtbot, make_window(), feed.url)
    assert dialog.result_check is not None
    assert dialog.result_check.outcome is outcome
    assert dialog.headline.text() == headline
    assert dialog.download_button is None


def test_offline_says_so(qtbot: QtBot, make_window: Any) -> None:
    with socket.socket() as closed:  # a loopback port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    dialog = check(qtbot, make_window(), f"http://127.0.0.1:{port}/latest")
    assert dialog.result_check is not None
    assert dialog.result_check.outcome is UpdateOutcome.OFFLINE
    assert "internet connection" in dialog.detail.text()


def test_a_plain_http_feed_elsewhere_is_refused_before_any_request(qtbot: QtBot, make_window: Any) -> None:
    dialog = check(qtbot, make_window(), "http://updates.example.com/latest")
    assert dialog.result_check is not None
    assert dialog.result_check.outcome is UpdateOutcome.BAD_URL
