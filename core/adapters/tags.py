"""The SQL BookTags repository: a book's tags are its rows in ``book_tags``.

The tags of a book registered in the same transaction (an import's batch) are buffered with
it and written at commit with the other new rows; the tags of a stored book are replaced by
statements that write through.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.domain.model import BookId
from core.domain.ordering import SEARCH_SEPARATOR
from core.domain.tags import BookTags, distinct_tags, tag_key
from core.service.tag_repository import AbstractBookTagsRepository

from .rows import BOOK_TAG_COLUMNS, raw_uuid
from .tables import BOOK_TAGS, BOOKS
from .writes import SqlWrites, insert_rows


class SqlBookTagsRepository(AbstractBookTagsRepository):
    """Tags within one transaction (:class:`SqlWrites`)."""

    def __init__(self, writes: SqlWrites) -> None:
        super().__init__()
        self.writes = writes
        self._buffered: set[BookId] = set()
        """New books whose tags were buffered (a hint: when stale, the database is asked)."""

    def _untagged_new_book(self, book_id: BookId) -> bool:
        return book_id in self.writes.new_books and book_id not in self._buffered

    async def of(self, book_id: BookId) -> BookTags:
        """The book's tags; a book this transaction added and did not tag has none."""
        if self._untagged_new_book(book_id):
            return BookTags.model_construct(book_id=book_id, tags=[])
        await self.writes.before_write()
        query = sa.select(BOOK_TAGS.c.tag).where(BOOK_TAGS.c.book_id == book_id)
        tags = (await self.writes.session.execute(query)).scalars().all()
        return BookTags.model_construct(book_id=book_id, tags=distinct_tags(tags))

    async def save(self, model: BookTags) -> None:
        """Replace the book's rows with one row per tag."""
        writes, book_id = self.writes, model.book_id
        raw_id = raw_uuid(writes.dialect, book_id)
        rows = [(raw_id, tag, tag_key(tag)) for tag in model.tags]
        self.seen.append(model)
        if self._untagged_new_book(book_id):
            writes.add_rows("book_tags", rows)
            self._buffered.add(book_id)
            return
        await writes.before_write()
        await writes.session.execute(sa.delete(BOOK_TAGS).where(BOOK_TAGS.c.book_id == book_id))
        await insert_rows(writes.session, writes.dialect, "book_tags", BOOK_TAG_COLUMNS, rows)


def tags_column(dialect: str) -> sa.ScalarSelect[Any]:
    """A column of a query on ``books``: the book's tags joined by ``SEARCH_SEPARATOR``
    (``NULL`` when it has none); :func:`listed_tags` splits it."""
    if dialect == "postgresql":
        joined = sa.func.string_agg(BOOK_TAGS.c.tag, SEARCH_SEPARATOR)
    else:
        joined = sa.func.group_concat(BOOK_TAGS.c.tag, SEARCH_SEPARATOR)
    return sa.select(joined).where(BOOK_TAGS.c.book_id == BOOKS.c.id).scalar_subquery()


def listed_tags(joined: str | None) -> tuple[str, ...]:
    """The tags of a :func:`tags_column` value, sorted as read."""
    return tuple(distinct_tags(joined.split(SEARCH_SEPARATOR))) if joined else ()
