"""One behaviour suite for the book repository (the write port), run on the in-memory fake,
SQLite and PostgreSQL, so that the fake cannot drift from the real back-ends."""

from __future__ import annotations

from lastuuid.dummies import uuidgen

from core.domain.model import Book
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError
from tests.adapters.conftest import UowFactory

DDD = Book(id=uuidgen(1), title="Domain Driven Design", author="Eric Evans", isbn="0-321-12521-5")
REFACTORING = Book(id=uuidgen(2), title="Refactoring", author="Martin Fowler", isbn="0201485672")
PATTERNS = Book(
    id=uuidgen(3), title="Design Patterns", author="Erich Gamma", isbn="978-0-201-63361-0"
)


async def _add(new_uow: UowFactory, *books: Book) -> None:
    async with new_uow() as tx:
        for book in books:
            assert await tx.books.add(book.model_copy()) == Ok(...)
        await tx.commit()


async def test_an_added_book_is_found_by_id_and_by_isbn(new_uow: UowFactory) -> None:
    """A committed book reads back equal, by id and by its ISBN-13."""
    await _add(new_uow, DDD)
    async with new_uow() as tx:
        assert await tx.books.by_id(DDD.id) == Ok(DDD)
        assert await tx.books.by_isbn("9780321125217") == Ok(DDD)
        await tx.rollback()


async def test_adding_a_taken_isbn_is_an_integrity_error(new_uow: UowFactory) -> None:
    """A second book with the same ISBN is refused and the first one is kept."""
    await _add(new_uow, DDD)
    other = Book(id=uuidgen(9), title="Other", author="Someone", isbn="9780321125217")
    async with new_uow() as tx:
        assert await tx.books.add(other) == Err(BookRepositoryError.integrity_error)
        await tx.commit()
    async with new_uow() as tx:
        assert await tx.books.by_isbn("9780321125217") == Ok(DDD)
        assert await tx.books.by_id(uuidgen(9)) == Err(BookRepositoryError.not_found)
        await tx.rollback()


async def test_adding_a_taken_id_is_an_integrity_error(new_uow: UowFactory) -> None:
    """A second book with the same id is refused."""
    await _add(new_uow, DDD)
    same_id = REFACTORING.model_copy(update={"id": DDD.id})
    async with new_uow() as tx:
        assert await tx.books.add(same_id) == Err(BookRepositoryError.integrity_error)
        await tx.rollback()


async def test_a_refused_add_leaves_the_transaction_usable(new_uow: UowFactory) -> None:
    """After an integrity error the same transaction still adds and commits another book."""
    await _add(new_uow, DDD)
    async with new_uow() as tx:
        assert await tx.books.add(DDD.model_copy()) == Err(BookRepositoryError.integrity_error)
        assert await tx.books.add(REFACTORING.model_copy()) == Ok(...)
        await tx.commit()
    async with new_uow() as tx:
        assert await tx.books.by_id(REFACTORING.id) == Ok(REFACTORING)
        await tx.rollback()


async def test_unknown_ids_and_isbns_are_not_found(new_uow: UowFactory) -> None:
    """Reading a book that is not there is Err(not_found), not an exception."""
    async with new_uow() as tx:
        assert await tx.books.by_id(uuidgen(99)) == Err(BookRepositoryError.not_found)
        assert await tx.books.by_isbn("9780321125217") == Err(BookRepositoryError.not_found)
        await tx.rollback()


async def test_updating_a_book_replaces_its_fields(new_uow: UowFactory) -> None:
    """An update changes title, author and ISBN; the old ISBN no longer finds it."""
    await _add(new_uow, DDD)
    changed = Book(id=DDD.id, title="DDD", author="E. Evans", isbn="0201485672")
    async with new_uow() as tx:
        assert await tx.books.update(changed) == Ok(...)
        await tx.commit()
    async with new_uow() as tx:
        assert await tx.books.by_id(DDD.id) == Ok(changed)
        assert await tx.books.by_isbn(DDD.isbn) == Err(BookRepositoryError.not_found)
        await tx.rollback()


async def test_updating_to_a_taken_isbn_is_an_integrity_error(new_uow: UowFactory) -> None:
    """Taking another book's ISBN is refused, both books stay as they were, and the
    transaction goes on."""
    await _add(new_uow, DDD, REFACTORING)
    clash = DDD.model_copy(update={"isbn": REFACTORING.isbn})
    async with new_uow() as tx:
        assert await tx.books.update(clash) == Err(BookRepositoryError.integrity_error)
        assert await tx.books.add(PATTERNS.model_copy()) == Ok(...)
        await tx.commit()
    async with new_uow() as tx:
        assert await tx.books.by_id(DDD.id) == Ok(DDD)
        assert await tx.books.by_id(REFACTORING.id) == Ok(REFACTORING)
        assert await tx.books.by_id(PATTERNS.id) == Ok(PATTERNS)
        await tx.rollback()


async def test_updating_an_unknown_book_is_not_found(new_uow: UowFactory) -> None:
    """An update of a book that is not there is Err(not_found)."""
    async with new_uow() as tx:
        assert await tx.books.update(DDD) == Err(BookRepositoryError.not_found)
        await tx.rollback()


