"""A command from the form while the window imports a large CSV file: how long it waits.

The window (offscreen) imports a generated file of ``--rows`` books; every ``--every`` ms the
form registers one more book (fields filled, ``submit`` as Enter does) and we time from the
submit to the command's success signal. The same is measured with no import first, in the
same run. Targets (quality.md): median at most 100 ms, worst at most 250 ms.

    python -m bench.command_during_import [--rows 100000] [--every 150]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from bench._report import median, report
from bench.csv_import import write_csv
from bench.persistence import isbn13
from gui.bridge import open_bridge
from gui.main_window import MainWindow


async def timed_command(window: MainWindow, number: int) -> float:
    """Seconds from the form's submit to the success of its registration."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    form = window.form

    def succeeded(command: Any, _result: Any) -> None:
        # Timed here, when the form learns of it (not when this coroutine wakes up again).
        if getattr(command, "isbn", None) == isbn and not done.done():
            done.set_result(time.perf_counter())

    isbn = isbn13(900_000 + number)
    form.title_edit.setText(f"Typed {number}")
    form.author_edit.setText("A member")
    form.isbn_edit.setText(isbn)
    window.bridge.command_succeeded.connect(succeeded)
    start = time.perf_counter()
    form.submit()
    elapsed = await asyncio.wait_for(done, 30) - start
    window.bridge.command_succeeded.disconnect(succeeded)
    return elapsed


async def measure(folder: Path, rows: int, every_s: float) -> dict[str, Any]:
    """Idle commands first, then commands while the window imports."""
    source = write_csv(folder / "books.csv", rows)
    async with open_bridge(str(folder / "catalogue.sqlite3")) as bridge:
        window = MainWindow(bridge)
        window.show()
        idle = [await timed_command(window, n) for n in range(10)]
        run = window.csv.import_csv(source)
        finished = asyncio.get_running_loop().create_future()
        run.finished.connect(lambda report: finished.done() or finished.set_result(report))
        busy: list[float] = []
        started = time.perf_counter()
        while not finished.done():
            await asyncio.sleep(every_s)
            if not finished.done():
                busy.append(await timed_command(window, 100 + len(busy)))
        import_s = time.perf_counter() - started
        assert (await finished).complete
        window.close()
    return {
        "rows": rows,
        "import_s": round(import_s, 1),
        "commands_during_import": len(busy),
        "idle_command_median_ms": round(median(idle) * 1e3, 1),
        "command_during_import_median_ms": round(median(busy) * 1e3, 1),
        "command_during_import_worst_ms": round(max(busy) * 1e3, 1),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run it and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=150, help="ms between two commands")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(["bench"])
    app.setQuitOnLastWindowClosed(False)
    with tempfile.TemporaryDirectory() as tmp:
        figures = asyncio.run(
            measure(Path(tmp), args.rows, args.every / 1000), loop_factory=qasync.QEventLoop
        )
    report("command_during_import", [(k, str(v)) for k, v in figures.items()], figures)
    return figures


if __name__ == "__main__":
    main()
