"""The client's connection pool closes every connection it lets go of, even when the task closing them is cancelled
(httpcore's own pool stops at the first close a `task.cancel()` lands in and leaves the rest open)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.connection_pool import CancelSafePool, CancelSafeTransport
from hydrodesk.api.transport import Transport

CONNECTIONS = 4


@pytest_asyncio.fixture
async def keep_alive_server() -> AsyncIterator[str]:
    """Answers 200 on every connection, keeping each open; holds the first answers until CONNECTIONS connections
    are open, so that many requests at once take as many connections."""
    arrived: list[asyncio.StreamWriter] = []
    all_here = asyncio.Event()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        arrived.append(writer)
        if len(arrived) >= CONNECTIONS:
            all_here.set()
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                await all_here.wait()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
    for writer in arrived:
        writer.close()
    server.close()
    await server.wait_closed()


@pytest.mark.asyncio
async def test_a_cancel_while_the_pool_closes_its_connections_still_closes_every_one(keep_alive_server: str) -> None:
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    transport = CancelSafeTransport(limits=limits)
    async with httpx.AsyncClient(transport=transport) as client:
        replies = await asyncio.gather(*(client.get(keep_alive_server) for _ in range(CONNECTIONS)))
        assert [reply.status_code for reply in replies] == [200] * CONNECTIONS
        pool = transport._pool
        connections = list(pool._connections)
        assert len(connections) == CONNECTIONS
        assert not any(connection.is_closed() for connection in connections)

        # As httpcore does with expired connections: out of the pool, then closed one by one. A cancel lands in
        # the first close.
        pool._connections = []
        closing = asyncio.ensure_future(pool._close_connections(connections))
        await asyncio.sleep(0)  # one step: it is inside the first close
        closing.cancel()
        with pytest.raises(asyncio.CancelledError):
            await closing
        assert [connection.is_closed() for connection in connections] == [True] * CONNECTIONS


@pytest.mark.asyncio
async def test_the_api_client_uses_the_cancel_safe_pool() -> None:
    wire = Transport(ApiConfig.single_origin("http://127.0.0.1:9"), Credentials("user_123456789"))
    try:
        assert isinstance(wire._http._transport, CancelSafeTransport)
        assert isinstance(wire._http._transport._pool, CancelSafePool)
    finally:
        await wire.aclose()
