"""One behaviour suite for the book list's views (the read port), run on the in-memory fake,
SQLite and PostgreSQL: the same pages, counts and order everywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from lastuuid.dummies import uuidgen

from core.adapters import search as search_module
from core.bus import AsyncMessageBus
from core.domain.messages import DeleteBook, RegisterBook
from core.domain.model import Book
from core.domain.ordering import BookSort, Shelf
from core.domain.result import Ok
from core.service import HANDLER_PACKAGES
from core.service.views import BookQuery, BookSummary, HistoryFilter
from tests.adapters.conftest import Store

LIBRARY = [
    Book(id=uuidgen(14), title="dune", author="Frank Herbert", isbn="9780441172719"),
    Book(id=uuidgen(11), title="Dune", author="frank herbert", isbn="9780593099322"),
    Book(id=uuidgen(12), title="Anathem", author="Neal Stephenson", isbn="9780061474095"),
    Book(id=uuidgen(13), title="beloved", author="Toni Morrison", isbn="9781400033416"),
    Book(id=uuidgen(15), title="Cryptonomicon", author="Neal Stephenson", isbn="9780060512804"),
]
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
REGISTERED = {uuidgen(11): T0, uuidgen(12): T0 + timedelta(days=1), uuidgen(13): T0}


async def _add(store: Store, *books: Book) -> None:
    async with store.new_uow() as tx:
        for book in books:
            assert await tx.books.add(book.model_copy()) == Ok(...)
            if book.id in REGISTERED:
                await tx.book_list.book_registered(book.id, REGISTERED[book.id])
        await tx.commit()


async def _library(store: Store) -> None:
    await _add(store, *LIBRARY)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", list(BookSort))
async def test_the_list_sorts_by_any_column_with_id_breaking_ties(
    store: Store, sort: BookSort, descending: bool
) -> None:
    """Case-insensitive order by the column, then by id; unregistered books first ascending."""
    await _library(store)
    page = await store.views.list_books(BookQuery(sort=sort, descending=descending))
    expected = {
        BookSort.title: [12, 13, 15, 11, 14],
        BookSort.author: [11, 14, 12, 15, 13],
        BookSort.isbn: [15, 12, 14, 11, 13],
        BookSort.registered_at: [14, 15, 11, 13, 12],
        BookSort.rating: [11, 12, 13, 14, 15],  # no reviews: by id alone (tests/club)
        BookSort.reviews: [11, 12, 13, 14, 15],
        BookSort.availability: [11, 12, 13, 14, 15],  # one copy each (tests/club)
    }[sort]
    order = list(reversed(expected)) if descending else expected
    assert [row.id for row in page] == [uuidgen(n) for n in order]


async def test_accented_and_turkish_letters_sort_and_match_as_people_read_them(
    store: Store,
) -> None:
    """ "Émile" sorts between "Dune" and "Xénophon", and IĞDIR finds "Iğdır"."""
    books = [
        Book(id=uuidgen(21), title="Xénophon", author="A", isbn="9780441172719"),
        Book(id=uuidgen(22), title="Émile", author="B", isbn="9780593099322"),
        Book(id=uuidgen(23), title="Dune", author="C", isbn="9780061474095"),
        Book(id=uuidgen(24), title="Iğdır", author="D", isbn="9781400033416"),
    ]
    await _add(store, *books)
    page = await store.views.list_books(BookQuery())
    assert [row.title for row in page] == ["Dune", "Émile", "Iğdır", "Xénophon"]
    found = await store.views.list_books(BookQuery(search="IĞDIR"))
    assert [row.title for row in found] == ["Iğdır"]


async def test_the_list_carries_the_registration_time(store: Store) -> None:
    """A summary holds the book's fields and when it was registered (None if unknown)."""
    await _library(store)
    page = await store.views.list_books(BookQuery(search="anathem"))
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
        ("978-0-441-17271-9", [14]),
        ("0441172717", [14]),
        ("be", [13, 11, 14]),
        ("herbert dune", [11, 14]),
        ("stephenson  crypto", [15]),
        ("x", []),
        ("100%", []),
        ("\x00", []),
        ("dune\x00", [11, 14]),
        ("", [12, 13, 15, 11, 14]),
    ],
)
async def test_the_search_matches_every_word_in_title_author_or_isbn_ignoring_case(
    store: Store, search: str, expected: list[int]
) -> None:
    """Each word may match any part of the title, author or ISBN, in any order; an ISBN in any
    form is its ISBN-13; control characters separate words, and a search of nothing else
    finds nothing."""
    await _library(store)
    page = await store.views.list_books(BookQuery(search=search))
    assert [row.id for row in page] == [uuidgen(n) for n in expected]
    assert await store.views.count_books(search) == len(expected)