async def test_a_removed_book_is_gone(new_uow: UowFactory) -> None:
    """After removal neither its id nor its ISBN finds it, and removing again is not_found."""
    await _add(new_uow, DDD)
    async with new_uow() as tx:
        assert await tx.books.remove(DDD) == Ok(...)
        await tx.commit()
    async with new_uow() as tx:
        assert await tx.books.by_id(DDD.id) == Err(BookRepositoryError.not_found)
        assert await tx.books.by_isbn(DDD.isbn) == Err(BookRepositoryError.not_found)
        assert await tx.books.remove(DDD) == Err(BookRepositoryError.not_found)
        await tx.rollback()


async def test_written_books_are_seen_and_refused_ones_are_not(new_uow: UowFactory) -> None:
    """add, update and remove put the model in ``seen``; a refused write does not."""
    added, updated = DDD.model_copy(), DDD.model_copy(update={"title": "DDD"})
    async with new_uow() as tx:
        await tx.books.add(added)
        await tx.books.add(DDD.model_copy())
        await tx.books.update(updated)
        await tx.books.remove(updated)
        assert list(tx.books.seen) == [added, updated, updated]
        await tx.rollback()


async def test_a_book_added_in_the_transaction_is_found_before_commit(
    new_uow: UowFactory,
) -> None:
    """What a transaction added is found by id and ISBN, updated and removed within it."""
    async with new_uow() as tx:
        assert await tx.books.add(DDD.model_copy()) == Ok(...)
        assert await tx.books.by_id(DDD.id) == Ok(DDD)
        assert await tx.books.by_isbn(DDD.isbn) == Ok(DDD)
        changed = DDD.model_copy(update={"title": "DDD"})
        assert await tx.books.update(changed) == Ok(...)
        assert await tx.books.by_id(DDD.id) == Ok(changed)
        assert await tx.books.remove(changed) == Ok(...)
        assert await tx.books.by_id(DDD.id) == Err(BookRepositoryError.not_found)
        await tx.commit()


async def test_expected_books_are_decided_as_without_the_hint(new_uow: UowFactory) -> None:
    """After ``expect``, adds give the answers they give without it: stored and repeated keys
    are taken, the others are not."""
    await _add(new_uow, DDD)
    async with new_uow() as tx:
        keys = [(b.id, b.isbn) for b in (DDD, REFACTORING, PATTERNS)]
        await tx.books.expect(keys)
        assert await tx.books.add(DDD.model_copy()) == Err(BookRepositoryError.integrity_error)
        assert await tx.books.add(REFACTORING.model_copy()) == Ok(...)
        repeat = REFACTORING.model_copy(update={"id": uuidgen(7)})
        assert await tx.books.add(repeat) == Err(BookRepositoryError.integrity_error)
        await tx.commit()
    async with new_uow() as tx:
        assert await tx.books.by_id(REFACTORING.id) == Ok(REFACTORING)
        await tx.rollback()


OLD_BOOK = Book(id=uuidgen(11), title="Beowulf", author="Anonymous", isbn="")
SELF_PUBLISHED = Book(id=uuidgen(12), title="My Poems", author="Me", isbn="")


async def test_books_without_an_isbn_do_not_clash(new_uow: UowFactory) -> None:
    """Several books without an ISBN are kept, in one transaction, in others, and hinted."""
    async with new_uow() as tx:
        await tx.books.expect([(OLD_BOOK.id, ""), (SELF_PUBLISHED.id, "")])
        assert await tx.books.add(OLD_BOOK.model_copy()) == Ok(...)
        assert await tx.books.add(SELF_PUBLISHED.model_copy()) == Ok(...)
        await tx.commit()
    third = Book(id=uuidgen(13), title="Beowulf", author="Anonymous", isbn="")
    async with new_uow() as tx:
        assert await tx.books.add(third) == Ok(...)
        assert await tx.books.by_isbn("") == Err(BookRepositoryError.not_found)
        await tx.commit()
    async with new_uow() as tx:
        for book in (OLD_BOOK, SELF_PUBLISHED, third):
            assert await tx.books.by_id(book.id) == Ok(book)
        await tx.rollback()


async def test_an_isbn_given_is_still_unique_beside_books_without_one(
    new_uow: UowFactory,
) -> None:
    """Removing an ISBN is allowed twice over; giving one that is taken is still refused."""
    await _add(new_uow, DDD, REFACTORING, OLD_BOOK)
    async with new_uow() as tx:
        assert await tx.books.update(DDD.model_copy(update={"isbn": ""})) == Ok(...)
        assert await tx.books.update(REFACTORING.model_copy(update={"isbn": ""})) == Ok(...)
        taken = OLD_BOOK.model_copy(update={"isbn": PATTERNS.isbn})
        assert await tx.books.add(PATTERNS.model_copy()) == Ok(...)
        assert await tx.books.update(taken) == Err(BookRepositoryError.integrity_error)
        await tx.commit()
