"""Fill in missing details, on the in-memory catalogue and the fake book information source:
what is written, in batches, with progress, cancel and a source that cannot answer."""

from __future__ import annotations

import asyncio

import pytest

from core.domain.book_details import DetailsState
from core.domain.messages import BookDetailsChanged, RegisterBook, SetBookDetails
from core.service.book_details import BookDetailsView
from core.service.book_info import (
    OPEN_LIBRARY,
    BookInfo,
    BookInfoUnavailable,
    UnavailableReason,
)
from core.service.catalogue import Catalogue
from core.service.fill_details import DetailsFiller, details_command, found_details
from core.service.undo import undo_commands
from tests.fakes.book_info import FakeBookInformation
from tests.fakes.catalogue import fake_catalogue
from tests.support.isbn import isbn13


def _book(n: int) -> RegisterBook:
    return RegisterBook(title=f"Book {n}", author=f"Author {n}", isbn=isbn13(n))


def _info(n: int) -> BookInfo:
    return BookInfo(
        isbn=isbn13(n),
        title=f"Book {n}",
        subtitle=f"Part {n}",
        publishers=(f"Press {n}", "Other"),
        publish_date="October 1, 1988",
        pages=100 + n,
        cover_id=1000 + n,
    )


BOOKS = [_book(n) for n in range(5)]


@pytest.fixture
async def catalogue() -> Catalogue:
    """An in-memory catalogue holding five books without details."""
    catalogue = fake_catalogue()[0]
    await catalogue.execute_many(BOOKS)
    return catalogue


async def _shown(catalogue: Catalogue, n: int) -> BookDetailsView | None:
    return await catalogue.views.book_details(BOOKS[n].id)


def test_what_the_source_found_becomes_details() -> None:
    """Subtitle, first publisher, the year of the date, pages and cover."""
    assert found_details(_info(1)) == DetailsState(
        subtitle="Part 1", publisher="Press 1", year=1988, pages=101, cover_id=1001
    )


def test_what_cannot_be_a_detail_is_left_out() -> None:
    """No pages below 1, control characters dropped, long text cut, a date without a year."""
    info = BookInfo(
        isbn=isbn13(1), title="T", subtitle="a\x07b" + "x" * 600, pages=0, publish_date="n.d."
    )
    state = found_details(info)
    assert (state.pages, state.year) == (None, None)
    assert state.subtitle.startswith("abx")
    assert len(state.subtitle) == 500


def test_a_book_known_only_by_title_and_author_gives_no_command() -> None:
    """Nothing beyond the seed's fields: nothing to write."""
    assert details_command(BOOKS[0].id, BookInfo(isbn=isbn13(0), title="Book 0")) is None


async def test_every_book_without_details_is_filled_in_batches(catalogue: Catalogue) -> None:
    """Five books in batches of two: five changes from Open Library, one per book."""
    source = FakeBookInformation.knowing(*(_info(n) for n in range(5)))
    report = await DetailsFiller(catalogue, source, batch_size=2).run()
    assert (report.total, report.looked_up, report.filled) == (5, 5, 5)
    assert len(report.events) == 5
    assert all(
        isinstance(e, BookDetailsChanged) and e.source == OPEN_LIBRARY for e in report.events
    )
    shown = await _shown(catalogue, 3)
    assert shown is not None
    assert (shown.publisher, shown.pages, shown.source) == ("Press 3", 103, OPEN_LIBRARY)


async def test_only_the_chosen_books_without_details_are_looked_up(catalogue: Catalogue) -> None:
    """A book with details already is not asked about; unchosen books neither."""
    await catalogue.execute(SetBookDetails(book_id=BOOKS[1].id, pages=12))
    source = FakeBookInformation.knowing(*(_info(n) for n in range(5)))
    report = await DetailsFiller(catalogue, source).run([BOOKS[0].id, BOOKS[1].id])
    assert source.calls == [("by_isbn", isbn13(0))]
    assert report.filled == 1


async def test_unknown_books_and_books_with_nothing_more_are_counted(
    catalogue: Catalogue,
) -> None:
    """Not found, and found with nothing beyond the title: counted, nothing written."""
    source = FakeBookInformation.knowing(_info(0), BookInfo(isbn=isbn13(1), title="Book 1"))
    report = await DetailsFiller(catalogue, source).run()
    assert (report.filled, report.left_alone, report.not_found) == (1, 1, 3)


async def test_progress_is_told_after_each_book(catalogue: Catalogue) -> None:
    """The callback hears the count of books looked up grow to the total."""
    seen: list[tuple[int, int]] = []
    source = FakeBookInformation.knowing(*(_info(n) for n in range(5)))
    await DetailsFiller(catalogue, source, lambda r: seen.append((r.looked_up, r.total))).run()
    assert seen[0] == (0, 5)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (5, 5)


async def test_a_cancel_abandons_the_look_up_and_keeps_the_earlier_ones(
    catalogue: Catalogue,
) -> None:
    """Cancelled while the third book is looked up: the first two are written, no more."""
    source = FakeBookInformation.knowing(*(_info(n) for n in range(5)))
    source.gates[isbn13(2)] = asyncio.Event()  # never set: the third look-up hangs
    filler = DetailsFiller(catalogue, source, batch_size=10)
    running = asyncio.ensure_future(filler.run())
    await source.waiting.wait()
    filler.cancel()
    report = await running
    assert report.cancelled
    assert (report.looked_up, report.filled) == (2, 2)
    assert await _shown(catalogue, 2) is None


async def test_a_source_that_cannot_answer_stops_the_fill_with_its_reason(
    catalogue: Catalogue,
) -> None:
    """Offline: one sentence, nothing written, no further book asked about."""
    source = FakeBookInformation(failure=BookInfoUnavailable(UnavailableReason.OFFLINE))
    report = await DetailsFiller(catalogue, source).run()
    assert report.stopped == "Open Library cannot be reached (offline?)."
    assert (report.filled, len(source.calls)) == (0, 1)


async def test_a_fill_is_undone_like_any_edit(catalogue: Catalogue) -> None:
    """Undoing the fill's events removes the details it wrote."""
    source = FakeBookInformation.knowing(*(_info(n) for n in range(5)))
    report = await DetailsFiller(catalogue, source).run()
    await catalogue.run_many(undo_commands(report.events))
    assert [await _shown(catalogue, n) for n in range(5)] == [None] * 5
