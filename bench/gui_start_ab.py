"""Start-up of this checkout against another one, side by side: alternating processes.

    python -m bench.gui_start_ab --other /path/to/other/checkout [--pairs 7] [--books 100000]

On a noisy shared box two runs of ``bench.gui`` minutes apart see different loads; this runs
one bare start (``bench.gui_bare``) and then one ``bench.gui_driver`` process of each checkout
per pair, alternating which goes first, and reports the medians of the window painted and the
list painted, also as ratios to the bare start. The other checkout runs its own code with this
checkout's ``bench/gui_driver.py``, copied into a temporary folder next to it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._report import median, report
from bench.persistence import generated_catalogue

HERE = Path(__file__).resolve().parent.parent


def _run(cwd: Path, module: str, args: list[str], home: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    t0 = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", module, *args, "--t0", repr(t0)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{module} failed in {cwd}:\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Alternate the two checkouts; print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--books", type=int, default=100_000)
    args = parser.parse_args(argv)
    database = str(generated_catalogue(args.books))
    with tempfile.TemporaryDirectory(prefix="rc-bench-ab-") as tmp:
        other = Path(tmp) / "other"
        shutil.copytree(args.other, other, ignore=shutil.ignore_patterns(".venv", ".git"))
        for name in ("gui_driver.py", "gui_window.py", "gui_bare.py"):
            shutil.copy(HERE / "bench" / name, other / "bench" / name)
        checkouts = {"this": HERE, "other": other}
        times: dict[str, list[tuple[float, float]]] = {"this": [], "other": []}
        bare: list[float] = []
        for pair in range(args.pairs):
            bare.append(_run(HERE, "bench.gui_bare", [], Path(tmp))["bare_painted_s"])
            order = ["this", "other"] if pair % 2 == 0 else ["other", "this"]
            for name in order:
                driver = [database, "--scroll-pages", "0"]
                f = _run(checkouts[name], "bench.gui_driver", driver, Path(tmp))
                times[name].append((f["start_to_window_paint_s"], f["start_to_first_paint_s"]))
    base = median(bare)
    figures: dict[str, Any] = {"pairs": args.pairs, "books": args.books, "bare_start_s": base}
    rows = [("bare start", f"{base:.3f} s")]
    for name, pairs in times.items():
        window = median([w for w, _ in pairs])
        listed = median([ln for _, ln in pairs])
        figures[name] = {"window_painted_s": window, "list_painted_s": listed}
        rows.append((f"{name}: window painted", f"{window:.3f} s ({window / base:.2f}x bare)"))
        rows.append((f"{name}: list painted", f"{listed:.3f} s ({listed / base:.2f}x bare)"))
    report("gui start A/B", rows, figures)
    return figures


if __name__ == "__main__":
    main()
