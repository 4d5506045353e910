"""An in-memory unit of work, message store and event stream transport.

State lives on the instances (never on classes): a test's books never leak into another's.
An undo log lets a rollback restore the last commit and a step undo one command alone.
"""

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
from core.domain.sources import BookSource
from core.domain.tags import BookTags
from core.service.read_models import AbstractBookListProjection
from core.service.repositories import (
    AbstractEditableBookRepository,
    BookRepositoryError,
    BookRepositoryOperationResult,
    BookRepositoryResult,
)
from core.service.source_repository import AbstractBookSourceRepository
from core.service.tag_repository import AbstractBookTagsRepository
from core.service.uow import AbstractCatalogueUnitOfWork, AbstractStep
from tests.fakes.book_details import InMemoryBookDetailsRepository
from tests.fakes.club import InMemoryMemberRepository, InMemoryRatings, InMemoryReviewRepository
from tests.fakes.loans import InMemoryAvailability, InMemoryCopyRepository, InMemoryLoanRepository

type Undo = list[Callable[[], object]]


class InMemoryMessageStoreRepository(AsyncAbstractMessageStoreRepository):
    """Keeps the messages of committed transactions in ``messages``."""

    def __init__(self, publisher: AsyncEventstreamPublisher | None = None) -> None:
        super().__init__(publisher)
        self.messages: list[Message[Any]] = []
        self.pending: list[Message[Any]] = []

    async def _add(self, message: Message[Any]) -> None:
        self.pending.append(message)

    def mark(self) -> tuple[int, int]:
        """Where the pending messages and the unpublished buffer end now."""
        return len(self.pending), len(self.stream_buffer)

    def undo_to(self, mark: tuple[int, int]) -> None:
        """Forget what was added after ``mark``."""
        del self.pending[mark[0] :]
        del self.stream_buffer[mark[1] :]


class EventstreamTransport(AsyncAbstractEventstreamTransport):
    """Records what was sent to the event stream."""

    def __init__(self) -> None:
        self.events: list[Mapping[str, Any]] = []

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        self.events.append(message)


class InMemoryBookRepository(AbstractEditableBookRepository):
    """Books in dicts; every change is logged in ``undo`` (shared with the unit of work)."""

    def __init__(self, undo: Undo) -> None:
        super().__init__()
        self.books: dict[BookId, Book] = {}
        self.isbns: dict[str, BookId] = {}
        self._undo = undo

    def _holder_of(self, isbn: str) -> Book | None:
        holder = self.isbns.get(isbn)
        return self.books[holder] if holder is not None else None

    def _put(self, book: Book) -> None:
        self.books[book.id] = book
        if book.isbn:  # only a non-empty ISBN is unique
            self.isbns[book.isbn] = book.id

    def _drop(self, book: Book) -> None:
        del self.books[book.id]
        self.isbns.pop(book.isbn, None)

    async def add(self, model: Book) -> BookRepositoryOperationResult:
        if model.id in self.books or (model.isbn and model.isbn in self.isbns):
            return Err(BookRepositoryError.integrity_error)
        self._put(model)
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
        self._drop(previous)
        self._put(model)
        self._undo.append(lambda: (self._drop(model), self._put(previous)))
        self.seen.append(model)
        return Ok(...)

    async def remove(self, model: Book) -> BookRepositoryOperationResult:
        stored = self.books.get(model.id)
        if stored is None:
            return Err(BookRepositoryError.not_found)
        self._drop(stored)
        self._undo.append(partial(self._put, stored))
        self.seen.append(model)
        return Ok(...)


class InMemoryBookTagsRepository(AbstractBookTagsRepository):
    """Tags by book id; every change is logged in ``undo``. The tags of a book removed from
    ``books`` go with it (as the database's ON DELETE CASCADE does)."""

    def __init__(self, undo: Undo, books: InMemoryBookRepository) -> None:
        super().__init__()
        self.tags: dict[BookId, list[str]] = {}
        self._undo = undo
        self._books = books

    async def of(self, book_id: BookId) -> BookTags:
        tags = self.tags.get(book_id, []) if book_id in self._books.books else []
        return BookTags(book_id=book_id, tags=list(tags))

    async def save(self, model: BookTags) -> None:
        previous = self.tags.get(model.book_id)
        self.tags[model.book_id] = list(model.tags)
        self._undo.append(partial(self._restore, model.book_id, previous))
        self.seen.append(model)

    def _restore(self, book_id: BookId, previous: list[str] | None) -> None:
        if previous is None:
            self.tags.pop(book_id, None)
        else:
            self.tags[book_id] = previous


