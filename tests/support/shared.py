"""Test support for the shared catalogue: an awaitable subscriber, a gate for the listener's
backoff, a stoppable TCP relay to the PostgreSQL server, and ending a server process."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncpg

from tests.support.postgres import PG_HOST, PG_USER


class Heard:
    """A subscriber that records what it is given and can be awaited until enough came."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._changed = asyncio.Event()

    def __call__(self, item: Any) -> None:
        self.items.append(item)
        self._changed.set()

    async def until(self, predicate: Callable[[list[Any]], bool], timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Return once ``predicate(items)`` holds; ``TimeoutError`` after ``timeout``."""
        async with asyncio.timeout(timeout):
            while not predicate(self.items):
                self._changed.clear()
                await self._changed.wait()


class Gate:
    """The listener's backoff sleep: reconnection waits until the test opens the gate."""

    def __init__(self) -> None:
        self.opened = asyncio.Event()
        self.delays: list[float] = []

    async def sleep(self, delay: float) -> None:
        """Record the delay asked for, then wait for the gate."""
        self.delays.append(delay)
        await self.opened.wait()


class TcpProxy:
    """A fake network between a desktop and the PostgreSQL server: stopping it refuses new
    connections and cuts the open ones, as a server restart does."""

    def __init__(self) -> None:
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        """Accept connections (on the same port as before, once started)."""
        self._server = await asyncio.start_server(
            self._relay, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Refuse new connections and abort the open ones (again: nothing more happens)."""
        if self._server is None:
            return
        server, self._server = self._server, None
        server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(PG_HOST, 5432)
        self._writers |= {writer, upstream_writer}
        try:
            await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        finally:
            self._writers -= {writer, upstream_writer}
            for end in (writer, upstream_writer):
                end.transport.abort()


@contextlib.asynccontextmanager
async def stopping(proxy: TcpProxy) -> AsyncIterator[TcpProxy]:
    try:
        yield proxy
    finally:
        await proxy.stop()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.transport.abort()


async def terminate(pid: int | None) -> None:
    assert pid is not None
    admin = await asyncpg.connect(host=PG_HOST, user=PG_USER, database="postgres")
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await admin.close()
