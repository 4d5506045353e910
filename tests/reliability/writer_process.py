"""A child process that writes to a catalogue and reports each acknowledged change.

Run by the reliability tests as ``python -m tests.reliability.writer_process DATABASE
--writer N [--count K] [--mixed]``. It prints one line per command whose ``execute()``
returned ``Ok`` (``registered ISBN``, ``updated ISBN``, ``deleted ISBN``), flushed at once,
so that a parent reading stdout knows exactly which changes were acknowledged. Without
``--count`` it registers until it is killed; ``--resume`` continues the numbering of a
killed writer. With ``--wait-for-go`` it prints ``ready -`` and waits for a line on stdin
before writing, so two writers can start together. Any exception is printed on stderr and
the exit status is 1.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
from collections.abc import Iterator

from stdnum import ean

from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import DeleteBook, RegisterBook, UpdateBook
from core.domain.result import Err


def isbn_of(writer: int, number: int) -> str:
    """A valid ISBN-13 unique to (writer, number): 978-0-WW-NNNNNN-C."""
    digits = f"9780{writer:02}{number:06}"
    return digits + ean.calc_check_digit(digits)


def _acknowledge(verb: str, isbn: str) -> None:
    sys.stdout.write(f"{verb} {isbn}\n")
    sys.stdout.flush()


async def _register(catalogue: Catalogue, writer: int, number: int) -> RegisterBook:
    isbn = isbn_of(writer, number)
    command = RegisterBook(title=f"Book {number} of {writer}", author=f"Writer {writer}", isbn=isbn)
    result = await catalogue.execute(command)
    if isinstance(result, Err):
        raise RuntimeError(f"registering {isbn} was refused: {result.error}")
    _acknowledge("registered", command.isbn)
    return command


async def _update_then_maybe_delete(
    catalogue: Catalogue, command: RegisterBook, number: int
) -> None:
    update = UpdateBook(
        id=command.id, title=f"{command.title} (revised)", author=command.author, isbn=command.isbn
    )
    if isinstance(result := await catalogue.execute(update), Err):
        raise RuntimeError(f"updating {command.isbn} was refused: {result.error}")
    _acknowledge("updated", command.isbn)
    if number % 3 == 0:
        if isinstance(result := await catalogue.execute(DeleteBook(id=command.id)), Err):
            raise RuntimeError(f"deleting {command.isbn} was refused: {result.error}")
        _acknowledge("deleted", command.isbn)


def _numbers(start: int, count: int | None) -> Iterator[int]:
    return iter(range(start, start + count)) if count is not None else itertools.count(start)


async def write(
    database: str,
    writer: int,
    count: int | None,
    *,
    mixed: bool = False,
    wait_for_go: bool = False,
    resume: bool = False,
) -> None:
    """Register ``count`` books (forever when ``None``); with ``mixed``, also update each and
    delete every third, each change its own command. With ``resume``, numbering starts after
    the books already in the catalogue (a restarted writer that is the only one)."""
    async with open_catalogue(database) as catalogue:
        start = await catalogue.views.count_books() if resume else 0
        if wait_for_go:
            _acknowledge("ready", "-")
            await asyncio.to_thread(sys.stdin.readline)
        for number in _numbers(start, count):
            command = await _register(catalogue, writer, number)
            if mixed:
                await _update_then_maybe_delete(catalogue, command, number)


def main() -> None:
    """Parse the arguments and write."""
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--writer", type=int, default=1)
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--mixed", action="store_true")
    parser.add_argument("--wait-for-go", action="store_true")
    parser.add_argument("--resume", action="store_true")
    arguments = parser.parse_args()
    asyncio.run(
        write(
            arguments.database,
            arguments.writer,
            arguments.count,
            mixed=arguments.mixed,
            wait_for_go=arguments.wait_for_go,
            resume=arguments.resume,
        )
    )


if __name__ == "__main__":
    main()
