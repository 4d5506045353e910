"""Use cases of the Review aggregate: review a book, change or delete a review (and restore
one, for undo); the reviews of a deleted book go with it (:func:`remove_reviews_of`).

The ratings read model follows the events (``core.service.projections.ratings``).
"""

from __future__ import annotations

from datetime import datetime

from core.bus import async_listen
from core.bus.trusted import trusted_message, trusted_model
from core.domain.messages import (
    BookReviewed,
    DeleteReview,
    ImportedReview,
    RestoreReview,
    ReviewBook,
    ReviewDeleted,
    ReviewRestored,
    ReviewState,
    ReviewUpdated,
    UpdateReview,
)
from core.domain.model import BookId
from core.domain.result import Err, Ok
from core.domain.review import Review, ReviewId
from core.service.club_repositories import ClubError, ClubResult
from core.service.handlers.copy import unknown_book
from core.service.handlers.member import unknown_member
from core.service.repositories import BookRepositoryError as Code
from core.service.uow import AbstractCatalogueUnitOfWork


def _unknown_review(review_id: ReviewId) -> Err[ClubError]:
    return Err(ClubError(Code.not_found, f"no review has the id {review_id}"))


async def _current(
    review_id: ReviewId, expected: ReviewState | None, uow: AbstractCatalogueUnitOfWork
) -> Review | Err[ClubError]:
    """The review to change, if it is there and still what ``expected`` says (an undo)."""
    found = await uow.reviews.by_id(review_id)
    if found.is_err():
        return _unknown_review(review_id)
    review = found.unwrap()
    if expected is not None and (review.rate, review.comment) != (expected.rate, expected.comment):
        return Err(ClubError(Code.stale, "the review was changed since"))
    return review


async def add_review(
    review: Review, uow: AbstractCatalogueUnitOfWork, former: bool = False
) -> Err[ClubError] | None:
    """Add ``review`` after checking its member (a former one too, with ``former``) and its
    book, raising nothing (an imported book's review goes in its ``BookImported``); the
    refusal, or ``None``."""
    member = await uow.members.by_id(review.member_id, former=former)
    if member.is_err():
        return unknown_member(review.member_id)
    if not await uow.books.exists(review.book_id):  # no Book built: an import's hot path
        return unknown_book(review.book_id)
    added = await uow.reviews.add(review)
    if added.is_err():
        book = await uow.books.by_id(review.book_id)
        nickname = member.unwrap().nickname
        title = book.unwrap().title if book.is_ok() else str(review.book_id)
        return Err(ClubError(Code.integrity_error, f'{nickname} has reviewed "{title}" already'))
    return None


def checked_review(
    cmd: ReviewBook | ImportedReview, book_id: BookId, written_at: datetime
) -> Review:
    """The review ``cmd`` gives (of ``book_id``, written at ``written_at`` unless ``cmd``
    says when): its fields passed the review's rules as the command's, so they are not
    validated again (``core.bus.trusted``: an import's hot path)."""
    fields = {
        "id": cmd.id,
        "member_id": cmd.member_id,
        "book_id": book_id,
        "rate": cmd.rate,
        "comment": cmd.comment,
        "written_at": cmd.written_at or written_at,
    }
    return trusted_model(Review, fields)


def review_from(cmd: ReviewBook) -> Review:
    """The review ``cmd`` asks for (see :func:`checked_review`)."""
    return checked_review(cmd, cmd.book_id, cmd.created_at)


async def write_review(review: Review, uow: AbstractCatalogueUnitOfWork) -> Err[ClubError] | None:
    """Add a current member's new ``review`` and raise its ``BookReviewed``; the refusal (see
    :func:`review_book`), or ``None``. Also the review an imported book comes with."""
    refused = await add_review(review, uow)
    if refused is None:
        review.messages.append(trusted_message(BookReviewed, _fields(review)))
    return refused


@async_listen
async def review_book(cmd: ReviewBook, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """A current member reviews a book; ``Err(not_found)`` for an unknown member or book,
    ``Err(integrity_error)`` if the member has reviewed it already."""
    return await write_review(review_from(cmd), uow) or Ok(...)


@async_listen
async def update_review(cmd: UpdateReview, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Change a review's rate and comment."""
    old = await _current(cmd.id, cmd.if_unchanged, uow)
    if isinstance(old, Err):
        return old
    review = old.model_copy(update={"rate": cmd.rate, "comment": cmd.comment})
    review.messages = []
    if (await uow.reviews.update(review)).is_err():
        return _unknown_review(cmd.id)
    review.messages.append(
        ReviewUpdated(
            id=review.id,
            member_id=review.member_id,
            book_id=review.book_id,
            rate=review.rate,
            comment=review.comment,
            old_rate=old.rate,
            old_comment=old.comment,
        )
    )
    return Ok(...)


@async_listen
async def delete_review(cmd: DeleteReview, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Remove a review."""
    review = await _current(cmd.id, cmd.if_unchanged, uow)
    if isinstance(review, Err):
        return review
    if (await uow.reviews.remove(review)).is_err():
        return _unknown_review(cmd.id)
    review.messages.append(ReviewDeleted(**_fields(review)))
    return Ok(...)


@async_listen
async def restore_review(cmd: RestoreReview, uow: AbstractCatalogueUnitOfWork) -> ClubResult:
    """Bring a deleted review back as it was, a former member's too."""
    review = Review(
        id=cmd.id,
        member_id=cmd.member_id,
        book_id=cmd.book_id,
        rate=cmd.rate,
        comment=cmd.comment,
        written_at=cmd.written_at or cmd.created_at,
    )
    refused = await add_review(review, uow, former=True)
    if refused is not None:
        return refused
    review.messages.append(ReviewRestored(**_fields(review)))
    return Ok(...)


async def remove_reviews_of(
    book_id: BookId, uow: AbstractCatalogueUnitOfWork
) -> list[ReviewDeleted]:
    """Remove the book's reviews (its deletion); the events to raise, one per review, which
    the caller raises before the book's own so that an undo restores the book first."""
    events = []
    for review in await uow.reviews.of_book(book_id):
        await uow.reviews.remove(review)
        events.append(ReviewDeleted(**_fields(review)))
    return events


def _fields(review: Review) -> dict[str, object]:
    return {
        "id": review.id,
        "member_id": review.member_id,
        "book_id": review.book_id,
        "rate": review.rate,
        "comment": review.comment,
        "written_at": review.written_at,
    }
