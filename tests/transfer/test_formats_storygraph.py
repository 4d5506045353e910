"""Reading the StoryGraph's export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.transfer.csv_format import CsvBooks, CsvRow

DATA = Path(__file__).parent / "data"


def read() -> list[CsvRow]:
    """Every row of the StoryGraph data file."""
    books = CsvBooks.open(DATA / "storygraph_export.csv")
    try:
        return list(books.rows())
    finally:
        books.close()


def test_a_read_book_keeps_its_rating_review_date_and_tags() -> None:
    """Star Rating 4.25 is 9 of 10 (8.5 rounded half up); Read Status comes first among tags."""
    darkness = read()[0]
    assert (darkness.title, darkness.author, darkness.isbn) == (
        "The Left Hand of Darkness",
        "Ursula K. Le Guin",
        "9780441478125",
    )
    assert darkness.rating == 9
    assert darkness.review.startswith("Cold, slow and beautiful. Genly & Estraven's")
    assert darkness.read_on == date(2023, 2, 10)
    assert darkness.tags == ("read", "favourites", "sci-fi")
    assert (darkness.source, darkness.source_id) == ("StoryGraph", "9780441478125")


def test_a_storygraph_id_is_the_source_id_and_not_an_isbn() -> None:
    """ISBN/UID holding the StoryGraph's own id: no ISBN, and the id kept as source id."""
    gardens = read()[1]
    assert gardens.isbn == ""
    assert gardens.source_id == "7c1e2f4a-9b3d-4e5f-8a6b-0c1d2e3f4a5b"
    assert gardens.authors == ("A. N. Author", "B. Writer")
    assert (gardens.rating, gardens.read_on, gardens.tags) == (None, None, ("to-read",))


def test_a_quarter_star_rounds_half_up_and_tags_repeating_the_status_count_once() -> None:
    """3.75 stars is 8 of 10; "Did-Not-Finish" repeats the status ignoring case."""
    soledad = read()[2]
    assert (soledad.isbn, soledad.rating) == ("8497592204", 8)
    assert soledad.tags == ("did-not-finish", "magical realism")
