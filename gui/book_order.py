"""The list's order and filter in Python, to place one changed row without asking SQL.

They mirror ``core.adapters.search``: the same folded search text and the same sort keys
(``casefold`` text compared by code point, as SQLite's BINARY collation does; ties by id).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.adapters.search import needle
from core.adapters.tables import SEARCH_SEPARATOR, fold
from core.service.repositories import BookSort, BookSummary


def matches(search: str, book: BookSummary) -> bool:
    """Whether the SQL search for ``search`` finds ``book``."""
    folded = needle(search)
    if not folded:
        return True
    return folded in SEARCH_SEPARATOR.join((fold(book.title), fold(book.author), book.isbn))


def sort_key(sort: BookSort, book: BookSummary) -> tuple[Any, ...]:
    """``book``'s place in an ascending ``ORDER BY`` of ``sort`` then id."""
    tie = book.id.hex
    if sort is BookSort.title:
        return (book.title.casefold(), tie)
    if sort is BookSort.author:
        return (book.author.casefold(), tie)
    if sort is BookSort.isbn:
        return (book.isbn, tie)
    registered = book.registered_at
    # NULLs first, as SQLite orders them ascending.
    return (registered is not None, registered or datetime.min, tie)
