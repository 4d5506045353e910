"""The SQL repositories of members and reviews, and the ratings projection.

Every write goes through the transaction's session (after the buffered book rows, inside the
step's SAVEPOINT: ``SqlWrites.before_write``); an insert that a unique index refuses (two
desktops taking one nickname at once) is an ``Err(integrity_error)`` undoing only itself.
"""

from __future__ import annotations

from collections.abc import MutableSequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.bus.trusted import trusted_model
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

from .repository import ReadSession
from .rows import BOOK_COLUMNS, raw_time, raw_uuid
from .tables import BOOKS, MEMBERS, REVIEWS
from .writes import SqlWrites

_REVIEW_COLUMNS = (
    REVIEWS.c.id,
    REVIEWS.c.member_id,
    REVIEWS.c.book_id,
    REVIEWS.c.rate,
    REVIEWS.c.comment,
    REVIEWS.c.written_at,
)


class SqlRepository:
    """Writes through the transaction's session, each in a SAVEPOINT of its own."""

    def __init__(self, writes: SqlWrites) -> None:
        super().__init__()
        self.writes = writes

    seen: MutableSequence[Any]

    async def _write(self, statement: sa.Executable, model: Any) -> StoreOperation:
        """Write ``model`` by ``statement`` in its own SAVEPOINT; once it took, the model is
        seen (its events are collected). ``Err(integrity_error)`` if an index refuses it,
        ``Err(not_found)`` if it touched no row."""
        await self.writes.before_write()
        session = self.writes.session
        try:
            async with session.begin_nested():
                result = await session.execute(statement)
        except IntegrityError:
            return Err(Code.integrity_error)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return Err(Code.not_found)
        self.seen.append(model)
        return Ok(...)


def _member_by_id(member_id: MemberId) -> sa.Select[Any]:
    statement = sa.select(MEMBERS.c.nickname, MEMBERS.c.email, MEMBERS.c.former)
    return statement.where(MEMBERS.c.id == member_id)


class SqlMemberRepository(SqlRepository, AbstractMemberRepository):
    """Members in the ``members`` table; a removed member is flagged ``former``."""

    async def add(self, model: Member) -> StoreOperation:
        """Insert the member."""
        values = _member_values(model) | {"id": model.id, "former": False}
        return await self._write(sa.insert(MEMBERS).values(values), model)

    def __init__(self, writes: SqlWrites, read_session: ReadSession | None = None) -> None:
        super().__init__(writes)
        self._read_session = read_session
        self._read: dict[MemberId, Any] = {}
        """Members read on the read-only connection in this transaction (an import's batch
        asks for the same member once a row)."""

    async def by_id(self, id: MemberId, former: bool = False) -> StoreResult[Member]:
        """The member (a former one too, with ``former``); read on a connection that only
        reads while the transaction has written nothing through (no write lock for a read)."""
        # An import's batch asks once a row: no statement is built for a member read already
        # (building one costs more than the rest), and the stored fields, which passed the
        # member's rules when written, are not validated again (core.bus.trusted).
        if self._read_session is None or self.writes.session.in_transaction():
            row = (await self.writes.session.execute(_member_by_id(id))).first()
        elif id in self._read:
            row = self._read[id]
        else:
            async with self._read_session() as session:
                row = self._read[id] = (await session.execute(_member_by_id(id))).first()
        if row is None or (row.former and not former):
            return Err(Code.not_found)
        fields = {"id": id, "nickname": row.nickname, "email": row.email}
        return Ok(trusted_model(Member, fields))

    async def nickname_taken(self, model: Member) -> bool:
        """Whether another current member has the nickname's key."""
        statement = sa.select(MEMBERS.c.id).where(
            MEMBERS.c.nickname_key == model.key,
            MEMBERS.c.id != model.id,
            MEMBERS.c.former == sa.false(),
        )
        return (await self.writes.session.execute(statement.limit(1))).first() is not None

    async def _set(self, model: Member, was_former: bool, **values: Any) -> StoreOperation:
        statement = (
            sa.update(MEMBERS)
            .where(MEMBERS.c.id == model.id, MEMBERS.c.former == sa.literal(was_former))
            .values(values)
        )
        return await self._write(statement, model)

    async def update(self, model: Member) -> StoreOperation:
        """Change a current member's nickname and email."""
        return await self._set(model, False, **_member_values(model))

    async def remove(self, model: Member) -> StoreOperation:
        """Flag the member former."""
        return await self._set(model, False, former=True)

    async def restore(self, model: Member) -> StoreOperation:
        """Flag a former member current again."""
        return await self._set(model, True, former=False)


