"""Two desktops on one PostgreSQL catalogue: from a commit on one to the row in the other.

Both windows live in this process (offscreen) on one qasync loop, each with its own
catalogue, connection pool and LISTEN connection, as two desktops would. Desktop A registers
books one transaction at a time; for each we time, from the moment A's commit returned:
- ``row shown``: the row is in B's list model (inserted, ready for the next paint);
- ``heard``: a second subscriber of B's catalogue, called after the bridge's, got the
  ``BookRegistered`` (so it comes slightly *after* the row);
- ``a_command``: A's whole command, begin to end, including hearing its own event.

    .venv/bin/python -m bench.shared [--registrations 200] [--database URL]

Without ``--database`` a throwaway database is made on 127.0.0.1:5432 and dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from bench._report import median, report
from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import RegisterBook
from gui.bridge import CatalogueBridge
from gui.main_window import MainWindow
from tests.support.postgres import throwaway_pg_database


def _isbn(number: int) -> str:
    digits = f"978100{number:06}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


async def _window(catalogue: Catalogue) -> MainWindow:
    window = MainWindow(CatalogueBridge(catalogue))
    loaded = asyncio.get_running_loop().create_future()
    window.model.refreshed.connect(lambda: loaded.done() or loaded.set_result(None))
    window.show()
    await asyncio.wait_for(loaded, 10)
    return window


class Watch:
    """Times when B hears the event and when B's model holds the row."""

    def __init__(self, other: MainWindow) -> None:
        self.model = other.model
        self.expected: Any = None
        self.heard: asyncio.Future[float] | None = None
        self.shown: asyncio.Future[float] | None = None
        other.bridge.catalogue.subscribe(self._on_event)
        self.model.rowsInserted.connect(self._check_row)
        self.model.counts_changed.connect(self._check_row)

    def expect(self, book_id: Any) -> None:
        """Start watching for ``book_id``."""
        loop = asyncio.get_running_loop()
        self.expected, self.heard, self.shown = book_id, loop.create_future(), loop.create_future()

    def _on_event(self, event: Any) -> None:
        if self.heard is not None and getattr(event, "id", None) == self.expected:
            self.heard.done() or self.heard.set_result(time.perf_counter())

    def _check_row(self, *_args: Any) -> None:
        shown = self.shown
        row = self.model.row_of(self.expected) if shown is not None else None
        if shown is not None and row is not None and not shown.done():
            shown.set_result(time.perf_counter())


async def measure(url: str, registrations: int) -> dict[str, list[float]]:
    """Register on A, one transaction each; the latencies in milliseconds."""
    times: dict[str, list[float]] = {"heard": [], "shown": [], "a_command": []}
    async with open_catalogue(url) as first, open_catalogue(url) as other:
        windows = [await _window(first), await _window(other)]
        watch = Watch(windows[1])
        for number in range(registrations):
            command = RegisterBook(title=f"Book {number:04}", author="Bench", isbn=_isbn(number))
            watch.expect(command.id)
            started = time.perf_counter()
            async with first.new_uow() as tx:
                await first.bus.handle(command, tx)
                await tx.commit()
                committed = time.perf_counter()
            times["a_command"].append((time.perf_counter() - started) * 1000)
            assert watch.heard is not None
            assert watch.shown is not None
            times["heard"].append((await asyncio.wait_for(watch.heard, 5) - committed) * 1000)
            times["shown"].append((await asyncio.wait_for(watch.shown, 5) - committed) * 1000)
        for window in windows:
            await window.bridge.aclose()
            window.close()
    return times


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


async def run(arguments: argparse.Namespace) -> None:
    """Measure against the given database or a throwaway one, then print the report."""
    if arguments.database:
        times = await measure(arguments.database, arguments.registrations)
    else:
        async with throwaway_pg_database("reading_club_bench") as url:
            times = await measure(url, arguments.registrations)
    rows, figures = [], {"registrations": arguments.registrations}
    for name, label in (
        ("heard", "commit on A -> B's subscriber has the event"),
        ("shown", "commit on A -> row in B's list model"),
        ("a_command", "A: whole command incl. hearing its own event"),
    ):
        values = times[name]
        rows.append((label, f"median {median(values):.2f} ms, p95 {p95(values):.2f} ms"))
        figures[f"{name}_median_ms"] = round(median(values), 3)
        figures[f"{name}_p95_ms"] = round(p95(values), 3)
    report("shared catalogue: commit-to-row latency across two desktops", rows, figures)


def main() -> None:
    """Parse arguments and run on a qasync loop, as the application does."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--database", help="postgresql+asyncpg:// URL (default: throwaway)")
    arguments = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("reading-club-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    with tempfile.TemporaryDirectory() as settings:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
        app.setQuitOnLastWindowClosed(False)
        asyncio.run(run(arguments), loop_factory=qasync.QEventLoop)


if __name__ == "__main__":
    main()
