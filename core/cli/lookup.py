"""``reading-club lookup ISBN [--json]``: what the book information source knows of an ISBN.

Exit codes: 0 found (the details on stdout), 1 not found, 2 an invalid ISBN or a source that
cannot be reached or refuses; in cases 1 and 2, exactly one line on stderr says which.
Never imports Qt; nothing is written to the catalogue.
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from core.domain.isbn import canonical_isbn, hyphenated_isbn
from core.service.book_info import AbstractBookInformation, BookInfo, BookInfoUnavailable

from .common import PROGRAM, Commands, add_command

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_UNAVAILABLE = 0, 1, 2


async def lookup_command(
    isbn: str, source: AbstractBookInformation, as_json: bool, out: TextIO, err: TextIO
) -> int:
    """Look ``isbn`` up in ``source`` and print the book (text lines, or one JSON object
    with ``isbn``, ``title``, ``subtitle``, ``authors``, ``publishers``, ``publish_date``,
    ``pages``, ``cover_id``, ``source`` and ``key``); the exit code."""
    try:
        canonical = canonical_isbn(isbn)
    except ValueError as error:
        print(f"{PROGRAM}: ISBN {error}: {isbn!r}", file=err)
        return EXIT_UNAVAILABLE
    try:
        book = await source.by_isbn(canonical)
    except BookInfoUnavailable as error:
        print(f"{PROGRAM}: {error}", file=err)
        return EXIT_UNAVAILABLE
    if book is None:
        shown = hyphenated_isbn(canonical)
        print(f"{PROGRAM}: {source.name} knows no book with ISBN {shown}", file=err)
        return EXIT_NOT_FOUND
    out.write(json.dumps(asdict(book), ensure_ascii=False) + "\n" if as_json else _text(book))
    return EXIT_FOUND


def _text(book: BookInfo) -> str:
    lines = [
        ("Title", book.title),
        ("Subtitle", book.subtitle),
        ("Authors", "; ".join(book.authors)),
        ("Publishers", "; ".join(book.publishers)),
        ("Published", book.publish_date),
        ("Pages", "" if book.pages is None else str(book.pages)),
        ("ISBN", hyphenated_isbn(book.isbn)),
        ("Cover", "" if book.cover_id is None else str(book.cover_id)),
        ("Source", f"{book.source} {book.key}".strip()),
    ]
    return "".join(f"{label + ':':<12}{value}\n" for label, value in lines if value)


def add_commands(commands: Commands) -> None:
    """``lookup ISBN [--json]``."""
    command = add_command(
        commands,
        "lookup",
        "look an ISBN up on Open Library",
        "What Open Library knows of an ISBN; nothing is written to the catalogue. Exit 0 "
        "found, 1 not found, 2 an invalid ISBN or a source that cannot be reached.",
        "reading-club lookup 978-0-261-10320-7",
        "reading-club lookup 0261103202 --json",
    )
    command.add_argument("isbn", help="ISBN-10 or ISBN-13, hyphens allowed")
    command.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    command.set_defaults(handler=lambda arguments: run_lookup(arguments.isbn, arguments.json))


def run_lookup(isbn: str, as_json: bool, cache_dir: Path | None = None) -> int:
    """Look ``isbn`` up on Open Library as the environment says (see
    ``open_library_from_environment``), printing to stdout and stderr; the exit code."""
    # Here, not at the top: the other subcommands need not import httpx.
    from core.adapters.openlibrary import open_library_from_environment

    async def run() -> int:
        async with open_library_from_environment(cache_dir) as source:
            return await lookup_command(isbn, source, as_json, sys.stdout, sys.stderr)

    return asyncio.run(run())
