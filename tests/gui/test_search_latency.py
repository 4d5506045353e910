"""A search shows its first page before its count: the count only grows the list later."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Coroutine
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal

from core.domain.messages import BookRegistered
from core.domain.ordering import Shelf, matches, parse_search, sort_key
from core.service.views import BookQuery, BookSummary
from gui.book_model import PAGE_SIZE, BookTableModel
from tests.gui.conftest import next_emission, wait_for_signal, wait_until

MATCHING = PAGE_SIZE * 2 + 50


class HeldCountBridge(QObject):
    """A fake bridge over a list of books whose filtered counts wait for :attr:`release`."""

    book_registered = Signal(object)
    book_updated = Signal(object)
    book_deleted = Signal(object)
    review_changed = Signal(object)
    book_tags_changed = Signal(object)
    shelf_changed = Signal(object)
    member_changed = Signal(object)

    def __init__(self, books: list[BookSummary]) -> None:
        super().__init__()
        self.books = books
        self.release = asyncio.Event()
        self.counts_asked: list[str] = []
        self.counts_cancelled: list[str] = []
        self.tasks: set[asyncio.Task[Any]] = set()
        self.closed = False  # the window is not closing

    def spawn[T](self, coroutine: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run ``coroutine`` as a task kept alive until it ends."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def read[T](self, coroutine: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """A read: run as :meth:`spawn` (this fake never closes)."""
        return self.spawn(coroutine)

    def _matching(self, search: str) -> list[BookSummary]:
        parsed = parse_search(search)
        return [b for b in self.books if matches(parsed, b.title, b.author, b.isbn)]

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """One page, filtered and sorted as SQL would; answered at once."""
        rows = sorted(
            self._matching(query.search),
            key=lambda b: sort_key(query.sort, b),
            reverse=query.descending,
        )
        return rows[query.offset : query.offset + query.limit]

    async def count_books(self, search: str = "", shelf: Shelf = Shelf.all) -> int:
        """All books at once; a search's count once :attr:`release` is set (read then). Every
        book of the fake is on the shelf (no loans)."""
        assert shelf in (Shelf.all, Shelf.available)
        if search.strip():
            self.counts_asked.append(search)
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.counts_cancelled.append(search)
                raise
        return len(self._matching(search))


def book(title: str) -> BookSummary:
    """A book of the fake catalogue."""
    return BookSummary(uuid.uuid4(), title, "Author", "9780000000002", None)


@pytest.fixture
async def fake(qasync_loop: Any) -> Any:
    """A held-count bridge with ``MATCHING`` books titled "Book …" and 50 others."""
    books = [book(f"Book {n:04}") for n in range(MATCHING)]
    bridge = HeldCountBridge(books + [book(f"Other {n:02}") for n in range(50)])
    yield bridge
    bridge.release.set()
    await wait_until(lambda: not bridge.tasks)


async def loaded_model(fake: HeldCountBridge) -> BookTableModel:
    """A model that has shown every book (no search: nothing to count)."""
    model = BookTableModel(fake)  # type: ignore[arg-type] - a fake with the bridge's API
    counted = next_emission(model.counts_changed)
    model.refresh()
    await wait_for_signal(counted)
    return model


async def test_a_search_shows_its_first_page_before_its_count_arrives(fake):
    """The first page is in the model while the count waits; the count then grows the list
    and the counts signal carries it."""
    model = await loaded_model(fake)
    fake.release.clear()
    shown, counted = next_emission(model.refreshed), next_emission(model.counts_changed)

    model.set_search("book")
    await wait_for_signal(shown)

    assert fake.counts_asked == ["book"]
    assert model.rowCount() == PAGE_SIZE
    assert model.index(0, 0).data() == "Book 0000"
    assert not counted.done()
    inserted = next_emission(model.rowsInserted)
    fake.release.set()
    assert await wait_for_signal(counted) == (MATCHING, MATCHING + 50)
    assert (await inserted)[1:] == (PAGE_SIZE, MATCHING - 1)
    assert model.rowCount() == MATCHING


async def test_a_short_first_page_is_the_whole_result_and_needs_no_count(fake):
    """A first page shorter than a page is the exact count: shown and counted at once."""
    model = await loaded_model(fake)
    fake.release.clear()
    counted = next_emission(model.counts_changed)

    model.set_search("other")

    assert await wait_for_signal(counted) == (50, MATCHING + 50)
    assert model.rowCount() == 50
    assert fake.counts_asked == []


async def test_the_count_of_a_superseded_search_is_dropped(fake):
    """A count that arrives after the search changed does not resize the new result."""
    model = await loaded_model(fake)
    fake.release.clear()
    shown = next_emission(model.refreshed)
    model.set_search("o")  # every book: MATCHING + 50
    await wait_for_signal(shown)
    shown = next_emission(model.refreshed)
    model.set_search("book")
    await wait_for_signal(shown)
    counts: list[tuple[int, int]] = []
    model.counts_changed.connect(lambda count, total: counts.append((count, total)))

    fake.release.set()
    await wait_until(lambda: not fake.tasks)

    assert fake.counts_asked == ["o", "book"]
    assert counts == [(MATCHING, MATCHING + 50)]
    assert model.rowCount() == MATCHING


async def test_a_new_search_cancels_the_reads_of_the_one_typed_past(fake):
    """Typing on stops the previous search's count (SQLite then stops its statement): a scan
    of every row for one letter does not hold up the next keystroke."""
    model = await loaded_model(fake)
    fake.release.clear()
    shown = next_emission(model.refreshed)
    model.set_search("o")
    await wait_for_signal(shown)
    assert fake.counts_asked == ["o"]

    shown = next_emission(model.refreshed)
    model.set_search("other")
    await wait_for_signal(shown)

    assert fake.counts_cancelled == ["o"]
    assert model.rowCount() == 50


async def test_a_book_registered_while_counting_is_counted_again(fake):
    """A row inserted while the count is on its way makes that count stale: the model
    counts again and ends with the new book included."""
    model = await loaded_model(fake)
    fake.release.clear()
    shown = next_emission(model.refreshed)
    model.set_search("book")
    await wait_for_signal(shown)
    new = book("Book 0000a")
    fake.books.append(new)
    event = BookRegistered(id=new.id, title=new.title, author=new.author, isbn=new.isbn)
    fake.book_registered.emit(event)
    assert model.rowCount() == PAGE_SIZE + 1
    assert model.index(1, 0).data() == "Book 0000a"

    counted = next_emission(model.counts_changed)
    fake.release.set()
    await wait_until(lambda: not fake.tasks)

    assert fake.counts_asked == ["book", "book"]
    assert model.rowCount() == MATCHING + 1
    assert counted.done()
