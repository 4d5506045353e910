"""Shared helpers of the benchmarks: medians, a table, and the final JSON line."""

from __future__ import annotations

import asyncio
import json
import platform
import statistics
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any


def median(values: Sequence[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)


def report(title: str, rows: Sequence[tuple[str, str]], figures: Mapping[str, object]) -> None:
    """Print a two-column table, then one line of JSON with the figures (last line)."""
    width = max(len(name) for name, _ in rows)
    print(f"\n{title}  (Python {platform.python_version()}, {platform.machine()})")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    sys.stdout.flush()
    print(json.dumps({"benchmark": title, **figures}, sort_keys=True))


def verdict(figure: float, target: float) -> dict[str, Any]:
    """A figure with its target and whether it is met (at most the target)."""
    return {"figure": figure, "target": target, "met": figure <= target}


def times_in_window(app_name: str, timed: Callable[[], Awaitable[list[float]]]) -> list[float]:
    """Run ``timed()`` on a qasync loop of a QApplication (made if there is none) and return
    its times; the loop outlives any window it closes."""
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([app_name])
    app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop
    times: list[float] = []

    async def session() -> None:
        times.extend(await timed())

    asyncio.run(session(), loop_factory=qasync.QEventLoop)
    del app
    return times