def _member_values(model: Member) -> dict[str, Any]:
    return {"nickname": model.nickname, "nickname_key": model.key, "email": model.email}


class SqlReviewRepository(SqlRepository, AbstractReviewRepository):
    """Reviews in the ``reviews`` table (unique per member and book)."""

    async def add(self, model: Review) -> StoreOperation:
        """Insert the review; the review of a book added in this transaction (an import) is
        buffered and written with it."""
        writes = self.writes
        if model.book_id in writes.new_books:
            dialect = writes.dialect
            row = (
                raw_uuid(dialect, model.id),
                raw_uuid(dialect, model.member_id),
                raw_uuid(dialect, model.book_id),
                model.rate,
                model.comment,
                raw_time(dialect, model.written_at),
            )
            writes.add_rows("reviews", [row])
            self.seen.append(model)
            return Ok(...)
        return await self._write(sa.insert(REVIEWS).values(_review_values(model)), model)

    async def by_id(self, id: ReviewId) -> StoreResult[Review]:
        """The review with this id."""
        statement = sa.select(*_REVIEW_COLUMNS).where(REVIEWS.c.id == id)
        row = (await self.writes.session.execute(statement)).first()
        return Err(Code.not_found) if row is None else Ok(_review(row))

    async def of_book(self, book_id: BookId) -> list[Review]:
        """The book's reviews, oldest first."""
        statement = (
            sa.select(*_REVIEW_COLUMNS)
            .where(REVIEWS.c.book_id == book_id)
            .order_by(REVIEWS.c.written_at, REVIEWS.c.id)
        )
        return [_review(row) for row in await self.writes.session.execute(statement)]

    async def update(self, model: Review) -> StoreOperation:
        """Change the rate and comment."""
        statement = (
            sa.update(REVIEWS)
            .where(REVIEWS.c.id == model.id)
            .values(rate=model.rate, comment=model.comment)
        )
        return await self._write(statement, model)

    async def remove(self, model: Review) -> StoreOperation:
        """Delete the review."""
        return await self._write(sa.delete(REVIEWS).where(REVIEWS.c.id == model.id), model)


def _review_values(model: Review) -> dict[str, Any]:
    return {name: getattr(model, name) for name in (c.name for c in _REVIEW_COLUMNS)}


def _review(row: Any) -> Review:
    # Rows were validated when written; reading must not fail on a rule that changed since.
    return Review.model_construct(
        id=row.id,
        member_id=row.member_id,
        book_id=row.book_id,
        rate=row.rate,
        comment=row.comment,
        written_at=row.written_at,
        messages=[],
    )


class SqlRatingsProjection(AbstractRatingsProjection):
    """The tally in the book's row: count, sum and their mean, in one UPDATE."""

    def __init__(self, writes: SqlWrites) -> None:
        self.writes = writes

    async def tally(self, book_id: BookId, reviews: int, rates: int) -> None:
        """Add to the count and the sum; the mean follows (NULL at no review). A book added
        in this transaction gets its tally in its buffered row."""
        row = self.writes.new_books.get(book_id)
        if row is not None:
            if len(row) == len(BOOK_COLUMNS):
                row.extend((0, 0, None))
            count, total = row[-3] + reviews, row[-2] + rates
            row[-3:] = [count, total, total / count if count > 0 else None]
            return
        await self.writes.before_write()
        count = BOOKS.c.review_count + reviews
        total = BOOKS.c.rate_sum + rates
        mean = sa.case((count > 0, sa.cast(total, sa.Float) / sa.cast(count, sa.Float)))
        statement = (
            sa.update(BOOKS)
            .where(BOOKS.c.id == book_id)
            .values(review_count=count, rate_sum=total, rating=mean)
        )
        await self.writes.session.execute(statement)
