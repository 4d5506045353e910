"""Importing CSV files into a SQLite catalogue through the bus, in batches."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import pytest

from core.bootstrap import Catalogue, open_catalogue
from core.domain.messages import BookRegistered
from core.service.uow import AbstractUnitOfWork
from core.service.views import BookQuery, BookSort
from core.transfer.catalogue_files import export_csv, open_import
from core.transfer.csv_format import CsvBooks
from core.transfer.importer import (
    IN_FLIGHT,
    BatchWriter,
    CsvImport,
    ImportProgress,
    ImportReport,
)
from tests.support.isbn import isbn13
from tests.transfer.conftest import books_csv, write_csv


def fifty_megabytes(path: Path) -> Path:
    """20,000 valid books with a 2,500-character notes column: over 50 MB."""
    notes = "n" * 2500
    with path.open("w", encoding="utf-8") as stream:
        stream.write("title,author,isbn,notes\n")
        stream.writelines(f"Title {n},Author {n},{isbn13(n)},{notes}\n" for n in range(20_000))
    assert os.path.getsize(path) > 50_000_000
    return path


async def import_file(catalogue: Catalogue, path: Path, batch_size: int = 1000) -> ImportReport:
    """Run a whole import of ``path``."""
    return await open_import(catalogue, path, batch_size=batch_size).run()


async def all_books(catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """(title, author, isbn) of every book, by ISBN."""
    books = await catalogue.views.list_books(BookQuery(sort=BookSort.isbn, limit=1_000_000))
    return [(book.title, book.author, book.isbn) for book in books]


async def registration_times(catalogue: Catalogue) -> list[datetime | None]:
    """When each book was registered, by ISBN."""
    books = await catalogue.views.list_books(BookQuery(sort=BookSort.isbn, limit=1_000_000))
    return [book.registered_at for book in books]


async def test_every_valid_row_is_registered_with_its_event_and_stored_messages(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """Each row becomes a RegisterBook: the book, its published event and both messages."""
    heard: list[object] = []
    catalogue.subscribe(heard.append)
    report = await import_file(catalogue, books_csv(tmp_path / "b.csv", 25), batch_size=10)
    assert (report.imported, report.skipped, report.failed) == (25, [], [])
    assert await catalogue.views.count_books() == 25
    assert len(heard) == 25
    assert all(isinstance(e, BookRegistered) for e in heard)
    types = [m.type for m in await catalogue.views.history(limit=100)]
    assert sorted(set(types)) == ["book_registered_v1", "register_book_v1"]
    assert len(types) == 50


async def test_exporting_then_importing_into_an_empty_catalogue_gives_the_same_books(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """A round trip keeps titles (formula-like ones too), authors, ISBNs and registration
    times exactly."""
    text = (
        "title,author,isbn\n"
        '=HYPERLINK("x"),@someone,0441013597\n'
        "-minus,+plus,0-321-12521-5\n"
        "'quoted,Zoë Ünïcode,978-0-13-475759-9\n"
        '"Comma, and ""quotes""",Line\u2028Sep,9780134494166\n'
    )
    await import_file(catalogue, write_csv(tmp_path / "in.csv", text))
    await export_csv(catalogue, tmp_path / "out.csv")
    original = await all_books(catalogue)
    times = await registration_times(catalogue)
    async with open_catalogue(tmp_path / "2.sqlite3") as empty:
        report = await import_file(empty, tmp_path / "out.csv")
        assert report.complete
        assert await all_books(empty) == original
        assert await registration_times(empty) == times
    assert len(original) == 4


