"""An imported book raises one event, ``BookImported``, with its tags and the member's review:
what three events (``BookRegistered``, ``BookTagsChanged``, ``BookReviewed``) said before, and
every reader of them (the list's row, the tags, the ratings tally, undo, another desktop's
feed) reads it."""

from __future__ import annotations

from datetime import UTC, datetime

from core.bootstrap import Catalogue
from core.bus import MessageSerializer
from core.domain.messages import (
    BookImported,
    BookRegistered,
    ImportBook,
    ImportedReview,
    RegisterMember,
)
from core.domain.result import Ok
from core.service.undo import undo_commands
from core.service.views import BookQuery
from tests.service.test_trusted_builds import state


async def _imported(catalogue: Catalogue, written_at: datetime | None = None) -> ImportBook:
    member = RegisterMember(nickname="alice")
    assert await catalogue.execute(member) == Ok(...)
    return ImportBook(
        title="Dune",
        author="Frank Herbert",
        isbn="9780441013593",
        tags=[" Sci-Fi", "sci-fi", "Classics "],
        source="Goodreads",
        source_id="44767458",
        review=ImportedReview(member_id=member.id, rate=8, comment="Long.", written_at=written_at),
    )


async def test_an_imported_book_raises_one_event_with_its_tags_and_review(
    catalogue: Catalogue,
) -> None:
    """One ``BookImported``, a ``BookRegistered`` too: equal to the validated event, its tags
    kept distinct (first spelling, sorted as read), its review written when the book was
    imported (the file gave no date)."""
    command = await _imported(catalogue)
    outcome = await catalogue.run(command)
    [event] = outcome.events
    assert isinstance(event, BookImported)
    assert isinstance(event, BookRegistered)
    assert command.review is not None
    review = command.review.model_copy(update={"written_at": command.created_at})
    checked = BookImported(
        id=command.id,
        title="Dune",
        author="Frank Herbert",
        isbn="9780441013593",
        registered_at=None,
        tags=["Classics", "Sci-Fi"],
        review=ImportedReview(**review.model_dump()),
    )
    checked.__dict__.update(message_id=event.message_id, created_at=event.created_at)
    assert state(event) == state(checked)


async def test_the_list_the_ratings_and_the_reviews_follow_it(catalogue: Catalogue) -> None:
    """The book is listed with its tags, its rating and one review, a copy on the shelf; the
    member's review has the date the file gave."""
    read_on = datetime(2023, 5, 1, 12, tzinfo=UTC)
    command = await _imported(catalogue, read_on)
    await catalogue.run(command)
    [book] = await catalogue.views.list_books(BookQuery(limit=10))
    assert (book.tags, book.rating, book.reviews) == (("Classics", "Sci-Fi"), 8.0, 1)
    assert (book.copies, book.available) == (1, 1)
    [alice] = await catalogue.views.members()
    [review] = await catalogue.views.reviews(member_id=alice.id)
    assert (review.rate, review.comment, review.written_at) == (8, "Long.", read_on)


async def test_undoing_it_takes_the_book_its_tags_review_and_link_away(
    catalogue: Catalogue,
) -> None:
    """Its inverse is the book's deletion, which takes the tags, the review and the source
    link with it."""
    command = await _imported(catalogue)
    outcome = await catalogue.run(command)
    undone = await catalogue.run_many(undo_commands(outcome.events))
    assert undone.result == [Ok(...)]
    assert await catalogue.views.list_books(BookQuery(limit=10)) == []
    assert await catalogue.views.tags_in_use() == []
    [alice] = await catalogue.views.members()
    assert await catalogue.views.reviews(member_id=alice.id) == []


async def test_another_desktop_reads_it_back_from_the_wire(catalogue: Catalogue) -> None:
    """Serialized and read back (the feed of another desktop): the same event, its review a
    model again."""
    command = await _imported(catalogue)
    [event] = (await catalogue.run(command)).events
    serializer = MessageSerializer()
    again = serializer.deserialize_message(serializer.serialize_message(event))
    assert again == event
    assert isinstance(again, BookImported)
    assert isinstance(again.review, ImportedReview)
