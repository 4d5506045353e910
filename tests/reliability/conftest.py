"""Helpers of the reliability tests: child processes of the real application code."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child_environment() -> dict[str, str]:
    """The test's environment for a child: offscreen Qt, the repository importable."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    environment.pop("READING_CLUB_DATABASE", None)
    return environment


def start_child(*arguments: str, stdin: bool = False) -> subprocess.Popen[str]:
    """Start ``python ARGUMENTS`` (the test's interpreter) in the repository, piping stdout
    and stderr (and stdin when asked)."""
    return subprocess.Popen(
        [sys.executable, *arguments],
        cwd=REPO,
        env=child_environment(),
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_child(*arguments: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGUMENTS`` to the end and return its exit status and output."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=REPO,
        env=child_environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def create_catalogue(database: Path) -> None:
    """Create and migrate the catalogue at ``database`` in a child process."""
    done = run_child("-m", "tests.reliability.writer_process", str(database), "--count", "0")
    assert done.returncode == 0, done.stderr


def writer(
    database: Path, number: int, *options: str, stdin: bool = False
) -> subprocess.Popen[str]:
    """A ``writer_process`` child writing into ``database`` as writer ``number``."""
    module = "tests.reliability.writer_process"
    arguments = (str(database), "--writer", str(number), *options)
    return start_child("-m", module, *arguments, stdin=stdin)


def read_rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of ``sql`` read with plain :mod:`sqlite3` (not the application's code)."""
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql).fetchall()


def integrity_check(database: Path) -> str:
    """SQLite's own verdict on the file: ``"ok"`` when it is sound."""
    return "; ".join(str(row[0]) for row in read_rows(database, "PRAGMA integrity_check"))


def run_cli(*arguments: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``reading-club ARGUMENTS`` (``python -m core.cli``) to the end."""
    return run_child("-m", "core.cli", *arguments, timeout=timeout)
