"""The event feed of a SQLite catalogue: this process's events at once, other processes' events
read back from the message store.

The message store is the change feed: every stored message has a number (``seq``) in commit
order. A light poll asks SQLite whether another connection committed (``PRAGMA
data_version`` on a connection of the feed's own, a few microseconds); if so, the new
messages are read, those of this process's own transactions (already delivered when they
committed) are skipped, and the published events of the others are delivered in order — an
open window shows another process's changes within a second. When too many arrive at once
(another process's import), subscribers are told to read again instead (``resynced``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from core.bus import Message
from core.service.events import LinkState, StatusSubscriber
from core.service.views import HistoryEntry

from .eventstream import LocalEventFeed, unsubscriber

log = logging.getLogger(__name__)

POLL_S = 0.25
"""How often the feed asks whether another process committed."""
BURST = 500
"""More events than this at once: subscribers read again rather than hear each one."""
OWN_REMEMBERED = 1000
"""How many of this process's recent transactions are remembered (to skip their rows)."""
_NEW = (
    "SELECT seq, id, created_at, type, metadata, payload, tx FROM messages"
    " WHERE seq > ? AND seq <= ?"
    " AND (tx IS NULL OR tx NOT IN (SELECT value FROM json_each(?)))"
    " ORDER BY seq LIMIT ?"
)
"""Other processes' messages up to a known end (this process's own transactions left out in
SQL: an import of this window is not read back, nor counted against :data:`BURST`)."""


_END = "SELECT coalesce(max(seq), 0) FROM messages"


class SqliteEventFeed(LocalEventFeed):
    """Local events as they commit; other processes' events within :data:`POLL_S` or so.

    It is also the units of work's notifier: it learns which transactions are this
    process's own before they commit (``notify``), to skip their rows in the store.
    """

    def __init__(self, path: str, poll_s: float = POLL_S) -> None:
        super().__init__()
        self._path = path
        self._poll_s = poll_s
        self.status_subscribers: list[StatusSubscriber] = []
        self._own: deque[str] = deque(maxlen=OWN_REMEMBERED)
        self._connection: sqlite3.Connection | None = None
        self._last_seq = 0
        self._version = 0
        self._task: asyncio.Task[None] | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="change-feed")
        """Runs the feed's reads one at a time (its connection is used by no other thread)."""

    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        """Hear ``resynced`` when events of other processes came too many to deliver."""
        self.status_subscribers.append(callback)
        return unsubscriber(self.status_subscribers, callback)

    async def start(self) -> None:
        """Open the feed's connection, note where the store ends, and start polling."""
        if self._task is not None:
            return
        loop = asyncio.get_running_loop()
        self._last_seq, self._version = await loop.run_in_executor(self._thread, self._open)
        self._task = loop.create_task(self._poll(loop))

    async def aclose(self) -> None:
        """Stop polling and close the feed's connection."""
        task, self._task = self._task, None
        try:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        except Exception:  # the poll's own failure must not keep its connection open
            log.warning("the change feed stopped with an error", exc_info=True)
        finally:
            connection, self._connection = self._connection, None
            if connection is not None:  # after a read still running on the thread, if any
                await asyncio.wrap_future(self._thread.submit(connection.close))
            self._thread.shutdown(wait=False)

    async def notify(
        self, session: AsyncSession, tx: UUID, messages: Sequence[Message[Any]]
    ) -> None:
        """A transaction of this process is about to commit: its rows will be skipped."""
        self._own.append(tx.hex)

    def forget(self, tx: UUID) -> None:
        """That transaction did not commit after all."""
        with contextlib.suppress(ValueError):
            self._own.remove(tx.hex)

    def _open(self) -> tuple[int, int]:
        uri = f"file:{self._path}?mode=ro"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._connection = connection
        last = connection.execute(_END).fetchone()[0]
        return int(last), self._data_version()

    def _data_version(self) -> int:
        assert self._connection is not None
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def _read_new(self, after: int, own: list[str]) -> tuple[int, list[tuple[Any, ...]]]:
        """The end of the store, and up to ``BURST + 1`` messages of other processes before
        it. Rows up to that end are all committed (SQLite has one writer at a time)."""
        connection = self._connection
        assert connection is not None
        end = int(connection.execute(_END).fetchone()[0])
        rows = connection.execute(_NEW, (after, end, json.dumps(own), BURST + 1)).fetchall()
        return end, rows

    async def _poll(self, loop: asyncio.AbstractEventLoop) -> None:
        # The loop is given rather than looked up: a Qt event loop (qasync) may step this task
        # while it does not count as running.
        while True:
            await _sleep(loop, self._poll_s)
            try:
                version = await loop.run_in_executor(self._thread, self._data_version)
                if version != self._version:
                    self._version = version
                    await self._catch_up(loop)
            except sqlite3.Error:
                log.warning("cannot read the catalogue's new messages", exc_info=True)

    async def _catch_up(self, loop: asyncio.AbstractEventLoop) -> None:
        """Deliver what other processes committed since the last look."""
        read = self._read_new
        end, rows = await loop.run_in_executor(self._thread, read, self._last_seq, [*self._own])
        self._last_seq = max(self._last_seq, end)
        if len(rows) > BURST:  # another process's import: read everything again instead
            self._resync()
            return
        for row in rows:
            event = _event(row)
            if event is not None:
                self.transport.deliver(event)

    def _resync(self) -> None:
        for callback in list(self.status_subscribers):
            try:
                callback(LinkState.resynced)
            except Exception:
                log.exception("status subscriber %r failed", callback)


def _event(row: tuple[Any, ...]) -> Message[Any] | None:
    """The published event of a stored row (``None`` for a command or an unknown type)."""
    _seq, raw_id, created_at, kind, metadata, payload, _tx = row
    if '"published":true' not in metadata:
        return None
    moment = datetime.fromisoformat(created_at).replace(tzinfo=UTC)
    entry = HistoryEntry(UUID(hex=raw_id), moment, kind, {}, json.loads(payload))
    try:
        return entry.message()
    except (LookupError, ValueError):
        log.warning("cannot read a stored %s of another process", kind)
        return None


async def _sleep(loop: asyncio.AbstractEventLoop, seconds: float) -> None:
    """``asyncio.sleep`` on the given loop: qasync may step the poll while no loop counts as
    running (Qt events processed outside ``run_until_complete``), where ``asyncio.sleep``
    raises ``RuntimeError``."""
    wake: asyncio.Future[None] = loop.create_future()

    def ring() -> None:
        if not wake.done():
            wake.set_result(None)

    timer = loop.call_later(seconds, ring)
    try:
        await wake
    finally:
        timer.cancel()
