"""An in-memory book information source, for tests of what uses the port (form, CLI, batches)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from core.domain.isbn import canonical_isbn
from core.service.book_info import (
    OPEN_LIBRARY,
    AbstractBookInformation,
    BookInfo,
    BookInfoUnavailable,
)


@dataclass
class FakeBookInformation(AbstractBookInformation):
    """Answers from ``books`` (keyed by ISBN-13 digits) and ``covers`` (keyed by cover id).

    - ``gate``: when set to an ``asyncio.Event``, every answer waits for it, so a test can
      look at the state "look-up in flight" and then ``gate.set()``;
    - ``gates``: the same for one ISBN-13 each; ``waiting`` is set whenever an answer starts
      waiting at a gate (the look-up is then surely in flight);
    - ``failure``: when set, every call raises it (after the gate), like an offline source;
    - ``calls``: what was asked, in order: ``("by_isbn", isbn)``, ``("cover", id, size)``;
    - ``closed``: whether :meth:`aclose` was called.

    Like the real adapter, an invalid ISBN raises ``ValueError`` and is not recorded.
    """

    name: str = OPEN_LIBRARY
    books: dict[str, BookInfo] = field(default_factory=dict)
    covers: dict[int, bytes] = field(default_factory=dict)
    gate: asyncio.Event | None = None
    gates: dict[str, asyncio.Event] = field(default_factory=dict)
    waiting: asyncio.Event = field(default_factory=asyncio.Event)
    failure: BookInfoUnavailable | None = None
    calls: list[tuple[object, ...]] = field(default_factory=list)
    closed: bool = False

    @classmethod
    def knowing(cls, *books: BookInfo) -> FakeBookInformation:
        """A source that knows ``books``."""
        return cls(books={book.isbn: book for book in books})

    async def by_isbn(self, isbn: str) -> BookInfo | None:
        """The known book with this ISBN, or ``None``."""
        isbn13 = canonical_isbn(isbn)
        self.calls.append(("by_isbn", isbn13))
        await self._answer_turn(self.gates.get(isbn13))
        return self.books.get(isbn13)

    async def cover(self, cover_id: int, size: str = "M") -> bytes | None:
        """The known cover's bytes (whatever the size), or ``None``."""
        self.calls.append(("cover", cover_id, size))
        await self._answer_turn()
        return self.covers.get(cover_id)

    async def aclose(self) -> None:
        """Remember that the source was closed."""
        self.closed = True

    async def _answer_turn(self, gate: asyncio.Event | None = None) -> None:
        for each in (self.gate, gate):
            if each is not None and not each.is_set():
                self.waiting.set()
                await each.wait()
        if self.failure is not None:
            raise self.failure
