"""Reading Goodreads' library export: everything a row says of the book is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.transfer.csv_format import CsvBooks, CsvRow

DATA = Path(__file__).parent / "data"


def read(name: str) -> list[CsvRow]:
    """Every row of a data file."""
    books = CsvBooks.open(DATA / name)
    try:
        return list(books.rows())
    finally:
        books.close()


def test_a_rated_reviewed_shelved_book_keeps_all_of_it() -> None:
    """Author and additional authors, ISBN13, rating x2, review as text, date read, shelves,
    copies and the Goodreads book id."""
    first = read("goodreads_library_export.csv")[0]
    assert (first.line, first.title, first.isbn) == (2, "1984", "9780451524935")
    assert first.authors == ("George Orwell", "Erich Fromm")
    assert first.author == "George Orwell, Erich Fromm"
    assert first.rating == 10
    assert first.review == "Chilling.\n\nBig Brother & the Ministry of Truth feel too close."
    assert first.read_on == date(2023, 3, 14)
    assert first.tags == ("read", "classics", "dystopia")
    assert (first.copies, first.loan) == (1, None)
    assert (first.source, first.source_id) == ("Goodreads", "5470")


def test_an_empty_isbn_cell_and_a_zero_rating_mean_none() -> None:
    """``=""`` ISBN cells give no ISBN and 0 stars is not rated."""
    unrated = read("goodreads_library_export.csv")[1]
    assert (unrated.title, unrated.isbn, unrated.rating) == (
        "The Wandering Inn: Volume 1",
        "",
        None,
    )
    assert (unrated.review, unrated.read_on, unrated.tags) == ("", None, ("to-read",))


def test_entities_and_br_tags_become_text_and_repeated_shelves_count_once() -> None:
    """``<br>``, ``&#39;`` and ``&quot;`` are decoded; shelves differing in case are one tag."""
    dune = read("goodreads_library_export.csv")[2]
    assert dune.review == 'Spice, sand & politics.\nPaul\'s arc is "classic".'
    assert dune.tags == ("currently-reading", "sci-fi")
    assert (dune.rating, dune.read_on, dune.copies) == (8, None, 2)


def test_an_additional_author_repeating_the_author_is_listed_once() -> None:
    """Additional Authors naming the author again adds only the others."""
    omens = read("goodreads_library_export.csv")[3]
    assert omens.authors == ("Terry Pratchett", "Neil Gaiman")
    assert omens.review == "Funny.\nThe footnotes < the jokes, but only just."


def test_the_24_column_export_reads_like_the_31_column_one() -> None:
    """The shorter header of newer exports gives the same rows."""
    short = read("goodreads_24_columns.csv")
    long = read("goodreads_library_export.csv")[:2]
    assert [(r.title, r.authors, r.isbn, r.rating, r.review, r.tags, r.copies) for r in short] == [
        (r.title, r.authors, r.isbn, r.rating, r.review, r.tags, r.copies) for r in long
    ]
