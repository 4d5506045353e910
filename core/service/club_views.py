"""Read ports of the club: members and reviews as the screens and the command line show them
(the book list's Rating and Reviews columns are on ``BookSummary``)."""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from core.domain.member import MemberId
from core.domain.model import BookId
from core.domain.review import ReviewId


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """A current member, with how many reviews they wrote."""

    id: MemberId
    nickname: str
    email: str
    reviews: int


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """A review with its book's title and its member's nickname; ``former``: the member has
    left the club (shown "nickname (former member)")."""

    id: ReviewId
    book_id: BookId
    title: str
    member_id: MemberId
    nickname: str
    former: bool
    rate: int
    comment: str
    written_at: datetime


class AbstractClubViews(abc.ABC):
    """Members and reviews, read on their own (committed data)."""

    @abc.abstractmethod
    async def members(self) -> list[MemberSummary]:
        """The current members, by nickname (ignoring case and accents)."""

    @abc.abstractmethod
    async def reviews(
        self, book_id: BookId | None = None, member_id: UUID | None = None
    ) -> list[ReviewSummary]:
        """Reviews, newest first: all, one book's, or one member's."""