async def test_invalid_and_duplicate_rows_are_reported_and_the_others_imported(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """Bad rows are failed, repeated ISBNs skipped (naming the first line), the rest kept."""
    await import_file(
        catalogue, write_csv(tmp_path / "a.csv", f"title,author,isbn\nOld,A,{isbn13(1)}\n")
    )
    text = (
        "title,author,isbn\n"
        f"Fine,A,{isbn13(2)}\n"
        "No checksum,A,9780000000001\n"
        f",Nobody,{isbn13(3)}\n"
        f"Again,A,{isbn13(2)}\n"
        f"Known,A,{isbn13(1)}\n"
    )
    report = await import_file(catalogue, write_csv(tmp_path / "b.csv", text), batch_size=2)
    assert report.imported == 1
    assert [(p.line, p.field, p.reason) for p in report.failed] == [
        (3, "isbn", "has a wrong check digit"),
        (4, "title", "is required"),
    ]
    assert [(p.line, p.reason) for p in report.skipped] == [
        (5, "repeats line 2"),
        (6, "is already in the catalogue"),
    ]
    assert "1 imported, 2 skipped (already registered), 2 failed (invalid)" in report.as_text()


async def test_cancelling_keeps_the_committed_batches_and_says_how_many(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """A cancel when the third batch is committed stops there: the batches submitted after it
    (``IN_FLIGHT - 1``: handled and being written meanwhile) are committed too; whole batches
    only, and the summary says how many books."""
    kept = 10 * (3 + IN_FLIGHT - 1)
    seen: list[ImportProgress] = []
    job = open_import(catalogue, books_csv(tmp_path / "b.csv", 100), seen.append, batch_size=10)

    def cancel_at_third(progress: ImportProgress) -> None:
        seen.append(progress)
        if len(seen) == 3:
            job.cancel()

    job._on_progress = cancel_at_third
    report = await job.run()
    assert report.cancelled
    assert report.imported == kept
    assert await catalogue.views.count_books() == kept
    assert f"cancelled: the {kept} books of committed batches are kept" in report.summary()
    assert [p.imported for p in seen] == list(range(10, kept + 1, 10))
    assert 0 < seen[-1].fraction < 1


async def test_a_row_with_bytes_that_are_not_utf8_fails_alone(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """One Latin-1 line deep in a UTF-8 file fails; the other rows are imported."""
    path = books_csv(tmp_path / "b.csv", 3000)
    with path.open("ab") as stream:
        stream.write(b"Caf\xe9,Someone," + isbn13(9999).encode() + b"\n")
    report = await import_file(catalogue, path)
    assert report.imported == 3000
    assert [(p.line, p.field, p.reason) for p in report.failed] == [
        (3002, "title", "is not UTF-8 text")
    ]


async def test_a_fifty_megabyte_file_is_imported_in_full(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """A 50 MB file (a long notes column) imports every row; generated here, never committed."""
    path = fifty_megabytes(tmp_path / "big.csv")
    report = await import_file(catalogue, path, batch_size=2000)
    assert report.complete
    assert report.imported == 20_000
    assert await catalogue.views.count_books() == 20_000


class HandlerFailedError(Exception):
    """Raised by an event handler on purpose."""


async def test_a_batch_failing_while_handled_stops_the_import_there(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """A handler fails in the third batch (lines 22-31): the two batches before it are kept,
    no later batch is written, and the report says where the import stopped."""

    async def fail_on_title_25(event: BookRegistered, uow: AbstractUnitOfWork) -> None:
        if event.title == "Title 25":
            raise HandlerFailedError("the handler failed on purpose")

    catalogue.bus.add_listener(BookRegistered, fail_on_title_25)
    report = await import_file(catalogue, books_csv(tmp_path / "b.csv", 60), batch_size=10)
    assert report.imported == 20
    assert report.error == "line 22 onwards not imported: the handler failed on purpose"
    assert await catalogue.views.count_books() == 20


async def test_cancelling_the_import_task_keeps_whole_batches_with_their_events(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """The task running the import is cancelled mid-way (the window closing, say): every
    batch already handled is committed whole, with its events published and its messages
    stored; nothing after it is written."""
    heard: list[object] = []
    catalogue.subscribe(heard.append)
    progressed = asyncio.Event()
    path = books_csv(tmp_path / "b.csv", 3000)
    job = open_import(catalogue, path, lambda _progress: progressed.set(), batch_size=500)
    running = asyncio.ensure_future(job.run())
    await progressed.wait()
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    books = await catalogue.views.count_books()
    assert books % 500 == 0
    assert 500 <= books < 3000
    assert len(heard) == books
    assert len(await catalogue.views.history(limit=10_000)) == 2 * books


async def test_a_database_that_cannot_be_opened_for_writing_imports_nothing_and_says_why(
    tmp_path: Path,
) -> None:
    """Opening the batch writer fails: run() returns a report saying why (the window then
    shows it) instead of raising past the import."""

    @asynccontextmanager
    async def unopenable() -> AsyncIterator[BatchWriter]:
        raise OSError("disk I/O error")
        yield  # makes this an async generator

    books = CsvBooks.open(books_csv(tmp_path / "b.csv", 5))
    report = await CsvImport(books, unopenable).run()
    assert (report.imported, report.error) == (0, "nothing imported: disk I/O error")


async def test_a_nul_byte_deep_in_the_file_fails_its_row_alone(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """A NUL byte past the sample checked on opening: that row fails (a control character)
    and every other row is imported."""
    rows = [f"Title {n},Author {n},{isbn13(n)}" for n in range(3000)]
    rows[2500] = "Bad\x00row,X," + isbn13(2500)
    path = write_csv(tmp_path / "b.csv", "title,author,isbn\n" + "\n".join(rows) + "\n")
    report = await import_file(catalogue, path, batch_size=1000)
    assert (report.imported, report.error) == (2999, "")
    assert [(p.line, p.field, p.reason) for p in report.failed] == [
        (2502, "title", "contains a control character")
    ]
