"""The window part of ``bench/club.py``: reviews submitted in the real window, each timed to
the finished paint showing its row's new Rating (the paint clock of ``bench.gui_driver``)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from PySide6.QtCore import QLocale

from bench.gui_driver import DEADLINE_S, PaintClock
from gui.book_columns import RATING_COLUMN
from gui.bridge import RegisterMember, ReviewBook, mean_after, open_bridge
from gui.main_window import MainWindow


def _cells(window: MainWindow, row: int) -> tuple[str, str]:
    """The Rating and Reviews texts of a row."""
    model = window.model
    return model.index(row, RATING_COLUMN).data(), model.index(row, RATING_COLUMN + 1).data()


async def timed_reviews(path: Path, count: int) -> list[float]:
    """Open a window on ``path``; review the visible rows, one review per (member, row)."""
    times: list[float] = []
    async with open_bridge(str(path)) as bridge:
        window = MainWindow(bridge, confirm=lambda _parent, _question: True)
        clock = PaintClock()
        window.table.viewport().installEventFilter(clock)
        first = clock.arm(lambda: window.model.book_at(0) is not None)
        window.resize(1800, 900)  # the Rating and Reviews columns in view, beside the book page
        window.show()
        await asyncio.wait_for(first, DEADLINE_S)
        rows = max(1, window.table.rowAt(window.table.viewport().height() - 1))
        members: list[RegisterMember] = []
        for n in range(count):
            row = n % rows
            if row == 0:
                members.append(RegisterMember(nickname=f"Bench {time.time_ns()} {n}"))
                await bridge.catalogue.execute(members[-1])
            book = window.model.book_at(row)
            assert book is not None
            rate = (n * 7) % 11
            expected = mean_after(book.rating, book.reviews, 1, rate)
            shown = (
                QLocale().toString(expected, "f", 1) if expected is not None else "",
                QLocale().toString(book.reviews + 1),
            )
            done = clock.arm(lambda r=row, s=shown: _cells(window, r) == s)
            command = ReviewBook(member_id=members[-1].id, book_id=book.id, rate=rate)
            started = time.monotonic()
            bridge.submit(command)
            times.append((await asyncio.wait_for(done, DEADLINE_S) - started) * 1000)
        window.close()
    return times
