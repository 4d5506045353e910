"""Reading LibraryThing's export (tab-separated in Windows-1252, or CSV)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.transfer.csv_format import CsvBooks, CsvRow, LoanRecord
from core.transfer.formats.librarything import first_last

DATA = Path(__file__).parent / "data"


def read(name: str) -> tuple[CsvBooks, list[CsvRow]]:
    """The opened file and every row of it."""
    books = CsvBooks.open(DATA / name)
    try:
        return books, list(books.rows())
    finally:
        books.close()


def test_the_tab_separated_export_is_read_as_windows_1252() -> None:
    """LibraryThing's cp1252 file is recognised and its accents, € and œ come out right."""
    books, rows = read("librarything_export.tsv")
    assert (books.format, books.encoding, books.delimiter) == (
        "LibraryThing",
        "Windows-1252",
        "\t",
    )
    assert [row.title for row in rows] == [
        "Marelle",
        "Le Petit Prince",
        "Carnets d'un été",
        'Le "Horla" et autres contes',
    ]


def test_a_row_keeps_authors_isbn_rating_review_tags_copies_and_the_loan() -> None:
    """ "Last, First" names turned round, the bracketed ISBN, half stars x2, [Return] as a line
    break, tags and collections, copies, and the lending patron's open loan."""
    marelle = read("librarything_export.tsv")[1][0]
    assert marelle.authors == ("Julio Cortázar", "Laure Guille-Bataillon", "Françoise Rosset")
    assert marelle.author == "Julio Cortázar, Laure Guille-Bataillon, Françoise Rosset"
    assert (marelle.isbn, marelle.rating, marelle.copies) == ("2070291340", 9, 1)
    assert marelle.review == "Un chef-d'œuvre.\n\nÀ relire « lentement »."
    assert marelle.read_on == date(2007, 5, 8)
    assert marelle.tags == ("roman", "expérimental", "Your library", "Favorites")
    assert marelle.loan == LoanRecord("Alice Martin", date(2024, 11, 2), date(2024, 11, 23))
    assert (marelle.source, marelle.source_id) == ("LibraryThing", "5498194")


def test_without_a_bracketed_isbn_the_first_of_isbns_is_taken_and_a_returned_loan_is_none() -> None:
    """An empty ISBN column falls back on ISBNs; a loan marked returned is not open."""
    prince = read("librarything_export.tsv")[1][1]
    assert (prince.isbn, prince.rating, prince.copies, prince.loan) == ("2070612759", 6, 2, None)
    assert prince.authors == ("Antoine de Saint-Exupéry",)


def test_a_book_without_any_isbn_is_read_with_an_empty_one() -> None:
    """No ISBN and no rating: the row is there, with ``isbn == ""``."""
    carnets = read("librarything_export.tsv")[1][2]
    assert (carnets.isbn, carnets.rating, carnets.author) == ("", None, "Jane Doe")


def test_quotes_in_the_unquoted_tab_separated_export_are_kept_as_they_are() -> None:
    """A title with quotes is read whole, and a patron without a status is an open loan."""
    horla = read("librarything_export.tsv")[1][3]
    assert horla.title == 'Le "Horla" et autres contes'
    assert (horla.rating, horla.copies) == (5, None)
    assert horla.loan == LoanRecord("Chloé", date(2025, 1, 10), None)


def test_the_csv_export_gives_the_same_rows_as_the_tab_separated_one() -> None:
    """LibraryThing's CSV (UTF-8, quoted) reads like its TSV."""
    books, rows = read("librarything_export.csv")
    _, tsv_rows = read("librarything_export.tsv")
    assert (books.format, books.encoding, books.delimiter) == ("LibraryThing", "UTF-8", ",")
    assert [book_of(row) for row in rows] == [book_of(row) for row in tsv_rows[:2]]


def book_of(row: CsvRow) -> tuple[object, ...]:
    """What a row says of its book (not where it is in the file)."""
    return (
        row.title,
        row.authors,
        row.isbn,
        row.rating,
        row.review,
        row.read_on,
        row.tags,
        row.copies,
        row.loan,
        row.source_id,
    )


def test_last_first_names_are_turned_round_and_other_names_left_alone() -> None:
    """ "Last, First" -> "First Last", a suffix kept at the end; other shapes only trimmed."""
    assert first_last("Tolkien, J. R. R.") == "J. R. R. Tolkien"
    assert first_last("King, Martin Luther, Jr.") == "Martin Luther King Jr."
    assert first_last(" Homer ") == "Homer"
    assert first_last("United States. Congress") == "United States. Congress"
