"""Reviews and the ratings read model through the bus on every back-end."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from core.bootstrap import Catalogue
from core.domain.messages import (
    BookDeleted,
    BookReviewed,
    DeleteBook,
    DeleteReview,
    RegisterBook,
    ReviewBook,
    ReviewDeleted,
    UpdateReview,
)
from core.domain.ordering import BookSort
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError as Code
from core.service.views import BookQuery
from tests.club.conftest import ALICE, BOB, DUNE, HOBBIT


async def _ratings(catalogue: Catalogue, **query: Any) -> list[tuple[str, float | None, int]]:
    rows = await catalogue.views.list_books(BookQuery(**query))
    return [(row.title, row.rating, row.reviews) for row in rows]


async def test_reviews_make_the_rating_and_the_count(stocked: Catalogue) -> None:
    """Rates 7 and 8: rating 7.5 of 2 reviews; a book without reviews has none."""
    outcome = await stocked.run(ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=7))
    assert outcome.result == Ok(...)
    assert [type(event) for event in outcome.events] == [BookReviewed]
    assert await stocked.execute(ReviewBook(member_id=BOB.id, book_id=DUNE.id, rate=8)) == Ok(...)
    assert await _ratings(stocked) == [("Dune", 7.5, 2), ("The Hobbit", None, 0)]


async def test_a_changed_or_deleted_review_changes_the_rating(stocked: Catalogue) -> None:
    """7 → 10 moves the mean; deleting both leaves no rating."""
    first = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=7, comment="Long.\nGood.")
    second = ReviewBook(member_id=BOB.id, book_id=DUNE.id, rate=8)
    for command in (first, second):
        assert await stocked.execute(command) == Ok(...)
    assert await stocked.execute(UpdateReview(id=first.id, rate=10, comment="Great")) == Ok(...)
    assert (await _ratings(stocked))[0] == ("Dune", 9.0, 2)
    assert await stocked.execute(DeleteReview(id=second.id)) == Ok(...)
    assert (await _ratings(stocked))[0] == ("Dune", 10.0, 1)
    assert await stocked.execute(DeleteReview(id=first.id)) == Ok(...)
    assert (await _ratings(stocked))[0] == ("Dune", None, 0)


async def test_one_review_per_member_and_book(stocked: Catalogue) -> None:
    """A second review by Alice of Dune: Err(integrity_error) saying so; the first stays."""
    assert await stocked.execute(ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=7)) == Ok(...)
    again = await stocked.execute(ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=2))
    assert isinstance(again, Err)
    assert again.error.code is Code.integrity_error
    assert again.error.message == 'Alice has reviewed "Dune" already'
    assert (await _ratings(stocked))[0] == ("Dune", 7.0, 1)


async def test_an_unknown_member_or_book_is_not_found_with_a_message(stocked: Catalogue) -> None:
    """Err(not_found) naming the missing id; nothing is written."""
    stray = RegisterBook(title="Nowhere", author="Nobody", isbn="9780000000002").id
    no_book = await stocked.execute(ReviewBook(member_id=ALICE.id, book_id=stray, rate=5))
    assert isinstance(no_book, Err)
    assert no_book.error.code is Code.not_found
    assert str(stray) in no_book.error.message
    no_member = await stocked.execute(ReviewBook(member_id=DUNE.id, book_id=DUNE.id, rate=5))
    assert isinstance(no_member, Err)
    assert no_member.error.code is Code.not_found
    assert str(DUNE.id) in no_member.error.message
    unknown = await stocked.execute(UpdateReview(id=DUNE.id, rate=3))
    assert isinstance(unknown, Err)
    assert unknown.error.code is Code.not_found
    assert await stocked.views.reviews() == []


async def test_the_views_show_title_nickname_rate_comment_and_date(stocked: Catalogue) -> None:
    """A review reads with its book's title and member's nickname, newest first; by book or
    by member."""
    older = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=9, comment="Line 1\nLine 2")
    newer = ReviewBook(member_id=ALICE.id, book_id=HOBBIT.id, rate=6)
    for command in (older, newer):
        assert await stocked.execute(command) == Ok(...)
    everything = await stocked.views.reviews()
    assert [(r.title, r.nickname, r.rate, r.comment) for r in everything] == [
        ("The Hobbit", "Alice", 6, ""),
        ("Dune", "Alice", 9, "Line 1\nLine 2"),
    ]
    assert everything[1].written_at == older.created_at
    assert [r.id for r in await stocked.views.reviews(book_id=DUNE.id)] == [older.id]
    assert len(await stocked.views.reviews(member_id=ALICE.id)) == 2
    assert await stocked.views.reviews(member_id=BOB.id) == []
    alice = (await stocked.views.members())[0]
    assert (alice.nickname, alice.reviews) == ("Alice", 2)


async def test_the_list_sorts_by_rating_and_by_reviews(stocked: Catalogue) -> None:
    """Ascending: books without a rating first; descending: the best first."""
    extra = RegisterBook(title="Emma", author="Jane Austen", isbn="9780141439587")
    assert await stocked.execute(extra) == Ok(...)
    for member, book, rate in ((ALICE, DUNE, 9), (BOB, DUNE, 8), (ALICE, HOBBIT, 3)):
        command = ReviewBook(member_id=member.id, book_id=book.id, rate=rate)
        assert await stocked.execute(command) == Ok(...)
    by_rating = [title for title, _, _ in await _ratings(stocked, sort=BookSort.rating)]
    assert by_rating == ["Emma", "The Hobbit", "Dune"]
    best = await _ratings(stocked, sort=BookSort.rating, descending=True)
    assert [title for title, _, _ in best] == ["Dune", "The Hobbit", "Emma"]
    most = await _ratings(stocked, sort=BookSort.reviews, descending=True, limit=1)
    assert most == [("Dune", 8.5, 2)]


async def test_deleting_a_book_deletes_its_reviews_and_undo_brings_all_back(
    stocked: Catalogue,
) -> None:
    """One ReviewDeleted per review before BookDeleted, in one transaction; undo restores the
    book, its reviews and its rating."""
    from core.service.undo import undo_commands

    for member, rate in ((ALICE, 9), (BOB, 6)):
        command = ReviewBook(member_id=member.id, book_id=DUNE.id, rate=rate)
        assert await stocked.execute(command) == Ok(...)
    before = await stocked.views.reviews(book_id=DUNE.id)
    deleted = await stocked.run(DeleteBook(id=DUNE.id))
    assert [type(e) for e in deleted.events] == [ReviewDeleted, ReviewDeleted, BookDeleted]
    assert await stocked.views.reviews() == []
    undone = await stocked.run_many(undo_commands(deleted.events))
    assert undone.result == [Ok(...), Ok(...), Ok(...)]
    assert await stocked.views.reviews(book_id=DUNE.id) == before
    assert (await _ratings(stocked))[0] == ("Dune", 7.5, 2)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rate": 11}, "rate"),
        ({"rate": -1}, "rate"),
        ({"rate": 7.5}, "rate"),
        ({"rate": 5, "comment": "x" * 10_001}, "comment"),
        ({"rate": 5, "comment": "bell\x07"}, "comment"),
    ],
)
def test_bad_review_fields_are_refused_when_the_command_is_built(
    fields: dict[str, Any], field: str
) -> None:
    """A rate outside 0-10 or not whole, an over-long comment, a control character."""
    with pytest.raises(ValidationError) as raised:
        ReviewBook(member_id=ALICE.id, book_id=DUNE.id, **fields)
    assert raised.value.errors()[0]["loc"] == (field,)


def test_a_comment_keeps_its_line_breaks() -> None:
    """CR LF and CR become LF; 10,000 characters are fine."""
    review = ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=0, comment="a\r\nb\rc\nd")
    assert review.comment == "a\nb\nc\nd"
    assert (
        len(ReviewBook(member_id=ALICE.id, book_id=DUNE.id, rate=10, comment="é" * 10_000).comment)
        == 10_000
    )
