"""One behaviour suite for book repositories, run on the in-memory fake, SQLite and PostgreSQL,
so that the fake cannot drift from the real back-ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from lastuuid.dummies import uuidgen

from core.adapters import search as search_module
from core.domain.model import Book
from core.domain.result import Err, Ok
from core.service.repositories import BookQuery, BookRepositoryError, BookSort, BookSummary
from tests.adapters.conftest import UowFactory

DDD = Book(id=uuidgen(1), title="Domain Driven Design", author="Eric Evans", isbn="0-321-12521-5")
REFACTORING = Book(id=uuidgen(2), title="Refactoring", author="Martin Fowler", isbn="0201485672")
PATTERNS = Book(
    id=uuidgen(3), title="Design Patterns", author="Erich Gamma", isbn="978-0-201-63361-0"
)
LIBRARY = [
    Book(id=uuidgen(14), title="dune", author="Frank Herbert", isbn="9780441172719"),
    Book(id=uuidgen(11), title="Dune", author="frank herbert", isbn="9780593099322"),
    Book(id=uuidgen(12), title="Anathem", author="Neal Stephenson", isbn="9780061474095"),
    Book(id=uuidgen(13), title="beloved", author="Toni Morrison", isbn="9781400033416"),
    Book(id=uuidgen(15), title="Cryptonomicon", author="Neal Stephenson", isbn="9780060512804"),
]
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
REGISTERED = {uuidgen(11): T0, uuidgen(12): T0 + timedelta(days=1), uuidgen(13): T0}


async def _add(new_uow: UowFactory, *books: Book) -> None:
    async with new_uow() as tx:
        for book in books:
            registered_at = REGISTERED.get(book.id)
            assert await tx.books.add(book.model_copy(), registered_at=registered_at) == Ok(...)
        await tx.commit()


async def _library(new_uow: UowFactory) -> None:
    await _add(new_uow, *LIBRARY)


async def _page(new_uow: UowFactory, query: BookQuery) -> list[BookSummary]:
    async with new_uow() as tx:
        page = await tx.books.list_books(query)
        await tx.rollback()
    return page


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


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", list(BookSort))
async def test_the_list_sorts_by_any_column_with_id_breaking_ties(
    new_uow: UowFactory, sort: BookSort, descending: bool
) -> None:
    """Case-insensitive order by the column, then by id; unregistered books first ascending."""
    await _library(new_uow)
    page = await _page(new_uow, BookQuery(sort=sort, descending=descending))
    expected = {
        BookSort.title: [12, 13, 15, 11, 14],
        BookSort.author: [11, 14, 12, 15, 13],
        BookSort.isbn: [15, 12, 14, 11, 13],
        BookSort.registered_at: [14, 15, 11, 13, 12],
    }[sort]
    order = list(reversed(expected)) if descending else expected
    assert [row.id for row in page] == [uuidgen(n) for n in order]


async def test_the_list_carries_the_registration_time(new_uow: UowFactory) -> None:
    """A summary holds the book's fields and when it was registered (None if unknown)."""
    await _library(new_uow)
    page = await _page(new_uow, BookQuery(search="anathem"))
    assert page == [
        BookSummary(uuidgen(12), "Anathem", "Neal Stephenson", "9780061474095", T0 + timedelta(1))
    ]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("NEAL", [12, 15]),
        ("  stephenson ", [12, 15]),
        ("dUnE", [11, 14]),
        ("9780441", [14]),
        ("be", [13, 11, 14]),
        ("x", []),
        ("100%", []),
        ("", [12, 13, 15, 11, 14]),
    ],
)
async def test_the_search_matches_title_author_or_isbn_ignoring_case(
    new_uow: UowFactory, search: str, expected: list[int]
) -> None:
    """Any part of the title, author or ISBN matches, whatever its case; short needles too."""
    await _library(new_uow)
    page = await _page(new_uow, BookQuery(search=search))
    assert [row.id for row in page] == [uuidgen(n) for n in expected]


@pytest.mark.parametrize("search", ["NEAL", "dUnE", "be", "9780441", "x"])
async def test_a_common_needle_gives_the_same_page_as_a_rare_one(
    new_uow: UowFactory, search: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When matches are common the SQL back-ends test rows directly; the page is the same."""
    await _library(new_uow)
    query = BookQuery(search=search, sort=BookSort.registered_at, descending=True)
    rare_plan = await _page(new_uow, query)
    monkeypatch.setattr(search_module, "COMMON_MATCHES", 1)
    assert await _page(new_uow, query) == rare_plan


async def test_pages_neither_overlap_nor_skip(new_uow: UowFactory) -> None:
    """Walking the list two rows at a time yields every book exactly once, in order."""
    await _library(new_uow)
    whole = await _page(new_uow, BookQuery(sort=BookSort.author))
    pages = [
        await _page(new_uow, BookQuery(sort=BookSort.author, offset=offset, limit=2))
        for offset in (0, 2, 4, 6)
    ]
    assert [len(page) for page in pages] == [2, 2, 1, 0]
    assert [row for page in pages for row in page] == whole


async def test_counting_counts_all_books_or_the_matching_ones(new_uow: UowFactory) -> None:
    """count_books gives the total, or how many match a search, and follows removals."""
    await _library(new_uow)
    async with new_uow() as tx:
        assert await tx.books.count_books() == 5
        assert await tx.books.count_books("neal") == 2
        assert await tx.books.count_books("du") == 2
        assert await tx.books.remove(LIBRARY[0]) == Ok(...)
        assert await tx.books.count_books() == 4
        await tx.commit()
