"""The ratings read model: each book's tally of reviews and rates, kept from the review
events in the transaction that wrote them (the list's Rating and Reviews columns)."""

from __future__ import annotations

from core.bus import async_listen
from core.domain.messages import BookReviewed, ReviewDeleted, ReviewRestored, ReviewUpdated
from core.service.uow import AbstractCatalogueUnitOfWork


@async_listen
async def count_review(event: BookReviewed, uow: AbstractCatalogueUnitOfWork) -> None:
    """A new review adds one to the book's count and its rate to the sum."""
    await uow.ratings.tally(event.book_id, 1, event.rate)


@async_listen
async def count_restored_review(event: ReviewRestored, uow: AbstractCatalogueUnitOfWork) -> None:
    """A review brought back counts again."""
    await uow.ratings.tally(event.book_id, 1, event.rate)


@async_listen
async def recount_review(event: ReviewUpdated, uow: AbstractCatalogueUnitOfWork) -> None:
    """A changed rate changes the sum."""
    if event.rate != event.old_rate:
        await uow.ratings.tally(event.book_id, 0, event.rate - event.old_rate)


@async_listen
async def uncount_review(event: ReviewDeleted, uow: AbstractCatalogueUnitOfWork) -> None:
    """A removed review no longer counts (nothing to do when its book went with it)."""
    await uow.ratings.tally(event.book_id, -1, -event.rate)
