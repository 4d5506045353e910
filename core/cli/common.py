"""What every subcommand shares: exit codes, the ``--database`` option, usage errors, help."""

from __future__ import annotations

import argparse
import os
import textwrap

EXIT_OK, EXIT_SKIPPED, EXIT_UNUSABLE, EXIT_STOPPED = 0, 1, 2, 3
"""0 everything done; 1 some rows skipped or failed, or not found; 2 unusable (the file, the
database or the service cannot be used; nothing was changed); 3 an import stopped part-way
(the database failed, the rest of the file could not be read, or Ctrl+C): the books of the
batches committed before it are kept, the rest of the file was not imported."""
DATABASE_ENV = "READING_CLUB_DATABASE"
PROGRAM = "reading-club"


def program_version() -> str:
    """The installed ``reading-club`` distribution's version (``unknown`` without one)."""
    from importlib import metadata  # its import costs more than the window's start-up shell

    try:
        return metadata.version("reading-club")
    except metadata.PackageNotFoundError:
        return "unknown"


class UsageError(Exception):
    """The file or the database cannot be used; the message is for the user."""


def check_text(arguments: argparse.Namespace) -> None:
    """Refuse an argument holding bytes that are not UTF-8 (Python keeps them as lone
    surrogates: ``$'caf\\xe9'`` typed in a Latin-1 terminal), naming the option."""
    for name, value in sorted(vars(arguments).items()):
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            shown = value.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            option = name if name in ("file", "isbn") else f"--{name.replace('_', '-')}"
            raise UsageError(
                f'{option} "{shown}" is not UTF-8 text; type it in a UTF-8 terminal'
            ) from None


def database_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--database PATH_OR_URL`` (default: $READING_CLUB_DATABASE or the user data dir)."""
    from core.paths import default_database_path  # not core.bootstrap: SQLAlchemy's import

    parser.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        default=os.environ.get(DATABASE_ENV) or str(default_database_path()),
        help="SQLite file or postgresql:// URL (default: $READING_CLUB_DATABASE or %(default)s)",
    )


type Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def examples(*lines: str) -> str:
    """An ``examples:`` block for the end of a ``--help`` (empty without lines)."""
    return "examples:\n" + "".join(f"  {line}\n" for line in lines) if lines else ""


def add_command(
    commands: Commands,
    name: str,
    summary: str,
    description: str,
    *example_lines: str,
    notes: str = "",
) -> argparse.ArgumentParser:
    """A subcommand with its one-line ``summary`` (listed by ``reading-club --help``), its
    ``description``, ``notes`` (e.g. its exit codes) and examples (shown by
    ``reading-club NAME --help``)."""
    epilog = "\n\n".join(part for part in (notes, examples(*example_lines)) if part.strip())
    return commands.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description, 80),
        epilog=epilog or None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
