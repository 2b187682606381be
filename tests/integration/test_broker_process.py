"""The brokers the tests and the demo start: the embedded broker's own process (hydrodesk.sim.broker_cli) exits
cleanly when told to, clients or not; mosquitto is known started only when the listener answering is its own."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

from hydrodesk.sim import broker_process
from hydrodesk.sim.broker_process import BrokerProcess, BrokerStartError, MosquittoProcess, find_mosquitto


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


@pytest.fixture
def mosquitto_path() -> str:
    path = find_mosquitto()
    if path is None:
        pytest.skip("mosquitto is not installed here (CI installs it)")
    return path


def mqtt_connack(port: int) -> bytes:
    """The broker's answer to an anonymous MQTT 3.1.1 CONNECT."""
    body = b"\x00\x04MQTT\x04\x02\x00\x3c" + b"\x00\x04race"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(bytes([0x10, len(body)]) + body)
        return client.recv(4)


def test_mosquitto_given_a_port_someone_took_meanwhile_starts_on_another_and_is_the_one_answering(
    mosquitto_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process (another test suite's broker) binds the port picked for ours before mosquitto does. Waiting
    # for the port to answer took the other listener for ours; mosquitto's own "running" line cannot be faked.
    squatter = socket.create_server(("127.0.0.1", 0))
    taken = squatter.getsockname()[1]
    picks = iter([taken])
    real_free_port = broker_process.free_port
    monkeypatch.setattr(broker_process, "free_port", lambda host="127.0.0.1": next(picks, None) or real_free_port(host))
    mosquitto = MosquittoProcess(mosquitto_path).start()
    try:
        assert mosquitto.port != taken
        assert any("Address already in use" in line for line in mosquitto.output) is False  # a fresh log per start
        assert mqtt_connack(mosquitto.port) == b"\x20\x02\x00\x00"
    finally:
        mosquitto.cleanup()
        squatter.close()


def test_mosquitto_restarted_on_its_own_port_that_someone_took_says_so(mosquitto_path: str) -> None:
    squatter = socket.create_server(("127.0.0.1", 0))
    try:
        mosquitto = MosquittoProcess(mosquitto_path, port=squatter.getsockname()[1])
        with pytest.raises(BrokerStartError, match="Address already in use"):
            mosquitto.start()
        mosquitto.cleanup()
    finally:
        squatter.close()
