"""Write port of the BookTags aggregate: read a book's tags, replace them."""

from __future__ import annotations

import abc

from core.bus import AsyncAbstractRepository
from core.domain.model import BookId
from core.domain.tags import BookTags


class AbstractBookTagsRepository(AsyncAbstractRepository[BookTags]):
    """The tags of the books, within one transaction (sees its earlier writes). A saved
    aggregate goes to ``seen`` so that the bus collects its events."""

    @abc.abstractmethod
    async def of(self, book_id: BookId) -> BookTags:
        """The book's tags (none for a book without tags, or an unknown one)."""

    @abc.abstractmethod
    async def save(self, model: BookTags) -> None:
        """Replace the book's tags with ``model.tags``."""
