"""Undo of every member and review command, through the bus on every back-end: each is
reverted by commands made from its events, and a change made since is never overwritten."""

from __future__ import annotations

from typing import Any

from core.bootstrap import Catalogue
from core.bus import Message
from core.domain.messages import (
    DeleteReview,
    RegisterMember,
    RemoveMember,
    ReviewBook,
    UpdateMember,
    UpdateReview,
)
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError as Code
from core.service.undo import undo_commands
from tests.club.conftest import ALICE, DUNE


async def _undo(catalogue: Catalogue, events: list[Message[Any]]) -> tuple[list[Any], list[Any]]:
    outcome = await catalogue.run_many(undo_commands(events))
    return list(outcome.result), outcome.events


async def _nicknames(catalogue: Catalogue) -> list[str]:
    return [member.nickname for member in await catalogue.views.members()]


async def _reviews(catalogue: Catalogue) -> list[tuple[int, str]]:
    return [(r.rate, r.comment) for r in await catalogue.views.reviews()]


async def test_member_commands_are_undone_and_redone(club: Catalogue) -> None:
    """Register, rename and remove, each undone then redone."""
    registered = await club.run(RegisterMember(nickname="Ann"))
    results, undone = await _undo(club, registered.events)
    assert results == [Ok(...)]
    assert await _nicknames(club) == []
    assert (await _undo(club, undone))[0] == [Ok(...)]
    assert await _nicknames(club) == ["Ann"]
    member_id = registered.events[0].id  # type: ignore[attr-defined]
    renamed = await club.run(UpdateMember(id=member_id, nickname="Annie"))
    assert (await _undo(club, renamed.events))[0] == [Ok(...)]
    assert await _nicknames(club) == ["Ann"]
    removed = await club.run(RemoveMember(id=member_id))
    results, undone = await _undo(club, removed.events)
    assert results == [Ok(...)]
    assert await _nicknames(club) == ["Ann"]
    assert (await _undo(club, undone))[0] == [Ok(...)]
    assert await _nicknames(club) == []


async def test_undoing_a_removal_is_refused_when_the_nickname_was_taken(club: Catalogue) -> None:
    """Ann leaves, a new ann joins: bringing the first back is Err(integrity_error)."""
    first = RegisterMember(nickname="Ann")
    assert await club.execute(first) == Ok(...)
    removed = await club.run(RemoveMember(id=first.id))
    assert await club.execute(RegisterMember(nickname="ann")) == Ok(...)
    (result,), _ = await _undo(club, removed.events)
    assert isinstance(result, Err)
    assert result.error.code is Code.integrity_error


async def test_review_commands_are_undone_and_redone(stocked: Catalogue) -> None:
    """Review, change and delete, each undone; the rating follows."""
    review = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=6, comment="ok")
    reviewed = await stocked.run(review)
    results, undone = await _undo(stocked, reviewed.events)
    assert results == [Ok(...)]
    assert await _reviews(stocked) == []
    assert (await _undo(stocked, undone))[0] == [Ok(...)]
    assert await _reviews(stocked) == [(6, "ok")]
    changed = await stocked.run(UpdateReview(id=review.id, rate=9, comment="great"))
    assert (await _undo(stocked, changed.events))[0] == [Ok(...)]
    assert await _reviews(stocked) == [(6, "ok")]
    deleted = await stocked.run(DeleteReview(id=review.id))
    assert (await _undo(stocked, deleted.events))[0] == [Ok(...)]
    assert await _reviews(stocked) == [(6, "ok")]
    (book,) = [b for b in await stocked.views.reviews() if b.book_id == DUNE.id]
    assert book.written_at == review.created_at


async def test_undo_of_a_review_changed_since_is_refused(stocked: Catalogue) -> None:
    """A review undone after it was edited elsewhere: Err(stale), the edit stays."""
    review = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=6)
    reviewed = await stocked.run(review)
    assert await stocked.execute(UpdateReview(id=review.id, rate=2)) == Ok(...)
    (result,), _ = await _undo(stocked, reviewed.events)
    assert isinstance(result, Err)
    assert result.error.code is Code.stale
    assert await _reviews(stocked) == [(2, "")]


async def test_a_former_members_deleted_review_comes_back(stocked: Catalogue) -> None:
    """Alice left; deleting her review and undoing it brings it back, still hers."""
    review = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=6)
    assert await stocked.execute(review) == Ok(...)
    assert await stocked.execute(RemoveMember(id=ALICE.id)) == Ok(...)
    deleted = await stocked.run(DeleteReview(id=review.id))
    assert (await _undo(stocked, deleted.events))[0] == [Ok(...)]
    (back,) = await stocked.views.reviews()
    assert (back.nickname, back.former) == ("Alice", True)
