"""The book list's first page read before the database stack is imported (issue 14).

The start-up shell shows the catalogue's first page while SQLAlchemy, SQLModel and the
domain are still being imported. This port reads that page with the standard ``sqlite3``
module on a read-only connection (``mode=ro``: it never creates, migrates or writes the
file), by the same order as ``core.adapters.search.order_by`` (the sort column, then the id,
both in the list's direction) and the same columns as ``core.adapters.views``. It imports
only the standard library and ``core.domain.isbn_text`` (python-stdnum), both when a page is
read: importing the module costs nothing before the shell's first paint.

Anything it is not sure of answers ``None`` and the shell says "Opening the catalogue…": a
PostgreSQL URL, a missing file, a file that is not SQLite, a schema revision it was not
written for, a locked file, any SQLite error. ``tests/gui/test_start_up_rows.py`` checks
that its rows are the real window's first page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

log = logging.getLogger(__name__)

KNOWN_REVISIONS = frozenset({"0009"})
"""The schema revisions this query was written for (the newest migration's). A catalogue at
another revision (older: the real window migrates it first; newer) is not read here."""
SORT_COLUMNS = {
    "title": "title_key",
    "author": "author_key",
    "isbn": "isbn",
    "registered_at": "registered_at",
    "rating": "rating",
    "reviews": "review_count",
    "availability": "available",
}
"""``BookSort`` values and the column each orders by (``core.adapters.search``)."""
BUSY_TIMEOUT_S = 0.1
"""How long a locked file is waited for: the shell must not hold up start-up."""
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TAG_KEY_END = "\x1e"
_TAG_END = "\x1f"
_QUERY = """
SELECT title, author, isbn, registered_at, rating, review_count, copy_count, available,
       due_on, borrower,
       (SELECT group_concat(tag_key || char(30) || tag, char(31)) FROM book_tags
        WHERE book_tags.book_id = books.id)
FROM books ORDER BY {column} {direction}, id {direction} LIMIT ?
"""


@dataclass(frozen=True, slots=True)
class ShownBook:
    """A row of the first page, with the fields of ``BookSummary`` that the list shows;
    ``isbn`` hyphenated already (``core.domain.isbn_text``)."""

    title: str
    author: str
    isbn: str
    registered_at: datetime | None
    tags: tuple[str, ...]
    rating: float | None
    reviews: int
    copies: int
    available: int
    due_on: date | None
    borrower: str | None


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The first ``limit`` books in the list's order, and all the books of the catalogue
    (``None`` if the counter could not be read)."""

    books: list[ShownBook]
    total: int | None


def sqlite_file(database: str) -> Path | None:
    """The SQLite file ``database`` names (a path or a plain ``sqlite:///`` URL); ``None``
    for any other URL (PostgreSQL, in memory, with options)."""
    if "://" not in database:
        return Path(database).expanduser().resolve()
    scheme, _, rest = database.partition("://")
    if scheme not in ("sqlite", "sqlite+aiosqlite") or not rest.startswith("/"):
        return None
    path = rest[1:]
    if not path or path == ":memory:" or any(char in path for char in "?%#"):
        return None
    return Path(path)


def read_first_page(
    database: str, sort: str = "title", descending: bool = False, limit: int = 200
) -> FirstPage | None:
    """The first page of the list sorted by ``sort`` (a ``BookSort`` value), or ``None``
    when the catalogue cannot be read here (never an exception, never a write)."""
    import sqlite3  # here, not at import: after the shell's first paint

    try:
        path = sqlite_file(database)
        column = SORT_COLUMNS.get(sort)
        if path is None or column is None or not _is_sqlite(path):
            return None
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            return _read(connection, column, "DESC" if descending else "ASC", limit)
        finally:
            connection.close()
    except Exception as error:  # whatever it is: the real window will say it
        log.info("first page not read before start-up: %s", error)
        return None


def _is_sqlite(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def _read(
    connection: sqlite3.Connection, column: str, direction: str, limit: int
) -> FirstPage | None:
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] not in KNOWN_REVISIONS:
        return None
    statement = _QUERY.format(column=column, direction=direction)
    rows = connection.execute(statement, (limit,)).fetchall()
    counted = connection.execute("SELECT n FROM book_count").fetchone()
    from core.domain.isbn_text import hyphenated_isbn  # python-stdnum: once a page is read

    books = [_shown(row, hyphenated_isbn) for row in rows]
    return FirstPage(books, None if counted is None else int(counted[0]))


def _shown(row: tuple[object, ...], hyphenated_isbn: Callable[[str], str]) -> ShownBook:
    title, author, isbn, registered, rating, reviews, copies, available, due, borrower, tags = row
    return ShownBook(
        title=str(title),
        author=str(author),
        isbn=hyphenated_isbn(str(isbn)),
        registered_at=_utc(registered),
        tags=_tags(tags),
        rating=None if rating is None else float(str(rating)),
        reviews=int(str(reviews)),
        copies=int(str(copies)),
        available=int(str(available)),
        due_on=None if due is None else date.fromisoformat(str(due)),
        borrower=None if borrower is None else str(borrower),
    )


def _utc(stored: object) -> datetime | None:
    """A stored ``UtcDateTime`` (UTC, written without its zone) read back with it."""
    if stored is None:
        return None
    moment = datetime.fromisoformat(str(stored))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _tags(joined: object) -> tuple[str, ...]:
    """The book's tags sorted by their folded key (``core.domain.tags.distinct_tags``; the
    key is unique per book)."""
    if not joined:
        return ()
    pairs = (item.partition(_TAG_KEY_END) for item in str(joined).split(_TAG_END))
    return tuple(tag for _key, _, tag in sorted(pairs))
