"""The window's loop closes abandoned async generators as asyncio's own loops do."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator

from PySide6.QtCore import QCoreApplication

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


def test_a_callback_run_while_the_loop_is_not_running_sees_its_loop_running(
    qasync_loop: EventLoop,
) -> None:
    """Qt may process events while the asyncio loop is not running (pytest-qt between tests,
    the app after ``exec()`` returned): a task stepped then must still find its loop, or an
    ``async with session`` that creates a task in its exit fails and leaks its connection."""
    seen: list[asyncio.AbstractEventLoop] = []

    async def step() -> None:
        seen.append(asyncio.get_running_loop())
        await asyncio.sleep(0)
        seen.append(asyncio.get_running_loop())

    running = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)  # as while pytest-qt processes events at teardown
    try:
        task = qasync_loop.create_task(step())
        for _ in range(1000):
            if task.done():
                break
            QCoreApplication.processEvents()
    finally:
        asyncio.events._set_running_loop(running)
    assert task.done()
    assert task.exception() is None
    assert seen == [qasync_loop, qasync_loop]
