"""Write port of the BookSource aggregate: the ids books have in imported files."""

from __future__ import annotations

import abc

from core.bus import AsyncAbstractRepository
from core.domain.sources import BookSource


class AbstractBookSourceRepository(AsyncAbstractRepository[BookSource]):
    """Links from an id in an imported file to a book, within one transaction. A saved link
    goes to ``seen`` so that the bus collects its events."""

    @abc.abstractmethod
    async def save(self, model: BookSource) -> None:
        """Link ``model.source_id`` of ``model.source`` to ``model.book_id`` (replacing the
        book it named before, if any)."""
