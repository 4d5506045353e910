"""Turns at writing to the catalogue: one writer at a time, commands typed by a user first.

An import commits a batch of thousands of books every few dozen milliseconds; a command from
the form must not wait behind the batches queued after it. Urgent writers (commands) are
served before batch writers, and batch work in progress can pause while urgent writers wait
(:meth:`WriteTurns.until_calm`).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class WriteTurns:
    """A lock with two queues: urgent waiters get the next turn before batch waiters."""

    def __init__(self) -> None:
        self._held = False
        self._queues: tuple[deque[asyncio.Future[None]], deque[asyncio.Future[None]]] = (
            deque(),
            deque(),
        )
        self._urgent = 0
        self._calm = asyncio.Event()
        self._calm.set()

    @asynccontextmanager
    async def turn(self, urgent: bool) -> AsyncIterator[None]:
        """Hold a turn for the block."""
        await self.acquire(urgent)
        try:
            yield
        finally:
            self.release(urgent)

    async def acquire(self, urgent: bool) -> None:
        """Wait for a turn; end it with :meth:`release` (given the same ``urgent``)."""
        if urgent:
            self._urgent += 1
            self._calm.clear()
        try:
            await self._take(self._queues[0 if urgent else 1])
        except BaseException:
            self._end_urgent(urgent)
            raise

    def release(self, urgent: bool) -> None:
        """End a turn: the next urgent waiter gets it, else the next batch waiter."""
        self._end_urgent(urgent)
        self._hand_over()

    async def until_calm(self) -> None:
        """Return once no urgent writer waits or writes (batch work calls this between
        slices so that a user's command is not slowed by the import's handling)."""
        await self._calm.wait()

    async def _take(self, queue: deque[asyncio.Future[None]]) -> None:
        if not self._held and not any(self._queues):
            self._held = True
            return
        waiter = asyncio.get_running_loop().create_future()
        queue.append(waiter)
        try:
            await waiter  # the turn is handed over with _held still true
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._hand_over()  # handed over just as we were cancelled: pass it on
            elif waiter in queue:
                queue.remove(waiter)
            raise

    def _hand_over(self) -> None:
        for queue in self._queues:
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self._held = False

    def _end_urgent(self, urgent: bool) -> None:
        if urgent:
            self._urgent -= 1
            if not self._urgent:
                self._calm.set()
