"""Where a book came from: the id it has in a file it was imported from (Goodreads' Book Id,
LibraryThing's...). Importing that file again, or a newer export of the same account, finds
the book by it first, so that nothing is added twice."""

from __future__ import annotations

from core.bus import Model

from .model import BookId


class BookSource(Model):
    """Book ``book_id`` is ``source_id`` in files of format ``source`` ("Goodreads"...)."""

    book_id: BookId
    source: str
    source_id: str
