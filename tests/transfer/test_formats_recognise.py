"""Telling the formats apart from the header line, whatever the delimiter."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.transfer.csv_format import CsvBooks, CsvFormatError
from core.transfer.formats import FORMATS, recognise
from tests.transfer.conftest import write_csv

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("name", "format_name", "delimiter"),
    [
        ("goodreads_library_export.csv", "Goodreads", ","),
        ("goodreads_24_columns.csv", "Goodreads", ","),
        ("librarything_export.tsv", "LibraryThing", "\t"),
        ("librarything_export.csv", "LibraryThing", ","),
        ("storygraph_export.csv", "StoryGraph", ","),
        ("calibre_catalog.csv", "Calibre", ","),
        ("reading_club_export.csv", "Reading Club", ","),
    ],
)
def test_each_export_is_recognised_from_its_header(
    name: str, format_name: str, delimiter: str
) -> None:
    """Opening a real export's file names its format and delimiter."""
    books = CsvBooks.open(DATA / name)
    books.close()
    assert (books.format, books.delimiter) == (format_name, delimiter)


@pytest.mark.parametrize(
    "header",
    ["Title;Authors;ISBN-13", "isbn\ttitle\tauthor", "Titre,Auteur,EAN", "title,author,isbn"],
)
def test_other_headers_naming_title_author_and_isbn_are_spreadsheets(header: str) -> None:
    """A header with the usual names in any language or order is a generic spreadsheet."""
    assert recognise(header + "\n").format == "spreadsheet"


def test_our_export_is_told_by_its_registered_at_column() -> None:
    """title, author, isbn and registered_at (in any order) are our own export."""
    layout = recognise("registered_at,isbn,title,author\r\n")
    assert (layout.format, layout.delimiter) == ("Reading Club", ",")


def test_a_calibre_catalog_of_a_few_fields_is_told_by_a_field_only_calibre_has() -> None:
    """``calibredb catalog --fields title,authors,identifiers`` is still a Calibre catalog."""
    assert recognise("title,authors,identifiers\n").format == "Calibre"


def test_the_format_is_empty_and_rows_say_why_when_the_header_names_nothing(
    tmp_path: Path,
) -> None:
    """A first line that is data, not a header: no format, and reading the rows says so."""
    books = CsvBooks.open(write_csv(tmp_path / "d.csv", "Dune,Frank Herbert,0441013597\n"))
    try:
        assert books.format == ""
        with pytest.raises(CsvFormatError, match="must name the columns"):
            next(books.rows())
    finally:
        books.close()


def test_every_format_has_a_name_for_the_report() -> None:
    """The formats, most specific first, each named once."""
    assert FORMATS == (
        "Goodreads",
        "LibraryThing",
        "StoryGraph",
        "Calibre",
        "Reading Club",
        "spreadsheet",
    )
