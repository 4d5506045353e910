"""The ratings read model: each book's tally of reviews and rates, kept from the review
events in the transaction that wrote them (the list's Rating and Reviews columns).

:func:`tally_change` is the one rule of what an event does to a tally; the window applies it
too, to repaint a row without reading it again.
"""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import (
    BookImported,
    BookReviewed,
    ReviewDeleted,
    ReviewRestored,
    ReviewUpdated,
)
from core.domain.model import BookId
from core.service.uow import AbstractCatalogueUnitOfWork

type ReviewEvent = BookReviewed | ReviewRestored | ReviewUpdated | ReviewDeleted
REVIEW_EVENTS = (BookReviewed, ReviewRestored, ReviewUpdated, ReviewDeleted)
"""The events that change a book's ratings tally."""


def tally_change(event: ReviewEvent) -> tuple[BookId, int, int]:
    """The book whose tally ``event`` changes, and what it adds to its count and its sum."""
    if isinstance(event, ReviewUpdated):
        return event.book_id, 0, event.rate - event.old_rate
    if isinstance(event, ReviewDeleted):
        return event.book_id, -1, -event.rate
    return event.book_id, 1, event.rate


def mean_after(rating: float | None, reviews: int, added: int, rates: int) -> float | None:
    """A book's mean rate after a change of its tally (``None`` without reviews)."""
    total = round(rating * reviews) if rating is not None else 0
    count = reviews + added
    return (total + rates) / count if count > 0 else None


@async_listen
async def count_review(event: BookReviewed, uow: AbstractCatalogueUnitOfWork) -> None:
    """A new review adds one to the book's count and its rate to the sum."""
    await uow.ratings.tally(*tally_change(event))


@async_listen
async def count_imported_review(event: BookImported, uow: AbstractCatalogueUnitOfWork) -> None:
    """An imported book's review (in its ``BookImported``) counts as a new review."""
    if event.review is not None:
        await uow.ratings.tally(event.id, 1, event.review.rate)


@async_listen
async def count_restored_review(event: ReviewRestored, uow: AbstractCatalogueUnitOfWork) -> None:
    """A review brought back counts again."""
    await uow.ratings.tally(*tally_change(event))


@async_listen
async def recount_review(event: ReviewUpdated, uow: AbstractCatalogueUnitOfWork) -> None:
    """A changed rate changes the sum."""
    if event.rate != event.old_rate:
        await uow.ratings.tally(*tally_change(event))


@async_listen
async def uncount_review(event: ReviewDeleted, uow: AbstractCatalogueUnitOfWork) -> None:
    """A removed review no longer counts (nothing to do when its book went with it)."""
    await uow.ratings.tally(*tally_change(event))
