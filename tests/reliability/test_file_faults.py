"""The catalogue's file made read-only or deleted while the program runs, and read-only at
start (issue 20, items 9 and 10): a clear refusal, nothing acknowledged that cannot last, and
writes working again once the file is writable.

A file opened for writing stays writable for its owner whatever ``chmod`` says, and root ignores
permissions: the tests make the files immutable (``chattr +i``), which refuses even writes
through descriptors already open, as a read-only remount does. That needs root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from core.bootstrap import (
    Catalogue,
    CatalogueGoneError,
    CatalogueReadOnlyError,
    open_catalogue,
)
from core.domain.messages import RegisterBook
from core.domain.result import Ok
from core.transfer.catalogue_files import open_import
from tests.adapters.conftest import sha256_of
from tests.reliability.conftest import run_cli
from tests.reliability.test_startup_faults import (
    assert_refused_clearly,
    catalogue_at_first_revision,
)
from tests.support.isbn import isbn13
from tests.transfer.conftest import books_csv

READ_ONLY = "the catalogue is read-only"


def can_make_immutable(folder: Path) -> bool:
    """Whether ``chattr +i`` works here (root, on a file system that has the flag)."""
    probe = folder / "probe"
    probe.write_bytes(b"")
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i", str(probe)], capture_output=True, check=False)
    subprocess.run(["chattr", "-i", str(probe)], capture_output=True, check=False)
    probe.unlink()
    return done.returncode == 0


@contextmanager
def read_only(database: Path) -> Iterator[None]:
    """The catalogue's file and its WAL immutable for the block (the shared-memory index is
    left alone: SQLite needs it to read)."""
    if not can_make_immutable(database.parent):
        pytest.skip("making an open file read-only needs root's chattr +i")
    files = [p for p in database.parent.glob(database.name + "*") if not p.name.endswith("-shm")]
    for path in files:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        for path in files:
            subprocess.run(["chattr", "-i", str(path)], check=True)


def replace_with_a_copy(database: Path) -> bytes:
    """Put a copy of the file (without its WAL) in its place, as a restore would; its bytes."""
    backup = database.with_name("backup.sqlite3")
    shutil.copyfile(database, backup)
    for leftover in database.parent.glob(database.name + "-*"):
        leftover.unlink()
    os.replace(backup, database)
    return database.read_bytes()


def book(number: int) -> RegisterBook:
    """A valid registration."""
    return RegisterBook(title=f"Title {number}", author="Someone", isbn=isbn13(number))


async def refused(catalogue: Catalogue, command: RegisterBook, error: type[Exception]) -> str:
    """Run ``command``, which must raise ``error``; its message."""
    with pytest.raises(error) as caught:
        await catalogue.execute(command)
    return str(caught.value)


async def test_a_catalogue_made_read_only_while_open_refuses_then_recovers(
    tmp_path: Path,
) -> None:
    """Commands and import batches say "the catalogue is read-only" (not "disk I/O error"),
    then "cannot commit - no transaction is active" forever); once writable, the next
    command and the next import work, and nothing of the refused ones was written."""
    database = tmp_path / "library.sqlite3"
    async with open_catalogue(database) as catalogue:
        assert await catalogue.execute(book(1)) == Ok(...)
        source = books_csv(tmp_path / "books.csv", 30, start=100)
        with read_only(database):
            for number in (2, 3, 4):
                assert READ_ONLY in await refused(catalogue, book(number), CatalogueReadOnlyError)
            report = await open_import(catalogue, source, batch_size=10).run()
            assert report.imported == 0
            assert READ_ONLY in report.error
            assert await catalogue.views.count_books() == 1  # reading still works
        assert await catalogue.execute(book(5)) == Ok(...)
        report = await open_import(catalogue, source, batch_size=10).run()
        assert (report.imported, report.error) == (30, "")
        assert await catalogue.views.count_books() == 32


def test_a_catalogue_read_only_at_start_lists_and_refuses_an_import_clearly(
    tmp_path: Path,
) -> None:
    """``list`` works on a read-only catalogue; ``import`` says it is read-only (exit 2,
    nothing imported, no traceback, no raw sqlite3 error), and works once it is writable."""
    database = tmp_path / "library.sqlite3"
    first = books_csv(tmp_path / "first.csv", 1)
    assert run_cli("import", str(first), "--database", str(database)).returncode == 0
    more = books_csv(tmp_path / "more.csv", 5, start=10)
    with read_only(database):
        listed = run_cli("list", "--database", str(database))
        assert (listed.returncode, len(listed.stdout.splitlines())) == (0, 1), listed.stderr
        done = run_cli("import", str(more), "--database", str(database))
        assert done.returncode == 2, done.stderr
        stopped = "0 imported, 0 skipped (already registered), 0 failed (invalid); stopped:"
        assert f"{stopped} line 2 onwards not imported: {READ_ONLY}" in done.stderr
        assert "Traceback" not in done.stderr
        assert "OperationalError" not in done.stderr
    done = run_cli("import", str(more), "--database", str(database))
    assert done.returncode == 0, done.stderr


async def test_a_catalogue_whose_folder_is_deleted_acknowledges_nothing_more(
    tmp_path: Path,
) -> None:
    """The folder deleted while the catalogue is open: SQLite would go on writing to the
    deleted file and every command would return Ok; now each command and import batch is
    refused with "deleted or moved while open", and nothing is acknowledged."""
    folder = tmp_path / "club"
    database = folder / "library.sqlite3"
    async with open_catalogue(database) as catalogue:
        assert await catalogue.execute(book(1)) == Ok(...)
        source = books_csv(tmp_path / "books.csv", 30, start=100)
        shutil.rmtree(folder)
        message = await refused(catalogue, book(2), CatalogueGoneError)
        assert f"the catalogue {database} was deleted or moved while open" in message
        report = await open_import(catalogue, source, batch_size=10).run()
        assert report.imported == 0
        assert "was deleted or moved while open" in report.error
    assert not folder.exists()


async def test_a_catalogue_replaced_by_another_file_acknowledges_nothing_more(
    tmp_path: Path,
) -> None:
    """The file replaced under the same name (a restore from a backup, say): writes would go
    to the old, unlinked file; they are refused the same way, and the new file is left as
    it is."""
    database = tmp_path / "library.sqlite3"
    async with open_catalogue(database) as catalogue:
        assert await catalogue.execute(book(1)) == Ok(...)
        before = replace_with_a_copy(database)
        await refused(catalogue, book(2), CatalogueGoneError)
        assert database.read_bytes() == before


def test_a_read_only_catalogue_that_needs_an_upgrade_says_so(tmp_path: Path) -> None:
    """A catalogue left at revision 0001 by an older version, read-only: the upgrade cannot
    be written, and start-up says so (not "attempt to write a readonly database"), exit 2,
    the file unchanged."""
    database = tmp_path / "library.sqlite3"
    catalogue_at_first_revision(database)
    before = sha256_of(database)
    with read_only(database):
        done = run_cli("list", "--database", str(database))
    assert_refused_clearly(
        done.returncode, done.stderr, "the catalogue is read-only, and this version of"
    )
    assert sha256_of(database) == before
