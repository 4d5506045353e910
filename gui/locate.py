"""Where a book is in the sorted list when its page is not loaded: a binary search of one-row
pages (about 20 short queries at 1M books), so a book just registered into a big list can be
scrolled to and selected."""

from __future__ import annotations

from typing import Any

from gui.book_model import BookTableModel
from gui.bridge import BookQuery, BookSummary, CatalogueBridge, sort_key


async def locate_row(
    bridge: CatalogueBridge, model: BookTableModel, book: BookSummary
) -> int | None:
    """The row of ``book`` in ``model``'s search and order, or ``None`` if it is not there."""
    shown = model.query
    key = sort_key(shown.sort, book)

    def before(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
        return a > b if shown.descending else a < b

    low, high = 0, model.rowCount()
    while low < high:
        middle = (low + high) // 2
        query = BookQuery(
            search=shown.search,
            sort=shown.sort,
            descending=shown.descending,
            offset=middle,
            limit=1,
        )
        rows = await bridge.list_books(query)
        if model.query != shown:
            return None  # another search or order meanwhile
        if not rows:
            high = middle
        elif rows[0].id == book.id:
            return middle
        elif before(sort_key(shown.sort, rows[0]), key):
            low = middle + 1
        else:
            high = middle
    return None
