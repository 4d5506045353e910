"""The SQL views of the club: members (with their review counts) and reviews (with their
book's title and member's nickname), read on connections that only read."""

from __future__ import annotations

from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.model import BookId
from core.service.club_views import AbstractClubViews, MemberSummary, ReviewSummary

from .tables import BOOKS, MEMBERS, REVIEWS

_REVIEW_COLUMNS = (
    REVIEWS.c.id,
    REVIEWS.c.book_id,
    BOOKS.c.title,
    REVIEWS.c.member_id,
    MEMBERS.c.nickname,
    MEMBERS.c.former,
    REVIEWS.c.rate,
    REVIEWS.c.comment,
    REVIEWS.c.written_at,
)


class SqlClubViews(AbstractClubViews):
    """Members and reviews; a mixin of ``SqlCatalogueViews`` (which sets ``_sessions``)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def members(self) -> list[MemberSummary]:
        """Current members by folded nickname, each with their review count."""
        counts = (
            sa.select(REVIEWS.c.member_id, sa.func.count().label("n"))
            .group_by(REVIEWS.c.member_id)
            .subquery()
        )
        statement = (
            sa.select(
                MEMBERS.c.id,
                MEMBERS.c.nickname,
                MEMBERS.c.email,
                sa.func.coalesce(counts.c.n, 0),
            )
            .outerjoin(counts, counts.c.member_id == MEMBERS.c.id)
            .where(MEMBERS.c.former == sa.false())
            .order_by(MEMBERS.c.nickname_key, MEMBERS.c.id)
        )
        async with self._sessions() as session:
            return [MemberSummary(*row) for row in await session.execute(statement)]

    async def reviews(
        self, book_id: BookId | None = None, member_id: UUID | None = None
    ) -> list[ReviewSummary]:
        """Reviews newest first, of one book or one member when asked."""
        statement = (
            sa.select(*_REVIEW_COLUMNS)
            .join(BOOKS, BOOKS.c.id == REVIEWS.c.book_id)
            .join(MEMBERS, MEMBERS.c.id == REVIEWS.c.member_id)
            .order_by(REVIEWS.c.written_at.desc(), REVIEWS.c.id.desc())
        )
        if book_id is not None:
            statement = statement.where(REVIEWS.c.book_id == book_id)
        if member_id is not None:
            statement = statement.where(REVIEWS.c.member_id == member_id)
        async with self._sessions() as session:
            return [ReviewSummary(*row) for row in await session.execute(statement)]
