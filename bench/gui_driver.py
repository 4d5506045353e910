"""One timed run of the real application, started by ``bench/gui.py`` in a fresh process.

    python -m bench.gui_driver DATABASE --t0 MONOTONIC [--enter N] [--scroll-pages N]

It runs ``gui.app.main`` unchanged, with ``MainWindow`` swapped for a subclass that watches
the book table's viewport paint: a paint counts when it has finished (the filter forwards the
event, then stops the clock). The script, driven with ``QTest`` once the list is painted:

1. start: ``--t0`` (the parent's ``time.monotonic()`` before spawning this process) to the
   first finished paint of the list (the window painted: the form and "Opening the
   catalogue…"), and to the first finished paint showing rows (the list painted);
2. memory: scroll through ``--scroll-pages`` pages and to the end, then read VmHWM;
3. search: type each of ``SEARCH_WORDS`` into ``searchEdit`` one key at a time, each timed
   from the key event to the finished paint after the model loaded that search;
4. Enter: ``--enter`` books typed into the form, Enter timed to the paint showing the new row.

The last line on stdout is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from gui import app as gui_app
from gui.main_window import MainWindow

SEARCH_WORDS = ("w042x", "w117x", "w163x", "w008x", "w091x", "w150x", "book 12", "zola")
"""Typed from an empty box. The first six are bench.persistence's title words (~1% each);
``book 12`` passes through needles every title matches (``b``...``book``) to 1.1%;
``zola`` starts with needles nothing matches (``z``, ``zo``)."""
DEADLINE_S = 30.0


class PaintClock(QObject):
    """Resolves a future with the time a viewport paint *finished* while a condition held."""

    def __init__(self) -> None:
        super().__init__()
        self._waiter: asyncio.Future[float] | None = None
        self._condition: Callable[[], bool] = lambda: True
        self._inside = False

    def arm(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
        """The future of the next finished paint for which ``condition()`` is true."""
        self._condition = condition
        self._waiter = asyncio.get_running_loop().create_future()
        return self._waiter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let the paint run (nested send), then stop the clock."""
        waiter = self._waiter
        if self._inside or event.type() != QEvent.Type.Paint or waiter is None or waiter.done():
            return False
        if not self._condition():
            return False
        self._inside = True
        try:
            QApplication.sendEvent(watched, event)
        finally:
            self._inside = False
        waiter.set_result(time.monotonic())
        return True


class TimedMainWindow(MainWindow):
    """The real window plus a paint clock on the table and the scripted session."""

    options: ClassVar[argparse.Namespace]
    figures: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clock = PaintClock()
        self.table.viewport().installEventFilter(self.clock)
        first = self.clock.arm(self._first_row_loaded)
        self.window_clock = PaintClock()
        self.table.viewport().installEventFilter(self.window_clock)
        self._window_painted = self.window_clock.arm(lambda: True)
        self._session = asyncio.get_running_loop().create_task(self._script(first))

    def _first_row_loaded(self) -> bool:
        return self.model.rowCount() > 0 and self.model.book_at(0) is not None

    async def _script(self, first: asyncio.Future[float]) -> None:
        try:
            painted = await asyncio.wait_for(first, DEADLINE_S)
            self.figures["start_to_first_paint_s"] = painted - self.options.t0
            window_painted = await self._window_painted
            self.figures["start_to_window_paint_s"] = window_painted - self.options.t0
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


def vm_hwm_kib() -> int:
    """The process's peak resident set size (VmHWM) in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def main(argv: list[str] | None = None) -> None:
    """Run the application on DATABASE with the timed window; print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--t0", type=float, required=True)
    parser.add_argument("--enter", type=int, default=0)
    parser.add_argument("--scroll-pages", type=int, default=20)
    options = parser.parse_args(argv)
    TimedMainWindow.options = options
    gui_app.MainWindow = TimedMainWindow  # type: ignore[misc]
    status = gui_app.open_window(options.database)
    print(json.dumps(TimedMainWindow.figures))
    sys.exit(status)


if __name__ == "__main__":
    main()
