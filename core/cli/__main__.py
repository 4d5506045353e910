"""``python -m core.cli``: the command line without the console script."""

from core.cli import run

run()
