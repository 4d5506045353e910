"""The command line: ``reading-club [SUBCOMMAND] ...``; without a subcommand it opens the window.

Each subcommand lives in a module of this package that has ``add_commands(commands)``: it
adds its parsers, each with ``set_defaults(handler=...)``; a handler is
``async def (arguments, catalogue) -> int`` when the parser also sets ``needs_catalogue=True``,
else ``def (arguments) -> int``. The subcommands never import Qt: the window's package is
imported only to open the window.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from . import books, club, loans, lookup
from .common import (
    EXIT_SKIPPED,
    EXIT_UNUSABLE,
    PROGRAM,
    UsageError,
    check_text,
    database_option,
)

SUBCOMMANDS = (books, club, loans, lookup)
"""The modules whose subcommands ``reading-club`` offers, in the order ``--help`` lists them."""


def parser() -> argparse.ArgumentParser:
    """The ``reading-club`` command-line parser (its subcommands)."""
    main = argparse.ArgumentParser(prog=PROGRAM, description="Reading Club book catalogue")
    database_option(main)
    main.add_argument(
        "--lang",
        metavar="CODE",
        help="language of the window, e.g. fr or en (default: the saved choice, else the system's)",
    )
    commands = main.add_subparsers(dest="command")
    for module in SUBCOMMANDS:
        module.add_commands(commands)
    return main


def main(argv: Sequence[str]) -> int:
    """Run one subcommand, or open the window when none is given; the exit code."""
    arguments = parser().parse_args(argv)
    try:
        check_text(arguments)
        if arguments.command is None:
            from gui.app import open_window  # the other front end: Qt only when it is wanted

            return open_window(arguments.database, arguments.lang)
        if getattr(arguments, "needs_catalogue", False):
            return asyncio.run(_with_catalogue(arguments))
        return int(arguments.handler(arguments))
    except UsageError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # e.g. ``reading-club list | head``: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_SKIPPED


async def _with_catalogue(arguments: argparse.Namespace) -> int:
    from core.bootstrap import CatalogueOpenError, open_catalogue

    try:
        async with open_catalogue(arguments.database) as catalogue:
            return int(await arguments.handler(arguments, catalogue))
    except CatalogueOpenError as error:
        raise UsageError(str(error)) from None


def run() -> None:
    """Console-script entry point."""
    sys.exit(main(sys.argv[1:]))
