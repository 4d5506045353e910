"""``reading-club`` without a subcommand opens the window without importing the subcommands
(and with them the core and SQLAlchemy) first: the window paints sooner (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import window_arguments

ROOT = Path(__file__).resolve().parents[2]


def test_window_only_arguments_import_neither_the_subcommands_nor_the_core() -> None:
    """Parsed by the light parser; the subcommands, pydantic and SQLAlchemy stay unimported."""
    program = (
        "import json, sys\n"
        "from core.cli import window_arguments\n"
        "arguments = window_arguments(['--database', 'x.sqlite3', '--lang', 'fr'])\n"
        "heavy = ('core.cli.books', 'core.bootstrap', 'pydantic', 'sqlalchemy', 'PySide6')\n"
        "print(json.dumps([vars(arguments), [m for m in heavy if m in sys.modules]]))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
    parsed, imported = json.loads(finished.stdout)
    assert parsed == {"database": "x.sqlite3", "lang": "fr", "command": None}
    assert imported == []


@pytest.mark.parametrize(
    "argv", [["list"], ["-h"], ["--help"], ["--database"], ["--lang", "fr", "lookup", "1"]]
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    """A subcommand, help or a mistake: ``None``, and the full parser handles them."""
    assert window_arguments(argv) is None
