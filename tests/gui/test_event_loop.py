"""The window's loop closes abandoned async generators as asyncio's own loops do."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator

from gui.event_loop import EventLoop
from tests.gui.conftest import wait_until


async def test_an_abandoned_async_generator_is_closed_in_a_task() -> None:
    """A generator left halfway (an HTTP body refused) runs its async clean-up later, in a
    task, instead of failing in the garbage collector."""
    assert isinstance(asyncio.get_running_loop(), EventLoop)
    cleaned: list[str] = []

    async def body() -> AsyncIterator[bytes]:
        try:
            yield b"first chunk"
            yield b"never read"
        finally:
            await asyncio.sleep(0)  # awaiting here fails outside a task
            cleaned.append("closed")

    chunks = body()
    assert await anext(chunks) == b"first chunk"
    del chunks
    gc.collect()
    await wait_until(lambda: cleaned == ["closed"])
