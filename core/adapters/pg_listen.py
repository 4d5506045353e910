"""LISTEN on PostgreSQL: one dedicated connection per desktop, reconnected with backoff.

Committed transactions NOTIFY :data:`CHANNEL` (see ``core.adapters.pg_events``); the server delivers
the notifications of one channel to a listener in commit order. When the connection is lost
the listener reports ``offline``, retries with capped exponential backoff and, once back,
reports ``resynced``: whatever was committed meanwhile was not heard, so what is shown must
be read again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg  # type: ignore[import-untyped]  # no stubs or py.typed
from sqlalchemy.engine import URL

from core.service.events import LinkState

from .listen_options import ListenOptions

log = logging.getLogger(__name__)

CHANNEL = "reading_club_events"
"""The notification channel (channels are per database, so one name serves every club)."""

type PayloadHandler = Callable[[str], Awaitable[None]]
type StateHandler = Callable[[LinkState], None]


def listen_parameters(url: URL) -> dict[str, Any]:
    """``asyncpg.connect`` keywords for ``url``; without a password in the URL, asyncpg
    takes it from ``PGPASSWORD`` or ``~/.pgpass`` as libpq does."""
    parameters: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "database": url.database,
    }
    if url.password is not None:
        parameters["password"] = url.password
    return {name: value for name, value in parameters.items() if value is not None}


class PgListener:
    """A dedicated asyncpg connection LISTENing on :data:`CHANNEL`.

    Payloads are handed to ``on_payload`` one at a time, in arrival (commit) order; state
    changes go to ``on_state``. ``start`` fails if the first connection fails; afterwards
    a lost connection is retried until :meth:`close`.
    """

    def __init__(
        self,
        parameters: dict[str, Any],
        on_payload: PayloadHandler,
        on_state: StateHandler,
        options: ListenOptions | None = None,
    ) -> None:
        self._parameters = parameters
        self._on_payload = on_payload
        self._on_state = on_state
        self._options = options or ListenOptions()
        self._queue: asyncio.Queue[str | LinkState] = asyncio.Queue()
        self._connection: asyncpg.Connection | None = None
        self._lost = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.state = LinkState.online

    @property
    def backend_pid(self) -> int | None:
        """The server process id of the listening connection (None while offline)."""
        connection = self._connection
        return None if connection is None or connection.is_closed() else connection.get_server_pid()

    async def start(self) -> None:
        """Connect and LISTEN; raises the connection error if the server cannot be reached."""
        await self._connect()
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._consume()), loop.create_task(self._keep_alive())]

    async def close(self) -> None:
        """Stop listening and reconnecting, and close the connection."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            await connection.close(timeout=self._options.connect_timeout_s)

    async def _connect(self) -> None:
        self._lost = asyncio.Event()
        connection = await asyncpg.connect(
            **self._parameters, timeout=self._options.connect_timeout_s
        )
        try:
            connection.add_termination_listener(self._on_terminated)
            await connection.add_listener(CHANNEL, self._on_notification)
        except BaseException:
            connection.terminate()
            raise
        self._connection = connection

    def _on_notification(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        self._queue.put_nowait(payload)

    def _on_terminated(self, _connection: Any) -> None:
        self._lost.set()

    async def _consume(self) -> None:
        while True:
            item = await self._queue.get()
            try:
                if isinstance(item, LinkState):
                    self._set_state(item)
                else:
                    await self._on_payload(item)
            except Exception:
                log.exception("could not handle a catalogue notification")

    async def _keep_alive(self) -> None:
        while True:
            await self._until_lost()
            log.warning("lost the connection listening to the shared catalogue; reconnecting")
            self._connection = None
            self._set_state(LinkState.offline)
            await self._reconnect()
            log.info("listening to the shared catalogue again")
            # Through the queue: notifications heard before the loss are handled first.
            self._queue.put_nowait(LinkState.resynced)

    async def _until_lost(self) -> None:
        """Return when the connection is closed or stops answering the heartbeat."""
        connection = self._connection
        timeout = self._options.heartbeat_s
        while connection is not None and not self._lost.is_set():
            try:
                await asyncio.wait_for(self._lost.wait(), timeout)
            except TimeoutError:
                try:
                    await connection.execute("SELECT 1", timeout=self._options.connect_timeout_s)
                except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
                    connection.terminate()
                    return

    async def _reconnect(self) -> None:
        for delay in self._options.backoff.delays():
            await self._options.sleep(delay)
            try:
                await self._connect()
                return
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.info("the shared catalogue is still unreachable: %s", type(error).__name__)

    def _set_state(self, state: LinkState) -> None:
        self.state = state
        self._on_state(state)
