"""One timed run of the real application, started by ``bench/gui.py`` in a fresh process.

    python -m bench.gui_driver DATABASE --t0 MONOTONIC [--enter N] [--scroll-pages N]

It runs ``gui.app.open_window`` as ``reading-club --database DATABASE`` does (with the
start-up shell's first-page reader ``core.cli`` gives it), with ``MainWindow`` swapped for a
subclass that watches the book table's viewport paint: a paint counts when it has finished
(the filter forwards the event, then stops the clock). The script, driven with ``QTest`` once
the list is painted:

1. start: ``--t0`` (the parent's ``time.monotonic()`` before spawning this process) to the
   first finished paint of the list area (the window painted: the form and "Opening the
   catalogue…"), and to the first finished paint showing rows of the
   first page (the list painted): the start-up shell's list when it shows them (its model
   holds the first page's books), else the real window's list; ``start_to_real_list_s``
   is the real window's list either way;
2. memory: scroll through ``--scroll-pages`` pages and to the end, then read VmHWM;
3. search: type each of ``SEARCH_WORDS`` into ``searchEdit`` one key at a time, each timed
   from the key event to the finished paint after the model loaded that search;
4. Enter: ``--enter`` books typed into the form, Enter timed to the paint showing the new row.

The last line on stdout is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication

from gui import app as gui_app

if TYPE_CHECKING:
    import asyncio

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
        import asyncio  # as the application: imported after the window's first paint

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


class ShellClock(QObject):
    """Watching the start-up shell's list area (:func:`_timed_shell`), records when it first
    finished painting (the window painted: the form and
    "Opening the catalogue…" or the first page's rows): the start-up shell's placeholder or
    list, or, in a checkout without the shell (``bench.gui_start_ab --other``), the book
    table's viewport; and when the shell's list first finished painting rows (the list
    painted, if the real window's list has not painted first)."""

    def __init__(self, t0: float, figures: dict[str, Any]) -> None:
        super().__init__()
        self._t0 = t0
        self._figures = figures
        self._inside = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let the list area's first paint run (nested send), then stop the clock; the same
        for the shell's list viewport's first paint over rows."""
        if self._inside or event.type() != QEvent.Type.Paint:
            return False
        window = "start_to_window_paint_s" not in self._figures and _is_list_area(watched)
        rows = "start_to_first_paint_s" not in self._figures and _shows_shell_rows(watched)
        if not (window or rows):
            return False
        self._inside = True
        try:
            QApplication.sendEvent(watched, event)
        finally:
            self._inside = False
        finished = time.monotonic() - self._t0
        self._figures.setdefault("start_to_window_paint_s", finished)
        if rows:
            self._figures["start_to_first_paint_s"] = finished
        return True


def _timed_shell(shell_type: type[Any], clock: ShellClock) -> type[Any]:
    """The start-up shell with ``clock`` watching its list area: the placeholder, then the
    first page's viewport. A filter on the application instead would see every event of
    every widget before the first paint (about 200), each through Python: 25-35 ms that
    the bare start, whose clock watches its table's viewport only, does not pay."""

    class TimedShell(shell_type):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.list_area.installEventFilter(clock)

        def show_first_page(self, *args: Any, **kwargs: Any) -> bool:
            shown = bool(super().show_first_page(*args, **kwargs))
            if shown:
                self.list_area.installEventFilter(clock)  # the first page's viewport
            return shown

    return TimedShell


def _is_list_area(widget: QObject) -> bool:
    parent = widget.parent()
    return widget.objectName() == "startupPlaceholder" or (
        parent is not None and parent.objectName() in ("bookTable", "startupBookTable")
    )


def _shows_shell_rows(widget: QObject) -> bool:
    """Whether ``widget`` is the start-up shell's list viewport over rows (an empty list or
    the placeholder does not count)."""
    table = widget.parent()
    if not isinstance(table, QAbstractItemView) or table.objectName() != "startupBookTable":
        return False
    model = table.model()
    if widget is not table.viewport():
        return False  # the header, a scroll bar
    return model is not None and model.rowCount() > 0


def vm_hwm_kib() -> int:
    """The process's peak resident set size (VmHWM) in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def _open_window(database: str) -> int:
    """``gui.app.open_window`` with the first-page reader ``core.cli`` gives it (none in a
    checkout from before the shell's first page). Not through ``core.cli`` itself, whose
    argument parsing (~25 ms) earlier passes did not time either."""
    if "first_page" not in inspect.signature(gui_app.open_window).parameters:
        return gui_app.open_window(database)
    from core.adapters.first_page import read_first_page

    return gui_app.open_window(database, None, functools.partial(read_first_page, database))


def main(argv: list[str] | None = None) -> None:
    """Run the application on DATABASE with the timed window; print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--t0", type=float, required=True)
    parser.add_argument("--enter", type=int, default=0)
    parser.add_argument("--scroll-pages", type=int, default=20)
    options = parser.parse_args(argv)
    figures: dict[str, Any] = {}
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    shell_clock = ShellClock(options.t0, figures)
    shell_type = getattr(gui_app, "StartupShell", None)
    if shell_type is not None:  # the clock on the shell's list only, as the bare start's
        gui_app.StartupShell = _timed_shell(shell_type, shell_clock)  # type: ignore[misc]
    else:  # a checkout without the shell: every widget's events (costs it ~0.1 ms each)
        qt.installEventFilter(shell_clock)

    def timed_window_type() -> Any:
        from bench.gui_window import TimedMainWindow

        TimedMainWindow.options = options
        TimedMainWindow.figures = figures
        return TimedMainWindow

    if hasattr(gui_app, "main_window_type"):
        gui_app.main_window_type = timed_window_type
    else:  # a checkout from before the start-up shell: the window class is imported first
        gui_app.MainWindow = timed_window_type()  # type: ignore[attr-defined]
    status = _open_window(options.database)
    print(json.dumps(figures))
    sys.exit(status)


if __name__ == "__main__":
    main()
