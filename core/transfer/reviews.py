"""The member an import's ratings and reviews belong to, and the reviews they have already:
found by nickname (case and accents ignored) before the import, created when missing (not in
a dry run), so that a second import updates a changed rating instead of adding a review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from uuid_utils.compat import uuid7

from core.domain.member import MemberId, nickname_key
from core.domain.messages import RegisterMember
from core.domain.model import BookId
from core.domain.result import Err
from core.domain.review import ReviewId
from core.service.catalogue import Catalogue

from .csv_format import CsvFormatError


@dataclass(frozen=True, slots=True)
class KnownReview:
    """A review the member has of a book: its id, rate and comment."""

    id: ReviewId
    rate: int
    comment: str


@dataclass(slots=True)
class MemberReviews:
    """The import's member and their reviews by book (kept up to date as rows are planned)."""

    member_id: MemberId
    by_book: dict[BookId, KnownReview] = field(default_factory=dict)


async def member_reviews(catalogue: Catalogue, nickname: str, create: bool) -> MemberReviews:
    """The member called ``nickname`` and their reviews; registered first when missing
    (``create``; otherwise a member to be, with no reviews). ``CsvFormatError`` if the
    nickname cannot be a member's."""
    key = nickname_key(nickname)
    members = await catalogue.views.members()
    found = next((m for m in members if nickname_key(m.nickname) == key), None)
    if found is None:
        if not create:
            return MemberReviews(uuid7())
        command = RegisterMember(nickname=nickname)
        result = await catalogue.execute(command)
        if isinstance(result, Err):
            raise CsvFormatError(f"cannot import as {nickname!r}: {result.error}")
        return MemberReviews(command.id)
    reviews = await catalogue.views.reviews(member_id=found.id)
    known = {r.book_id: KnownReview(r.id, r.rate, r.comment) for r in reviews}
    return MemberReviews(found.id, known)


def written_at(read_on: date | None) -> datetime | None:
    """When a review was written: the day the book was read (noon UTC), if the file says."""
    return None if read_on is None else datetime.combine(read_on, time(12), tzinfo=UTC)
