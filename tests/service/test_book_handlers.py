"""Updating, deleting and versioned registration, driven through the bus on the in-memory fake."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import AsyncMessageBus, Command
from core.domain.messages import (
    BookDeleted,
    BookRegistered,
    BookUpdated,
    CopyState,
    DeleteBook,
    RegisterBook,
    RegisterBookV2,
    UpdateBook,
)
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError
from core.service.views import BookQuery
from tests.fakes.uow import InMemoryUnitOfWork
from tests.fakes.views import InMemoryCatalogueViews

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")
HOBBIT = RegisterBook(title="The Hobbit", author="J. R. R. Tolkien", isbn="9780261102217")


async def _run(bus: AsyncMessageBus[Any], uow: InMemoryUnitOfWork, command: Command) -> Any:
    """Handle one command in its own transaction, committing unless it failed."""
    async with uow as tx:
        result = await bus.handle(command, tx)
        if isinstance(result, Err):
            await tx.rollback()
        else:
            await tx.commit()
    return result


@pytest.fixture
async def catalogue(bus: AsyncMessageBus[Any], uow: InMemoryUnitOfWork) -> InMemoryUnitOfWork:
    """A unit of work whose state was built by replaying Dune and The Hobbit through the bus."""
    for command in (DUNE, HOBBIT):
        await _run(bus, uow, command)
    return uow


async def test_updating_a_book_changes_it_and_publishes_book_updated(
    bus: AsyncMessageBus[Any], catalogue: InMemoryUnitOfWork
) -> None:
    """UpdateBook replaces title, author and ISBN; BookUpdated, stored, says what they were."""
    update = UpdateBook(
        id=DUNE.id, title="Dune Messiah", author="Frank Herbert", isbn="978-0-441-17269-6"
    )
    assert await _run(bus, catalogue, update) == Ok(...)
    book = (await catalogue.books.by_id(DUNE.id)).unwrap()
    assert (book.title, book.isbn) == ("Dune Messiah", "9780441172696")
    assert catalogue.messagestore.messages[-1] == BookUpdated(
        id=DUNE.id,
        title="Dune Messiah",
        author="Frank Herbert",
        isbn="9780441172696",
        old_title="Dune",
        old_author="Frank Herbert",
        old_isbn=DUNE.isbn,
    )


async def test_updating_to_another_books_isbn_is_an_integrity_error(
    bus: AsyncMessageBus[Any], catalogue: InMemoryUnitOfWork
) -> None:
    """A book cannot take the ISBN of another one; nothing changes."""
    update = UpdateBook(id=DUNE.id, title="Dune", author="Frank Herbert", isbn=HOBBIT.isbn)
    assert await _run(bus, catalogue, update) == Err(BookRepositoryError.integrity_error)
    assert (await catalogue.books.by_id(DUNE.id)).unwrap().isbn == DUNE.isbn


async def test_updating_a_deleted_book_is_not_found(
    bus: AsyncMessageBus[Any], catalogue: InMemoryUnitOfWork
) -> None:
    """Editing a book that is gone returns Err(not_found)."""
    await _run(bus, catalogue, DeleteBook(id=DUNE.id))
    update = UpdateBook(id=DUNE.id, title="Dune", author="Frank Herbert", isbn=DUNE.isbn)
    assert await _run(bus, catalogue, update) == Err(BookRepositoryError.not_found)


async def test_deleting_a_book_removes_it_and_publishes_what_it_was(
    bus: AsyncMessageBus[Any], catalogue: InMemoryUnitOfWork
) -> None:
    """BookDeleted carries the removed book and its registration time, for undo."""
    registered_at = catalogue.book_list.registered_at[HOBBIT.id]
    (copy,) = await catalogue.copies.of_book(HOBBIT.id)
    assert await _run(bus, catalogue, DeleteBook(id=HOBBIT.id)) == Ok(...)
    assert (await catalogue.books.by_id(HOBBIT.id)) == Err(BookRepositoryError.not_found)
    assert catalogue.messagestore.messages[-1] == BookDeleted(
        id=HOBBIT.id,
        title=HOBBIT.title,
        author=HOBBIT.author,
        isbn=HOBBIT.isbn,
        registered_at=registered_at,
        copies=(CopyState(id=copy.id, number=1, added_on=copy.added_on),),
    )


async def test_deleting_twice_is_not_found(
    bus: AsyncMessageBus[Any], catalogue: InMemoryUnitOfWork
) -> None:
    """The second DeleteBook of one book returns Err(not_found)."""
    await _run(bus, catalogue, DeleteBook(id=HOBBIT.id))
    assert await _run(bus, catalogue, DeleteBook(id=HOBBIT.id)) == Err(
        BookRepositoryError.not_found
    )


async def test_register_book_v2_is_handled_by_its_own_handler(
    bus: AsyncMessageBus[Any], uow: InMemoryUnitOfWork
) -> None:
    """Both versions of register_book are handled; v2 joins its authors."""
    v2 = RegisterBookV2(
        title="Good Omens", authors=["Terry Pratchett", "Neil Gaiman"], isbn="9780060853983"
    )
    assert await _run(bus, uow, v2) == Ok(...)
    assert (await uow.books.by_id(v2.id)).unwrap().author == "Terry Pratchett, Neil Gaiman"
    assert bus.commands_registry[RegisterBookV2].callback.__name__ == "register_book_v2"
    assert bus.commands_registry[RegisterBook].callback.__name__ == "register_book"


async def test_the_registration_time_is_the_events_creation_time(
    bus: AsyncMessageBus[Any], catalogue: InMemoryUnitOfWork
) -> None:
    """The list shows when a book was registered: the BookRegistered event's created_at."""
    event = next(m for m in catalogue.messagestore.messages if isinstance(m, BookRegistered))
    [row] = await InMemoryCatalogueViews(catalogue).list_books(BookQuery(search="dune"))
    assert row.registered_at == event.created_at


async def test_a_failed_registration_keeps_nothing(
    bus: AsyncMessageBus[Any], catalogue: InMemoryUnitOfWork
) -> None:
    """A duplicate ISBN is rolled back: no new message is stored."""
    stored = len(catalogue.messagestore.messages)
    duplicate = RegisterBook(title="Dune (copy)", author="F. H.", isbn="0-441-01359-7")
    assert await _run(bus, catalogue, duplicate) == Err(BookRepositoryError.integrity_error)
    assert len(catalogue.messagestore.messages) == stored
    assert await InMemoryCatalogueViews(catalogue).count_books() == 2
