"""The club's events reach other programs like the books': the SQLite change feed (two
catalogues on one file) and PostgreSQL NOTIFY (two desktops on one database)."""

from __future__ import annotations

from pathlib import Path

from core.bootstrap import open_catalogue
from core.domain.messages import (
    BookReviewed,
    DeleteReview,
    MemberRegistered,
    MemberUpdated,
    ReviewBook,
    ReviewDeleted,
    UpdateMember,
)
from core.domain.result import Ok
from core.service.views import BookQuery
from tests.club.conftest import ALICE, DUNE
from tests.support.postgres import empty_pg_catalogue
from tests.support.shared import Heard


async def _exchange(url: str, reset: bool = False) -> None:
    async with open_catalogue(url) as first, open_catalogue(url) as other:
        if reset:
            await empty_pg_catalogue(url)
        heard = Heard()
        other.subscribe(heard)
        review = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=7, comment="Two\nlines")
        commands = (DUNE, ALICE, review, UpdateMember(id=ALICE.id, nickname="Alicia"))
        for command in (*commands, DeleteReview(id=review.id)):
            assert await first.execute(command) == Ok(...)
        kinds = [MemberRegistered, BookReviewed, MemberUpdated, ReviewDeleted]
        await heard.until(lambda items: len(items) == 5)
        assert [type(event) for event in heard.items[1:]] == kinds
        reviewed = heard.items[2]
        assert (reviewed.rate, reviewed.comment) == (7, "Two\nlines")
        (book,) = await other.views.list_books(BookQuery())
        assert (book.rating, book.reviews) == (None, 0)


async def test_another_catalogue_on_the_file_hears_members_and_reviews(tmp_path: Path) -> None:
    """Register, review, rename, delete on one: the other hears each event, in order."""
    await _exchange(str(tmp_path / "library.sqlite3"))


async def test_another_desktop_on_postgresql_hears_members_and_reviews(pg_database: str) -> None:
    """The same through NOTIFY on a shared PostgreSQL catalogue."""
    await _exchange(pg_database, reset=True)
