"""Importing what other applications export: books without an ISBN, tags and source ids kept,
nothing added twice on a second import, and a dry run that writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.service.catalogue import Catalogue
from core.service.views import BookQuery, BookSummary
from core.transfer.catalogue_files import open_import
from core.transfer.csv_format import CsvBooks
from core.transfer.importer import ImportReport
from tests.transfer.conftest import write_csv

DATA = Path(__file__).parent / "data"
FILES = [
    "goodreads_library_export.csv",
    "goodreads_24_columns.csv",
    "librarything_export.csv",
    "librarything_export.tsv",
    "storygraph_export.csv",
    "calibre_catalog.csv",
    "reading_club_export.csv",
]


async def import_file(catalogue: Catalogue, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Run a whole import of ``path``."""
    return await open_import(catalogue, path, batch_size=2, dry_run=dry_run).run()


async def books(catalogue: Catalogue) -> list[BookSummary]:
    """Every book of the catalogue, by title."""
    return await catalogue.views.list_books(BookQuery(limit=1000))


def expected(path: Path) -> dict[str, tuple[str, ...]]:
    """Title -> tags (as listed) of each row of a data file."""
    opened = CsvBooks.open(path)
    try:
        rows = list(opened.rows())
    finally:
        opened.close()
    return {row.title: tuple(sorted(row.tags, key=str.casefold)) for row in rows}


def _tags(listed: list[BookSummary]) -> dict[str, tuple[str, ...]]:
    return {book.title: tuple(sorted(book.tags, key=str.casefold)) for book in listed}


@pytest.mark.parametrize("name", FILES)
async def test_every_row_of_each_format_is_a_book_with_its_tags(
    catalogue: Catalogue, name: str
) -> None:
    """Rows without an ISBN are books too; shelves, tags and collections become tags."""
    report = await import_file(catalogue, DATA / name)
    assert (report.failed, report.skipped) == ([], [])
    assert _tags(await books(catalogue)) == expected(DATA / name)
    assert report.imported == len(expected(DATA / name))
    assert report.tagged == sum(1 for tags in expected(DATA / name).values() if tags)


@pytest.mark.parametrize("name", FILES)
async def test_importing_the_same_file_again_adds_nothing(catalogue: Catalogue, name: str) -> None:
    """The second import finds every book (source id, ISBN, or title and author)."""
    await import_file(catalogue, DATA / name)
    before = await books(catalogue)
    report = await import_file(catalogue, DATA / name)
    assert (report.imported, report.updated, report.failed) == (0, 0, [])
    assert len(report.skipped) == len(before)
    assert await books(catalogue) == before


async def test_a_newer_export_adds_its_new_shelves_to_the_books(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """A book found by its Goodreads id, with a shelf more, is updated: its tags are the
    union; a book found again unchanged is counted so."""
    source = (DATA / "goodreads_library_export.csv").read_text(encoding="utf-8")
    await import_file(catalogue, DATA / "goodreads_library_export.csv")
    newer = source.replace('"classics, dystopia"', '"classics, dystopia, book-club"')
    assert newer != source
    report = await import_file(catalogue, write_csv(tmp_path / "newer.csv", newer))
    assert (report.imported, report.updated, len(report.skipped)) == (0, 1, 3)
    assert "book-club" in _tags(await books(catalogue))["1984"]


async def test_a_row_without_isbn_matches_a_book_by_title_and_author_ignoring_accents(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """No ISBN: the same title and author, in other case and accents, is the same book."""
    first = write_csv(tmp_path / "a.csv", "title,author,isbn\nCarnets d'un été,Jane Doe,\n")
    second = write_csv(tmp_path / "b.csv", "title,author,isbn\nCARNETS D'UN ETE,jane doe,\n")
    await import_file(catalogue, first)
    report = await import_file(catalogue, second)
    assert [(p.line, p.reason) for p in report.skipped] == [(2, "is already in the catalogue")]
    assert len(await books(catalogue)) == 1


async def test_a_dry_run_counts_what_an_import_would_do_and_writes_nothing(
    catalogue: Catalogue,
) -> None:
    """Check only: the same counts as the import, and the catalogue stays empty."""
    path = DATA / "librarything_export.tsv"
    checked = await import_file(catalogue, path, dry_run=True)
    assert await catalogue.views.count_books() == 0
    assert checked.as_text().startswith("check only, nothing written: 4 imported")
    done = await import_file(catalogue, path)
    assert (checked.imported, checked.tagged) == (done.imported, done.tagged) == (4, 4)
    assert checked.read_as == done.read_as == "LibraryThing, Windows-1252"


async def test_a_utf16_export_gives_the_same_books_as_its_cp1252_original(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """LibraryThing's export saved as UTF-16 with a byte order mark reads the same."""
    text = (DATA / "librarything_export.tsv").read_bytes().decode("cp1252")
    path = tmp_path / "utf16.tsv"
    path.write_bytes(text.encode("utf-16"))
    report = await import_file(catalogue, path)
    assert report.read_as == "LibraryThing, UTF-16 LE"
    assert _tags(await books(catalogue)) == expected(DATA / "librarything_export.tsv")
