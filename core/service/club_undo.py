"""The inverses of the club's events (members and reviews), registered with
:func:`core.service.undo.inverse_of`; imported by ``core.service.undo``."""

from __future__ import annotations

from core.domain.messages import (
    BookReviewed,
    DeleteReview,
    MemberRegistered,
    MemberRemoved,
    MemberRestored,
    MemberState,
    MemberUpdated,
    RemoveMember,
    RestoreMember,
    RestoreReview,
    ReviewDeleted,
    ReviewRestored,
    ReviewState,
    ReviewUpdated,
    UpdateMember,
    UpdateReview,
)
from core.service.undo import Command, inverse_of


@inverse_of(MemberRegistered)
def _unregister_member(event: MemberRegistered) -> list[Command]:
    state = MemberState(nickname=event.nickname, email=event.email)
    return [RemoveMember(id=event.id, if_unchanged=state)]


@inverse_of(MemberRestored)
def _unrestore_member(event: MemberRestored) -> list[Command]:
    state = MemberState(nickname=event.nickname, email=event.email)
    return [RemoveMember(id=event.id, if_unchanged=state)]


@inverse_of(MemberUpdated)
def _unedit_member(event: MemberUpdated) -> list[Command]:
    return [
        UpdateMember(
            id=event.id,
            nickname=event.old_nickname,
            email=event.old_email,
            if_unchanged=MemberState(nickname=event.nickname, email=event.email),
        )
    ]


@inverse_of(MemberRemoved)
def _unremove_member(event: MemberRemoved) -> list[Command]:
    return [RestoreMember(id=event.id)]


def _review_state(event: BookReviewed | ReviewRestored | ReviewUpdated) -> ReviewState:
    return ReviewState(rate=event.rate, comment=event.comment)


@inverse_of(BookReviewed)
def _unreview(event: BookReviewed) -> list[Command]:
    return [DeleteReview(id=event.id, if_unchanged=_review_state(event))]


@inverse_of(ReviewRestored)
def _unrestore_review(event: ReviewRestored) -> list[Command]:
    return [DeleteReview(id=event.id, if_unchanged=_review_state(event))]


@inverse_of(ReviewUpdated)
def _unedit_review(event: ReviewUpdated) -> list[Command]:
    return [
        UpdateReview(
            id=event.id,
            rate=event.old_rate,
            comment=event.old_comment,
            if_unchanged=_review_state(event),
        )
    ]


@inverse_of(ReviewDeleted)
def _undelete_review(event: ReviewDeleted) -> list[Command]:
    return [
        RestoreReview(
            id=event.id,
            member_id=event.member_id,
            book_id=event.book_id,
            rate=event.rate,
            comment=event.comment,
            written_at=event.written_at,
        )
    ]
