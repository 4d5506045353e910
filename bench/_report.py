"""Shared helpers of the benchmarks: medians, a table, and the final JSON line."""

from __future__ import annotations

import json
import platform
import statistics
import sys
from collections.abc import Mapping, Sequence


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
