"""Running a benchmark as the README does (``python -m bench.NAME``), in a process of its own,
for the tests that check it still runs: its figures, the JSON object it prints last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def benchmark_figures(
    name: str, arguments: list[str], environment: dict[str, str] | None = None
) -> dict[str, Any]:
    """``python -m bench.NAME ARGUMENTS`` from the repository's root, with ``environment``
    added to this process's; its exit code must be 0."""
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", *arguments],
        cwd=ROOT,
        env={**os.environ, **(environment or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures
