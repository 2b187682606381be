"""The embedded broker's own process (hydrodesk.sim.broker_cli) exits cleanly when told to, clients or not."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from hydrodesk.sim.broker_process import BrokerProcess


def test_the_broker_exits_cleanly_while_a_device_is_still_connected() -> None:
    # Since Python 3.12.1, asyncio's Server.wait_closed() also waits for every connection still open. A broker that
    # waited for its listeners before letting its clients go never exited by itself: its parent killed it after
    # `stop`'s timeout, or, with the parent gone, it lived on as an orphan.
    broker = BrokerProcess.start_amqtt()
    address = urlsplit(broker.tcp_url)
    device = socket.create_connection((address.hostname or "127.0.0.1", address.port or 0), timeout=10)
    try:
        broker.stop(timeout=20)  # closes its stdin, waits, kills it only if it did not exit
        assert broker.process is not None
        assert broker.process.returncode == 0  # it exited by itself; a kill would be -9
        assert device.recv(1) == b""  # and it hung up on the device
    finally:
        device.close()
        broker.kill()