class InMemoryBookSourceRepository(AbstractBookSourceRepository):
    """Links by (source, source id); every change is logged in ``undo``."""

    def __init__(self, undo: Undo) -> None:
        super().__init__()
        self.links: dict[tuple[str, str], BookId] = {}
        self._undo = undo

    async def save(self, model: BookSource) -> None:
        key = (model.source, model.source_id)
        previous = self.links.get(key)
        self.links[key] = model.book_id
        self._undo.append(partial(self._restore, key, previous))
        self.seen.append(model)

    def _restore(self, key: tuple[str, str], previous: BookId | None) -> None:
        if previous is None:
            self.links.pop(key, None)
        else:
            self.links[key] = previous


class InMemoryBookList(AbstractBookListProjection):
    """The list's registration times, by book id."""

    def __init__(self, undo: Undo) -> None:
        self.registered_at: dict[BookId, datetime] = {}
        self._undo = undo

    async def book_registered(self, book_id: BookId, registered_at: datetime) -> None:
        previous = self.registered_at.get(book_id)
        self.registered_at[book_id] = registered_at
        self._undo.append(partial(self._restore, book_id, previous))

    async def registration_time(self, book_id: BookId) -> datetime | None:
        return self.registered_at.get(book_id)

    def _restore(self, book_id: BookId, previous: datetime | None) -> None:
        if previous is None:
            self.registered_at.pop(book_id, None)
        else:
            self.registered_at[book_id] = previous


class InMemoryStep(AbstractStep):
    """Undoes the changes logged since the step began."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow
        self._undo_mark = len(uow.undo)
        self._messages_mark = uow.messagestore.mark()

    async def keep(self) -> None:
        """Nothing to do: the changes stay logged until commit or rollback."""

    async def undo(self) -> None:
        self._uow.undo_to(self._undo_mark)
        self._uow.messagestore.undo_to(self._messages_mark)


class InMemoryUnitOfWork(AbstractCatalogueUnitOfWork):
    """A unit of work whose commit keeps the changes and rollback restores the last commit.

    One instance is one catalogue: reuse it for every transaction of a test.
    """

    def __init__(self, transport: AsyncAbstractEventstreamTransport | None = None) -> None:
        self.undo: Undo = []
        self.books = InMemoryBookRepository(self.undo)
        self.tags = InMemoryBookTagsRepository(self.undo, self.books)
        self.sources = InMemoryBookSourceRepository(self.undo)
        self.book_list = InMemoryBookList(self.undo)
        self.book_details = InMemoryBookDetailsRepository(self.undo)
        self.members = InMemoryMemberRepository(self.undo)
        self.reviews = InMemoryReviewRepository(self.undo)
        self.ratings = InMemoryRatings(self.undo)
        self.copies = InMemoryCopyRepository(self.undo)
        self.loans = InMemoryLoanRepository(self.undo)
        self.availability = InMemoryAvailability()
        self.messagestore = InMemoryMessageStoreRepository(
            publisher=AsyncEventstreamPublisher(transport) if transport else None
        )
        self.commits = 0
        self.rollbacks = 0

    def undo_to(self, mark: int) -> None:
        """Revert the changes logged after ``mark``, newest first."""
        while len(self.undo) > mark:
            self.undo.pop()()

    async def begin_step(self) -> AbstractStep:
        return InMemoryStep(self)

    async def commit(self) -> None:
        self.commits += 1
        self.messagestore.messages.extend(self.messagestore.pending)
        self.messagestore.pending.clear()
        self.undo.clear()

    async def rollback(self) -> None:
        self.rollbacks += 1
        self.messagestore.pending.clear()
        self.undo_to(0)
