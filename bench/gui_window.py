"""The timed window of ``bench.gui_driver``: the real ``MainWindow`` plus a paint clock.

A module of its own so that the driver imports it (and with it the core) only when
``gui.app`` asks for the window class — after the start-up shell has painted, as in the
application.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from bench.gui_driver import DEADLINE_S, SEARCH_WORDS, PaintClock, vm_hwm_kib
from gui.main_window import MainWindow


class TimedMainWindow(MainWindow):
    """The real window plus a paint clock on the table and the scripted session."""

    options: ClassVar[argparse.Namespace]
    figures: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clock = PaintClock()
        self.table.viewport().installEventFilter(self.clock)
        first = self.clock.arm(self._first_row_loaded)
        self._session = asyncio.get_running_loop().create_task(self._script(first))

    def _first_row_loaded(self) -> bool:
        return self.model.rowCount() > 0 and self.model.book_at(0) is not None

    async def _script(self, first: asyncio.Future[float]) -> None:
        try:
            painted = await asyncio.wait_for(first, DEADLINE_S)
            self.figures["start_to_real_list_s"] = painted - self.options.t0
            # The shell's list showing the first page's rows stopped this clock first.
            self.figures.setdefault("start_to_first_paint_s", painted - self.options.t0)
            self.figures["books"] = self.model.total
            await self._scroll(self.options.scroll_pages)
            self.figures["vmhwm_kib"] = vm_hwm_kib()
            self.figures["search_ms"] = await self._searches()
            self.figures["enter_ms"] = await self._enters(self.options.enter)
        finally:
            self.close()

    async def _scroll(self, pages: int) -> None:
        """Bring page after page to the top of the view, then the last row."""
        rows = [n * 200 + 17 for n in range(1, pages + 1)] + [self.model.rowCount() - 1]
        for row in rows:
            row = min(row, self.model.rowCount() - 1)
            done = self.clock.arm(lambda r=row: self.model.book_at(r) is not None)
            self.table.scrollTo(self.model.index(row, 0))
            await asyncio.wait_for(done, DEADLINE_S)
        await self._show_top()

    async def _show_top(self) -> None:
        done = self.clock.arm(lambda: self.model.book_at(0) is not None)
        self.table.scrollToTop()
        self.table.viewport().update()
        await asyncio.wait_for(done, DEADLINE_S)

    async def _searches(self) -> list[list[float]]:
        """Per word, the ms of each keystroke (one list per word)."""
        from PySide6.QtTest import QTest

        words = []
        for word in SEARCH_WORDS:
            await self._set_search("")
            times = []
            for char in word:
                refreshed = _flag(self.model.refreshed)
                done = self.clock.arm(lambda f=refreshed: f())
                start = time.monotonic()
                QTest.keyClick(self.search_edit, char)
                times.append((await asyncio.wait_for(done, DEADLINE_S) - start) * 1000)
            words.append(times)
        await self._set_search("")
        return words

    async def _set_search(self, text: str) -> None:
        if self.search_edit.text() == text:
            return
        refreshed = _flag(self.model.refreshed)
        done = self.clock.arm(lambda: refreshed())
        self.search_edit.setText(text)
        await asyncio.wait_for(done, DEADLINE_S)

    async def _enters(self, count: int) -> list[float]:
        """ms from Enter in the ISBN field to the painted row, per book."""
        from PySide6.QtTest import QTest
        from stdnum import ean

        times = []
        for i in range(count):
            title = f"Aaaa bench book {os.getpid()} {i}"
            digits = f"9791{os.getpid() % 10**6:06d}{i:02d}"
            self.form.title_edit.setText(title)
            self.form.author_edit.setText("Bench Author")
            self.form.isbn_edit.setText(digits + ean.calc_check_digit(digits))
            outcome = _next(self.bridge.command_succeeded, self.bridge.command_failed)
            done = self.clock.arm(lambda t=title: self._visible_title(t))
            start = time.monotonic()
            QTest.keyClick(self.form.isbn_edit, Qt.Key.Key_Return)
            times.append((await asyncio.wait_for(done, DEADLINE_S) - start) * 1000)
            await asyncio.wait_for(outcome, DEADLINE_S)
        return times

    def _visible_title(self, title: str) -> bool:
        first = self.table.rowAt(0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        for row in range(max(first, 0), last + 1):
            book = self.model.book_at(row)
            if book is not None and book.title == title:
                return True
        return False


def _flag(signal: Any) -> Callable[[], bool]:
    """A function telling whether ``signal`` fired since this call (disconnects itself)."""
    fired: list[bool] = []

    def slot(*_: object) -> None:
        fired.append(True)
        signal.disconnect(slot)

    signal.connect(slot)
    return lambda: bool(fired)


def _next(*signals: Any) -> asyncio.Future[None]:
    """A future resolved by the next emission of any of ``signals``."""
    future = asyncio.get_running_loop().create_future()

    def slot(*_: object) -> None:
        if not future.done():
            future.set_result(None)
        for signal in signals:
            signal.disconnect(slot)

    for signal in signals:
        signal.connect(slot)
    return future
