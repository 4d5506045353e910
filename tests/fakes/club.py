"""In-memory members, reviews and ratings tally for :class:`tests.fakes.uow.InMemoryUnitOfWork`.

Every change is logged in the unit of work's undo log, so a rollback or an undone step
restores them like the books.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from core.domain.member import Member, MemberId
from core.domain.model import BookId
from core.domain.result import Err, Ok
from core.domain.review import Review, ReviewId
from core.service.club_repositories import (
    AbstractMemberRepository,
    AbstractRatingsProjection,
    AbstractReviewRepository,
    StoreOperation,
    StoreResult,
)
from core.service.repositories import BookRepositoryError as Code

type Undo = list[Callable[[], object]]


class InMemoryMemberRepository(AbstractMemberRepository):
    """Members by id; ``former`` holds the ids of removed members."""

    def __init__(self, undo: Undo) -> None:
        super().__init__()
        self.members: dict[MemberId, Member] = {}
        self.former: set[MemberId] = set()
        self._undo = undo

    def _set(self, member: Member, former: bool) -> None:
        self.members[member.id] = member
        (self.former.add if former else self.former.discard)(member.id)

    def _log(self, member_id: MemberId) -> None:
        previous = self.members.get(member_id)
        was_former = member_id in self.former
        if previous is None:
            self._undo.append(lambda: self.members.pop(member_id, None))
        else:
            self._undo.append(partial(self._set, previous, was_former))

    async def add(self, model: Member) -> StoreOperation:
        if model.id in self.members or await self.nickname_taken(model):
            return Err(Code.integrity_error)
        self._log(model.id)
        self._set(model, False)
        self.seen.append(model)
        return Ok(...)

    async def by_id(self, id: MemberId, former: bool = False) -> StoreResult[Member]:
        member = self.members.get(id)
        if member is None or (id in self.former and not former):
            return Err(Code.not_found)
        return Ok(member)

    async def nickname_taken(self, model: Member) -> bool:
        return any(
            other.key == model.key and other.id != model.id and other.id not in self.former
            for other in self.members.values()
        )

    async def _replace(self, model: Member, former: bool, was_former: bool) -> StoreOperation:
        if model.id not in self.members or (model.id in self.former) != was_former:
            return Err(Code.not_found)
        self._log(model.id)
        self._set(model, former)
        self.seen.append(model)
        return Ok(...)

    async def update(self, model: Member) -> StoreOperation:
        if await self.nickname_taken(model):
            return Err(Code.integrity_error)
        return await self._replace(model, False, False)

    async def remove(self, model: Member) -> StoreOperation:
        return await self._replace(model, True, False)

    async def restore(self, model: Member) -> StoreOperation:
        if await self.nickname_taken(model):
            return Err(Code.integrity_error)
        return await self._replace(model, False, True)


class InMemoryReviewRepository(AbstractReviewRepository):
    """Reviews by id."""

    def __init__(self, undo: Undo) -> None:
        super().__init__()
        self.reviews: dict[ReviewId, Review] = {}
        self._undo = undo

    def _log(self, review_id: ReviewId) -> None:
        previous = self.reviews.get(review_id)
        if previous is None:
            self._undo.append(lambda: self.reviews.pop(review_id, None))
        else:
            self._undo.append(partial(self.reviews.__setitem__, review_id, previous))

    async def add(self, model: Review) -> StoreOperation:
        pair = (model.member_id, model.book_id)
        if model.id in self.reviews or any(
            (r.member_id, r.book_id) == pair for r in self.reviews.values()
        ):
            return Err(Code.integrity_error)
        self._log(model.id)
        self.reviews[model.id] = model
        self.seen.append(model)
        return Ok(...)

    async def by_id(self, id: ReviewId) -> StoreResult[Review]:
        review = self.reviews.get(id)
        return Err(Code.not_found) if review is None else Ok(review)

    async def of_book(self, book_id: BookId) -> list[Review]:
        found = [r for r in self.reviews.values() if r.book_id == book_id]
        return sorted(found, key=lambda r: (r.written_at, r.id))

    async def update(self, model: Review) -> StoreOperation:
        if model.id not in self.reviews:
            return Err(Code.not_found)
        self._log(model.id)
        self.reviews[model.id] = model
        self.seen.append(model)
        return Ok(...)

    async def remove(self, model: Review) -> StoreOperation:
        if model.id not in self.reviews:
            return Err(Code.not_found)
        self._log(model.id)
        del self.reviews[model.id]
        self.seen.append(model)
        return Ok(...)


class InMemoryRatings(AbstractRatingsProjection):
    """Each book's (count, sum of rates)."""

    def __init__(self, undo: Undo) -> None:
        self.tallies: dict[BookId, tuple[int, int]] = {}
        self._undo = undo

    async def tally(self, book_id: BookId, reviews: int, rates: int) -> None:
        previous = self.tallies.get(book_id, (0, 0))
        self.tallies[book_id] = (previous[0] + reviews, previous[1] + rates)
        self._undo.append(partial(self.tallies.__setitem__, book_id, previous))

    def rating(self, book_id: BookId) -> tuple[float | None, int]:
        """The book's mean rate (``None`` without reviews) and review count."""
        count, total = self.tallies.get(book_id, (0, 0))
        return (total / count if count else None), count