@pytest.mark.parametrize(
    "search",
    [
        "NEAL",
        "dUnE",
        "be",
        "9780441",
        "x",
        "neal anathem",
        "neal a",
        "dune 97",
        "dune zz",
        "dune é",
    ],
)
async def test_a_common_needle_gives_the_same_page_as_a_rare_one(
    store: Store, search: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When matches are common the SQL back-ends test rows directly; the page is the same."""
    await _library(store)
    query = BookQuery(search=search, sort=BookSort.registered_at, descending=True)
    rare_plan = await store.views.list_books(query)
    monkeypatch.setattr(search_module, "COMMON_MATCHES", 1)
    assert await store.views.list_books(query) == rare_plan


@pytest.mark.parametrize("sort", [BookSort.title, BookSort.author, BookSort.registered_at])
async def test_a_search_finding_most_books_pages_the_same_by_either_plan(
    store: Store, sort: BookSort, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every book holds "978": a two-row first page walks the sort column's index (a large
    share of the books), later pages collect the matches; pages are those of the plan that
    always collects."""
    await _library(store)
    queries = [BookQuery(search="978", sort=sort, offset=n, limit=2) for n in (0, 2, 4)]
    pages = [await store.views.list_books(query) for query in queries]
    monkeypatch.setattr(search_module, "WALK_COST", 10**9)
    assert pages == [await store.views.list_books(query) for query in queries]
    assert [len(page) for page in pages] == [2, 2, 1]


def test_walking_pays_for_a_large_share_of_the_books_or_many_matches() -> None:
    """A tenth of 100k books walks for a first page, not for the eleventh; one in a hundred
    never; from COMMON_MATCHES on always."""
    assert search_module.walk_pays(9_801, 100_000, 200)
    assert not search_module.walk_pays(9_801, 100_000, 2_200)
    assert not search_module.walk_pays(928, 100_000, 200)
    assert search_module.walk_pays(search_module.COMMON_MATCHES, 10_000_000, 10_000)


@pytest.mark.parametrize("search", ["dune 97", "neal a", "dune zz", "herbert 0441"])
@pytest.mark.parametrize("shelf", [Shelf.all, Shelf.available])
async def test_a_search_whose_indexed_terms_are_common_is_counted_as_a_rare_one(
    store: Store, search: str, shelf: Shelf, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a search that mixes common indexed terms with short ones tests rows directly
    (not through the search index) and counts the same books, on any shelf."""
    await _library(store)
    rare_count = await store.views.count_books(search, shelf)
    monkeypatch.setattr(search_module, "COMMON_MATCHES", 1)
    assert await store.views.count_books(search, shelf) == rare_count
    assert rare_count == len(await store.views.list_books(BookQuery(search=search, shelf=shelf)))


async def test_pages_neither_overlap_nor_skip(store: Store) -> None:
    """Walking the list two rows at a time yields every book exactly once, in order."""
    await _library(store)
    whole = await store.views.list_books(BookQuery(sort=BookSort.author))
    pages = [
        await store.views.list_books(BookQuery(sort=BookSort.author, offset=offset, limit=2))
        for offset in (0, 2, 4, 6)
    ]
    assert [len(page) for page in pages] == [2, 2, 1, 0]
    assert [row for page in pages for row in page] == whole


async def test_counting_counts_all_books_or_the_matching_ones(store: Store) -> None:
    """count_books gives the total, or how many match a search, and follows removals."""
    await _library(store)
    assert await store.views.count_books() == 5
    assert await store.views.count_books("neal") == 2
    assert await store.views.count_books("du") == 2
    async with store.new_uow() as tx:
        assert await tx.books.remove(LIBRARY[0]) == Ok(...)
        await tx.commit()
    assert await store.views.count_books() == 4


async def test_a_stream_lists_every_match_in_order_and_book_by_isbn_finds_one(
    store: Store,
) -> None:
    """stream_books gives what the pages give, all of them; book_by_isbn finds the holder."""
    await _library(store)
    query = BookQuery(search="neal", sort=BookSort.title)
    assert [row async for row in store.views.stream_books(query)] == (
        await store.views.list_books(query)
    )
    holder = await store.views.book_by_isbn("9780061474095")
    assert holder is not None
    assert holder.title == "Anathem"
    assert await store.views.book_by_isbn("9780000000000") is None


async def test_the_history_filters_events_by_book_and_by_text(store: Store) -> None:
    """Events only, one book's messages, or those mentioning a text: the same pages on the
    fake, SQLite and PostgreSQL, newest first."""
    await _history(store)
    views = store.views
    events = await views.history(filter=HistoryFilter(events_only=True))
    assert [entry.type for entry in events] == ["book_deleted_v1"] + ["book_registered_v1"] * 2
    about = await views.history(filter=HistoryFilter(about=LIBRARY[2].id))
    assert {entry.payload["id"] for entry in about} == {str(LIBRARY[2].id)}
    assert [entry.type for entry in about] == [
        "book_deleted_v1",
        "delete_book_v1",
        "book_registered_v1",
        "register_book_v1",
    ]
    found = await views.history(filter=HistoryFilter(events_only=True, text="NEAL"))
    assert [entry.payload["title"] for entry in found] == ["Anathem", "Cryptonomicon", "Anathem"]


async def _history(store: Store) -> None:
    """Register Anathem and Cryptonomicon through the bus, then delete Anathem."""
    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.scan(*HANDLER_PACKAGES)
    for command in (
        RegisterBook(id=LIBRARY[2].id, title="Anathem", author="Neal", isbn=LIBRARY[2].isbn),
        RegisterBook(id=LIBRARY[4].id, title="Cryptonomicon", author="Neal", isbn=LIBRARY[4].isbn),
        DeleteBook(id=LIBRARY[2].id),
    ):
        async with store.new_uow() as tx:
            assert await bus.handle(command, tx) == Ok(...)
            await tx.commit()
