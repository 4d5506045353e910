"""The StoryGraph's export.

Authors are comma-separated; ISBN/UID holds an ISBN or, for an edition without one, the
StoryGraph's own id; Star Rating is 0-5 with decimals (3.75); Read Status is a shelf
(read, to-read, currently-reading...); dates are written 2023/05/14.
"""

from __future__ import annotations

from .cells import day, distinct, fit, index_of, is_isbn, plain_text, stars, tag_set
from .rows import CsvRow, Layout

NAME = "StoryGraph"
_SIGNATURE = frozenset({"title", "authors", "isbnuid", "readstatus"})


def layout(cells: list[str], keys: list[str], delimiter: str) -> Layout | None:
    """The layout of a StoryGraph export's header, else ``None``."""
    if not _SIGNATURE.issubset(keys):
        return None
    return Layout(NAME, delimiter, StoryGraphRows(keys).row)


class StoryGraphRows:
    """Rows of a StoryGraph export whose header has ``keys``."""

    __slots__ = (
        "_authors",
        "_last_read",
        "_rating",
        "_read_status",
        "_review",
        "_tags",
        "_title",
        "_uid",
        "_width",
    )

    def __init__(self, keys: list[str]) -> None:
        self._width = len(keys)
        self._title = index_of(keys, "title")
        self._authors = index_of(keys, "authors")
        self._uid = index_of(keys, "isbnuid")
        self._rating = index_of(keys, "starrating")
        self._review = index_of(keys, "review")
        self._last_read = index_of(keys, "lastdateread")
        self._read_status = index_of(keys, "readstatus")
        self._tags = index_of(keys, "tags")

    def row(self, cells: list[str], line: int, bytes_read: int) -> CsvRow:
        """The row of a data line's cells."""
        c = fit(cells, self._width)
        authors = distinct(c[self._authors].split(","))
        uid = c[self._uid].strip()
        return CsvRow(
            line,
            c[self._title],
            ", ".join(authors),
            uid if is_isbn(uid) else "",
            bytes_read,
            authors,
            stars(c[self._rating]),
            plain_text(c[self._review]),
            day(c[self._last_read]),
            tag_set(c[self._read_status], c[self._tags]),
            None,
            None,
            NAME,
            uid,
        )
