"""The window part of ``bench/loans.py``: copy #2 of visible rows lent in the real window,
each lend timed to the finished paint showing its row's new Availability (the paint clock of
``bench.gui_driver``)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.gui_driver import DEADLINE_S, PaintClock
from gui.book_columns import AVAILABILITY_COLUMN
from gui.bridge import LendCopy, RegisterMember, ReturnCopy, open_bridge
from gui.main_window import MainWindow


def _cell(window: MainWindow, row: int) -> str:
    return str(window.model.index(row, AVAILABILITY_COLUMN).data())


async def timed_lends(path: Path, count: int) -> list[float]:
    """Open a window on ``path``; lend copy #2 of the visible rows, returning each after."""
    times: list[float] = []
    async with open_bridge(str(path)) as bridge:
        window = MainWindow(bridge, confirm=lambda _parent, _question: True)
        clock = PaintClock()
        window.table.viewport().installEventFilter(clock)
        first = clock.arm(lambda: window.model.book_at(0) is not None)
        window.resize(1900, 900)  # the Availability column in view, beside the book page
        window.show()
        await asyncio.wait_for(first, DEADLINE_S)
        rows = max(1, window.table.rowAt(window.table.viewport().height() - 1))
        member = RegisterMember(nickname=f"Bench {time.time_ns()}")
        await bridge.catalogue.execute(member)
        for n in range(count):
            row = n % rows
            book = window.model.book_at(row)
            assert book is not None
            copies = await bridge.copies(book.id)
            free = next(c for c in copies if c.loan is None)
            before = _cell(window, row)
            done = clock.arm(lambda r=row, b=before: _cell(window, r) != b)
            lend = LendCopy(copy_id=free.id, member_id=member.id)
            started = time.monotonic()
            bridge.submit(lend)
            times.append((await asyncio.wait_for(done, DEADLINE_S) - started) * 1000)
            back = clock.arm(lambda r=row, b=before: _cell(window, r) == b)
            bridge.submit(ReturnCopy(loan_id=lend.id))
            await asyncio.wait_for(back, DEADLINE_S)  # the next lend starts from a quiet row
        window.close()
    return times
