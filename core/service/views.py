"""Read ports: what the screens and the command line show, apart from the write side.

Views return plain dataclasses; the SQL views read them with queries made for the screen
(sorted, filtered and paged in SQL), the in-memory fake from its dicts, both by the rules of
``core.domain.ordering``.
"""

from __future__ import annotations

import abc
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from core.bus import Message, MessageSerializer
from core.domain.model import BookId
from core.domain.ordering import BookSort, Shelf
from core.service.book_details import AbstractBookDetailsViews

from .club_views import AbstractClubViews, MemberSummary, ReviewSummary
from .import_matches import ImportLookup, ImportMatches
from .loan_views import AbstractLoanViews, CopySummary, LoanSummary
from .origin import Origin

__all__ = [
    "AbstractCatalogueViews",
    "BookQuery",
    "BookSort",
    "BookSummary",
    "CopySummary",
    "HistoryEntry",
    "HistoryFilter",
    "LoanSummary",
    "MemberSummary",
    "ReviewSummary",
    "Shelf",
]


@dataclass(frozen=True, slots=True)
class BookQuery:
    """One page of the book list: filter, order and window.

    ``search`` is what the user typed: words that must all occur in the title, author or ISBN,
    ignoring case and accents (``core.domain.ordering.parse_search``); empty matches every book.
    """

    search: str = ""
    sort: BookSort = BookSort.title
    descending: bool = False
    offset: int = 0
    limit: int = 200
    shelf: Shelf = Shelf.all
    """Which books by their copies (``core.domain.ordering.on_shelf``); overdue is judged
    on ``today`` (the local date when ``None``)."""
    today: date | None = None

    def day(self) -> date:
        """The day overdue loans are judged on."""
        return self.today or date.today()


@dataclass(frozen=True, slots=True)
class BookSummary:
    """A row of the book list; ``registered_at`` is its ``BookRegistered`` event's time;
    ``tags`` its tags, sorted as read (``ordering.fold``); ``rating`` the mean of its
    reviews' rates (``None`` without reviews), ``reviews`` their count; ``copies`` how many
    it has, ``available`` how many are not lent, ``due_on`` the earliest due date of its open
    loans and ``borrower`` who has it when one copy is out."""

    id: BookId
    title: str
    author: str
    isbn: str
    registered_at: datetime | None
    tags: tuple[str, ...] = ()
    rating: float | None = None
    reviews: int = 0
    copies: int = 0
    available: int = 0
    due_on: date | None = None
    borrower: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A stored message: when it was created, its type string, metadata and fields, and who
    issued it from which desktop (``None``: unknown, as for messages stored before that was
    kept)."""

    id: UUID
    created_at: datetime
    type: str
    metadata: dict[str, Any]
    payload: dict[str, Any]
    origin: Origin | None = None

    def message(self) -> Message[Any]:
        """The message object again (``LookupError`` if its type is no longer known)."""
        return MessageSerializer().deserialize_message(
            {
                "id": str(self.id),
                "created_at": self.created_at.isoformat(),
                "type": self.type,
                "payload": json.dumps(self.payload),
            }
        )


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """Which stored messages a page of the history shows.

    ``events_only``: what happened (published events), not the commands asking for it;
    ``about``: only messages whose ``id`` or ``book_id`` field is this id (a book's history);
    ``text``: only messages whose fields, or who issued them and where, contain this text,
    ignoring case.
    """

    events_only: bool = False
    about: UUID | None = None
    text: str = ""


class AbstractCatalogueViews(AbstractClubViews, AbstractLoanViews, AbstractBookDetailsViews):
    """The catalogue as the screens read it. Each call reads committed data on its own."""

    @abc.abstractmethod
    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """One page of books matching ``query.search`` in ``query``'s order, ties by id, so
        pages never overlap or skip a book."""

    @abc.abstractmethod
    async def count_books(self, search: str = "", shelf: Shelf = Shelf.all) -> int:
        """How many books match ``search`` (all books when it is empty) and ``shelf``."""

    @abc.abstractmethod
    async def book_by_isbn(self, isbn: str) -> BookSummary | None:
        """The book holding this canonical ISBN-13, or ``None``."""

    @abc.abstractmethod
    async def book_by_id(self, book_id: BookId) -> BookSummary | None:
        """The book with this id, or ``None``."""

    @abc.abstractmethod
    async def tags_in_use(self) -> list[tuple[str, int]]:
        """Every tag some book has (one spelling of it) and how many books have it, sorted
        as read: the list the window filters by."""

    @abc.abstractmethod
    async def match_imported(self, lookup: ImportLookup) -> ImportMatches:
        """The stored books an import's rows name (``core.service.import_matches``)."""

    @abc.abstractmethod
    def stream_books(self, query: BookQuery) -> AsyncIterator[BookSummary]:
        """Every book matching ``query.search`` in ``query``'s order (offset and limit are
        ignored), read in one snapshot: for exports and listings of any size."""

    @abc.abstractmethod
    async def history(
        self,
        offset: int = 0,
        limit: int = 200,
        *,
        filter: HistoryFilter | None = None,
    ) -> list[HistoryEntry]:
        """Stored messages, newest first, one page of those ``filter`` keeps."""
