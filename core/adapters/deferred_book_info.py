"""A book information source opened on its first use, not when the catalogue opens.

Opening the window's catalogue also opens the Open Library source, whose import (httpx,
httpcore, anyio: about 0.1 s) came before the list's first paint (issue 14). This wrapper
makes the real source, and so that import, wait for the first look-up.
"""

from __future__ import annotations

from collections.abc import Callable

from core.service.book_info import AbstractBookInformation, BookInfo


class DeferredBookInformation(AbstractBookInformation):
    """Delegates to the source ``open_source()`` makes, called on first use."""

    def __init__(self, open_source: Callable[[], AbstractBookInformation]) -> None:
        self._open_source = open_source
        self._source: AbstractBookInformation | None = None
        self._closed = False

    def _opened(self) -> AbstractBookInformation:
        if self._closed:
            raise RuntimeError("the book information source is closed")
        if self._source is None:
            self._source = self._open_source()
        return self._source

    @property
    def name(self) -> str:
        """The real source's name (opening it)."""
        return self._opened().name

    @name.setter
    def name(self, value: str) -> None:
        self._opened().name = value

    async def by_isbn(self, isbn: str) -> BookInfo | None:
        """The real source's answer."""
        return await self._opened().by_isbn(isbn)

    async def cover(self, cover_id: int, size: str = "M") -> bytes | None:
        """The real source's cover."""
        return await self._opened().cover(cover_id, size)

    async def aclose(self) -> None:
        """Close the real source if it was opened."""
        self._closed = True
        if self._source is not None:
            await self._source.aclose()
