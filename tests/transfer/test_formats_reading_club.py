"""Reading our own export back, and generic spreadsheets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from core.transfer.csv_format import CsvBooks, CsvRow
from tests.transfer.conftest import write_csv

DATA = Path(__file__).parent / "data"


def read(path: Path) -> list[CsvRow]:
    """Every row of a file."""
    books = CsvBooks.open(path)
    try:
        return list(books.rows())
    finally:
        books.close()


def test_our_export_keeps_the_registration_time_and_undoes_neutralised_cells() -> None:
    """registered_at is read back as an aware datetime; formula-like cells lose the apostrophe
    our export put before them; an empty time is none."""
    rows = read(DATA / "reading_club_export.csv")
    assert [(r.title, r.author, r.isbn) for r in rows] == [
        ("Dune", "Frank Herbert", "978-0-441-01359-3"),
        ('=HYPERLINK("x")', "-A. Nonymous", ""),
        ("Refactoring", "Martin Fowler", "978-0-201-48567-7"),
    ]
    assert [r.registered_at for r in rows] == [
        datetime(2025, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        datetime(2025, 1, 3, 10, 0, tzinfo=UTC),
        None,
    ]
    assert {(r.source, r.source_id) for r in rows} == {("Reading Club", "")}


def test_a_spreadsheet_row_has_its_author_as_its_one_author_and_nothing_else(
    tmp_path: Path,
) -> None:
    """The plain path fills title, author and ISBN; the other fields keep their defaults."""
    [row] = read(write_csv(tmp_path / "s.csv", "Title;Author;ISBN\nDune;Frank Herbert;\n"))
    assert row == CsvRow(
        2, "Dune", "Frank Herbert", "", row.bytes_read, ("Frank Herbert",), source="spreadsheet"
    )
