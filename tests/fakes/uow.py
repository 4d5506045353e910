"""An in-memory unit of work, message store and event stream transport."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from core.bus import (
    AsyncAbstractEventstreamTransport,
    AsyncAbstractMessageStoreRepository,
    AsyncEventstreamPublisher,
    Message,
)
from core.domain.model import Book, BookId
from core.domain.result import Err, Ok
from core.service.repositories import (
    AbstractBookRepository,
    BookQuery,
    BookRepositoryError,
    BookRepositoryOperationResult,
    BookRepositoryResult,
    BookSummary,
)
from core.service.uow import AbstractUnitOfWork


class InMemoryMessageStoreRepository(AsyncAbstractMessageStoreRepository):
    """Keeps the messages of committed transactions in ``messages``."""

    def __init__(self, publisher: AsyncEventstreamPublisher | None = None) -> None:
        super().__init__(publisher)
        self.messages: list[Message[Any]] = []
        self.pending: list[Message[Any]] = []

    async def _add(self, message: Message[Any]) -> None:
        self.pending.append(message)


class EventstreamTransport(AsyncAbstractEventstreamTransport):
    """Records what was sent to the event stream."""

    def __init__(self) -> None:
        self.events: list[Mapping[str, Any]] = []

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        self.events.append(message)


def _matches(book: Book, needle: str) -> bool:
    return any(needle in text.casefold() for text in (book.title, book.author, book.isbn))


class InMemoryBookRepository(AbstractBookRepository):
    """Books in dicts, with an undo log so that a rollback restores the last commit."""

    def __init__(self) -> None:
        super().__init__()
        self.books: dict[BookId, Book] = {}
        self.isbns: dict[str, BookId] = {}
        self.registered_at: dict[BookId, datetime] = {}
        self._undo: list[Callable[[], object]] = []

    def _holder_of(self, isbn: str) -> Book | None:
        holder = self.isbns.get(isbn)
        return self.books[holder] if holder is not None else None

    def _put(self, book: Book, registered_at: datetime | None) -> None:
        self.books[book.id] = book
        self.isbns[book.isbn] = book.id
        if registered_at is not None:
            self.registered_at[book.id] = registered_at

    def _drop(self, book: Book) -> datetime | None:
        del self.books[book.id]
        del self.isbns[book.isbn]
        return self.registered_at.pop(book.id, None)

    def forget_undo(self) -> None:
        """The transaction committed: its changes stay."""
        self._undo.clear()

    def undo(self) -> None:
        """The transaction rolled back: revert its changes, newest first."""
        while self._undo:
            self._undo.pop()()

    async def add(
        self, model: Book, registered_at: datetime | None = None
    ) -> BookRepositoryOperationResult:
        if model.id in self.books or model.isbn in self.isbns:
            return Err(BookRepositoryError.integrity_error)
        self._put(model, registered_at)
        self._undo.append(partial(self._drop, model))
        self.seen.append(model)
        return Ok(...)

    async def by_id(self, id: BookId) -> BookRepositoryResult:
        if id not in self.books:
            return Err(BookRepositoryError.not_found)
        return Ok(self.books[id])

    async def by_isbn(self, isbn: str) -> BookRepositoryResult:
        holder = self._holder_of(isbn)
        return Ok(holder) if holder is not None else Err(BookRepositoryError.not_found)

    async def update(self, model: Book) -> BookRepositoryOperationResult:
        previous = self.books.get(model.id)
        if previous is None:
            return Err(BookRepositoryError.not_found)
        holder = self._holder_of(model.isbn)
        if holder is not None and holder.id != model.id:
            return Err(BookRepositoryError.integrity_error)
        registered_at = self._drop(previous)
        self._put(model, registered_at)
        self._undo.append(lambda: self._put(previous, self._drop(model)))
        self.seen.append(model)
        return Ok(...)

    async def remove(self, model: Book) -> BookRepositoryOperationResult:
        stored = self.books.get(model.id)
        if stored is None:
            return Err(BookRepositoryError.not_found)
        registered_at = self._drop(stored)
        self._undo.append(lambda: self._put(stored, registered_at))
        self.seen.append(model)
        return Ok(...)

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        needle = query.search.strip().casefold()
        rows = [
            BookSummary(b.id, b.title, b.author, b.isbn, self.registered_at.get(b.id))
            for b in self.books.values()
            if _matches(b, needle)
        ]
        rows.sort(key=lambda r: r.id, reverse=query.descending)
        rows.sort(key=lambda r: _sort_key(r, query), reverse=query.descending)
        return rows[query.offset : query.offset + query.limit]

    async def count_books(self, search: str = "") -> int:
        needle = search.strip().casefold()
        return sum(1 for b in self.books.values() if _matches(b, needle))


def _sort_key(row: BookSummary, query: BookQuery) -> Any:
    value = getattr(row, query.sort.value)
    return value.casefold() if isinstance(value, str) else (value is not None, value)


class InMemoryUnitOfWork(AbstractUnitOfWork):
    """A unit of work whose commit keeps the books and rollback restores the last commit."""

    def __init__(self, transport: AsyncAbstractEventstreamTransport | None = None) -> None:
        self.books = InMemoryBookRepository()
        self.messagestore = InMemoryMessageStoreRepository(
            publisher=AsyncEventstreamPublisher(transport) if transport else None
        )
        self.commits = 0
        self.rollbacks = 0

    async def commit(self) -> None:
        self.commits += 1
        self.messagestore.messages.extend(self.messagestore.pending)
        self.messagestore.pending.clear()
        self.books.forget_undo()

    async def rollback(self) -> None:
        self.rollbacks += 1
        self.messagestore.pending.clear()
        self.books.undo()
