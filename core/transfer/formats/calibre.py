"""Calibre's CSV catalog (``calibredb catalog books.csv``): lowercase field names, every cell
quoted; authors joined with `` & `` (a literal ``&`` doubled); tags comma-separated; rating in
stars, halves allowed; identifiers as ``isbn:978...,goodreads:123``."""

from __future__ import annotations

from .cells import distinct, fit, index_of, stars, tag_set
from .rows import CsvRow, Layout

NAME = "Calibre"
_NEEDED = frozenset({"title", "authors"})
_ONLY_CALIBRE = frozenset({"authorsort", "titlesort", "identifiers", "uuid"})
_AMPERSAND = "\uffff"  # a non-character: never in a name


def layout(cells: list[str], keys: list[str], delimiter: str) -> Layout | None:
    """The layout of a Calibre catalog's header, else ``None``."""
    if not (_NEEDED.issubset(keys) and _ONLY_CALIBRE.intersection(keys)):
        return None
    return Layout(NAME, delimiter, CalibreRows(keys).row)


def calibre_authors(text: str) -> tuple[str, ...]:
    """The names of an authors cell: split at ``&``, a doubled ``&&`` being part of a name."""
    names = text.replace("&&", _AMPERSAND).split("&")
    return distinct(name.replace(_AMPERSAND, "&") for name in names)


def identifier(text: str, scheme: str) -> str:
    """The value of ``scheme`` in an identifiers cell (``isbn:978...,goodreads:123``)."""
    for pair in text.split(","):
        name, _, value = pair.partition(":")
        if name.strip().casefold() == scheme:
            return value.strip()
    return ""


class CalibreRows:
    """Rows of a Calibre catalog whose header has ``keys``."""

    __slots__ = ("_authors", "_id", "_identifiers", "_isbn", "_rating", "_tags", "_title", "_width")

    def __init__(self, keys: list[str]) -> None:
        self._width = len(keys)
        self._id = index_of(keys, "id")
        self._title = index_of(keys, "title")
        self._authors = index_of(keys, "authors")
        self._isbn = index_of(keys, "isbn")
        self._identifiers = index_of(keys, "identifiers")
        self._rating = index_of(keys, "rating")
        self._tags = index_of(keys, "tags")

    def row(self, cells: list[str], line: int, bytes_read: int) -> CsvRow:
        """The row of a data line's cells."""
        c = fit(cells, self._width)
        authors = calibre_authors(c[self._authors])
        isbn = c[self._isbn].strip() or identifier(c[self._identifiers], "isbn")
        return CsvRow(
            line,
            c[self._title],
            ", ".join(authors),
            isbn,
            bytes_read,
            authors,
            stars(c[self._rating]),
            "",
            None,
            tag_set(c[self._tags]),
            None,
            None,
            NAME,
            c[self._id].strip(),
        )
