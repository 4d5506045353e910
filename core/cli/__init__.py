"""The command line: ``reading-club [SUBCOMMAND] ...``; without a subcommand it opens the window.

Each subcommand lives in a module of this package that has ``add_commands(commands)``: it
adds its parsers (through :func:`common.add_command`, which gives each its help, description
and examples), each with ``set_defaults(handler=...)``; a handler is
``async def (arguments, catalogue) -> int`` when the parser also sets ``needs_catalogue=True``
(and ``catalogue_must_exist=True`` when it must not create one), else ``def (arguments) -> int``.
The subcommands never import Qt: the window's package is imported only to open the window.
Arguments that only open the window (no subcommand, no ``--help``) are parsed without importing
the subcommands' modules, which import the core (about a second): the window then paints
sooner (issue 14).
"""

from __future__ import annotations

import argparse
import difflib
import functools
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from .common import (
    EXIT_OK,
    EXIT_UNUSABLE,
    PROGRAM,
    UsageError,
    check_text,
    database_option,
    examples,
    program_version,
)


def subcommands() -> tuple[ModuleType, ...]:
    """The modules whose subcommands ``reading-club`` offers, in the order ``--help`` lists
    them (imported on first use)."""
    from . import books, club, completion, desktop, loans, lookup

    return (books, club, loans, lookup, desktop, completion)


_EXAMPLES = examples(
    "reading-club                              open the window",
    "reading-club import books.csv             register the books of a spreadsheet",
    "reading-club list --search tolkien | head",
    "reading-club lookup 978-0-261-10320-7",
    "reading-club --database postgresql://club@server/books   a shared catalogue",
    "reading-club COMMAND --help               the options and examples of one command",
)


class Parser(argparse.ArgumentParser):
    """An argument parser that suggests the closest subcommand for a misspelt one."""

    def error(self, message: str) -> NoReturn:
        """Print the usage, the error and a suggestion; exit 2."""
        hint = self._suggestion(message)
        super().error(message + hint)

    def _suggestion(self, message: str) -> str:
        if "invalid choice" not in message:
            return ""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                wrong = message.split("invalid choice:", 1)[1].split("(", 1)[0].strip(" '\"")
                close = difflib.get_close_matches(wrong, list(action.choices), n=3, cutoff=0.5)
                if close:
                    return "\n" + f"did you mean: {' or '.join(close)}?"
        return ""


def parser() -> argparse.ArgumentParser:
    """The ``reading-club`` command-line parser (its subcommands)."""
    main = Parser(
        prog=PROGRAM,
        description="Reading Club book catalogue: without a command, open the window.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _global_options(main)
    commands = main.add_subparsers(
        dest="command", title="commands", metavar="COMMAND", parser_class=Parser
    )
    for module in subcommands():
        module.add_commands(commands)
    return main


def _global_options(main: argparse.ArgumentParser) -> None:
    main.add_argument("--version", action=_Version)
    database_option(main)
    main.add_argument(
        "--lang",
        metavar="CODE",
        help="language of the window, e.g. fr or en (default: the saved choice, else the system's)",
    )


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for (reading the
    installed distribution's metadata takes longer than painting the start-up shell)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: object) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, nargs=0, help="show the version and exit"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(f"{parser.prog} {program_version()}")
        parser.exit()


class _NotTheWindow(Exception):
    """The arguments need the full parser."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they only open the window (global options, no subcommand, no
    ``--help``), parsed without importing the subcommands; ``None`` otherwise (and for any
    mistake: the full parser then explains it)."""
    window = _WindowParser(prog=PROGRAM, add_help=False)
    _global_options(window)
    try:
        arguments, rest = window.parse_known_args(list(argv))
    except _NotTheWindow:
        return None
    if rest:
        return None
    arguments.command = None
    return arguments


def main(argv: Sequence[str]) -> int:
    """Run one subcommand, or open the window when none is given; the exit code."""
    arguments = window_arguments(argv) or parser().parse_args(argv)
    try:
        check_text(arguments)
        if arguments.command is None:
            from core.adapters.first_page import read_first_page  # stdlib only
            from gui.app import open_window  # the other front end: Qt only when it is wanted

            first_page = functools.partial(read_first_page, arguments.database)
            return open_window(arguments.database, arguments.lang, first_page)
        if getattr(arguments, "needs_catalogue", False):
            import asyncio  # not for the window, which paints before importing it

            code = asyncio.run(_with_catalogue(arguments))
        else:
            code = int(arguments.handler(arguments))
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except UsageError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # e.g. ``reading-club list | head``: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


async def _with_catalogue(arguments: argparse.Namespace) -> int:
    from core.bootstrap import CatalogueOpenError, open_catalogue

    if getattr(arguments, "catalogue_must_exist", False):
        _check_exists(arguments.database)
    try:
        async with open_catalogue(arguments.database) as catalogue:
            return int(await arguments.handler(arguments, catalogue))
    except CatalogueOpenError as error:
        raise UsageError(str(error)) from None


def _check_exists(database: str) -> None:
    """A catalogue file that is not there is a typo, not a wish for an empty one."""
    if "://" in database or os.path.exists(os.path.expanduser(database)):
        return
    raise UsageError(
        f"there is no catalogue at {database} (check --database; `{PROGRAM} import` creates one)"
    )


def run() -> None:
    """Console-script entry point."""
    sys.exit(main(sys.argv[1:]))
