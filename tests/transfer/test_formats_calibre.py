"""Reading Calibre's CSV catalog."""

from __future__ import annotations

from pathlib import Path

from core.transfer.csv_format import CsvBooks, CsvRow

DATA = Path(__file__).parent / "data"


def read() -> list[CsvRow]:
    """Every row of the Calibre data file."""
    books = CsvBooks.open(DATA / "calibre_catalog.csv")
    try:
        return list(books.rows())
    finally:
        books.close()


def test_authors_joined_with_ampersands_are_split_and_the_rest_kept() -> None:
    """Authors split at ``&``, the isbn column, half stars x2, tags once each, the id."""
    sicp = read()[0]
    assert sicp.authors == ("Harold Abelson", "Gerald Jay Sussman")
    assert sicp.author == "Harold Abelson, Gerald Jay Sussman"
    assert (sicp.isbn, sicp.rating) == ("9780262510875", 9)
    assert sicp.tags == ("Computer Science", "Lisp")
    assert (sicp.review, sicp.source, sicp.source_id) == ("", "Calibre", "12")


def test_an_empty_isbn_column_falls_back_on_the_identifiers() -> None:
    """``isbn:`` among the identifiers gives the ISBN; an empty rating is none."""
    omens = read()[1]
    assert (omens.title, omens.isbn, omens.rating, omens.tags) == (
        "Good Omens",
        "9780060853983",
        None,
        (),
    )


def test_a_doubled_ampersand_is_part_of_a_name() -> None:
    """``Penn && Teller`` is one author, "Penn & Teller"."""
    cruel = read()[2]
    assert (cruel.authors, cruel.isbn, cruel.rating) == (("Penn & Teller",), "", 6)
