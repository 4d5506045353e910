"""The book, its ``BookRegistered`` and its copy #1 (and an import's review, tags and source
link), built from validated values without
validating them again, are exactly what validating would have built."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from core.bus.ids import uuid7
from core.bus.trusted import trusted_message, trusted_model
from core.domain.loan import Copy
from core.domain.messages import (
    BookRegistered,
    BookReviewed,
    ImportBook,
    ImportedReview,
    RegisterBook,
    RegisterBookV2,
    ReviewBook,
)
from core.domain.model import Book
from core.domain.review import Review
from core.domain.sources import BookSource
from core.domain.tags import BookTags
from core.service.handlers.book import book_from
from core.service.handlers.imports import source_from, tags_from
from core.service.handlers.review import checked_review, review_from


def state(model: BaseModel) -> tuple[Any, ...]:
    """All that validation leaves on an instance, in order."""
    return (
        type(model),
        list(model.__dict__.items()),
        model.model_fields_set,
        model.__pydantic_extra__,
        model.__pydantic_private__,
        model.model_dump_json(),
        repr(model),
    )


def test_a_book_from_a_command_is_the_validated_book() -> None:
    """``book_from`` a registered command gives the book ``Book(...)`` validates."""
    cmd = RegisterBook(title=" Dune ", author="Frank Herbert", isbn="0-441-17271-7")
    validated = Book(id=cmd.id, title=cmd.title, author=cmd.author, isbn=cmd.isbn)
    assert state(book_from(cmd)) == state(validated)


def test_a_book_by_several_authors_is_the_validated_book() -> None:
    """The joined authors of ``RegisterBookV2`` hold the author rule, as validated."""
    cmd = RegisterBookV2(title="Good Omens", authors=[" Terry Pratchett", "Neil Gaiman "], isbn="")
    validated = Book(id=cmd.id, title=cmd.title, author=cmd.author, isbn=cmd.isbn)
    assert state(book_from(cmd)) == state(validated)


def test_a_trusted_event_is_the_validated_event_but_for_its_id_and_time() -> None:
    """A ``BookRegistered`` built without validation equals the validated one, dumps the same
    payload, and has its own new id and time."""
    book = book_from(RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441172719"))
    fields = {"id": book.id, "title": book.title, "author": book.author, "isbn": book.isbn}
    fields["registered_at"] = None
    trusted = trusted_message(BookRegistered, fields)
    validated = BookRegistered(**fields)
    validated.__dict__.update(message_id=trusted.message_id, created_at=trusted.created_at)
    assert state(trusted) == state(validated)
    assert trusted_message(BookRegistered, fields).message_id != trusted.message_id


def test_a_trusted_copy_is_the_validated_copy() -> None:
    """Copy #1 built without validation is the validated copy, with an empty event list of
    its own."""
    book = book_from(RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441172719"))
    fields = {"id": book.id, "book_id": book.id, "number": 1, "added_on": datetime.now(UTC)}
    first, second = trusted_model(Copy, fields), trusted_model(Copy, fields)
    assert state(first) == state(Copy(**fields))
    assert first.messages is not second.messages


def test_a_review_from_a_command_is_the_validated_review() -> None:
    """``review_from`` gives the review ``Review(...)`` validates, its comment's line breaks
    made LF once, by the command."""
    cmd = ReviewBook(member_id=uuid7(), book_id=uuid7(), rate=8, comment="Fine.\r\nAgain.")
    validated = Review(
        id=cmd.id,
        member_id=cmd.member_id,
        book_id=cmd.book_id,
        rate=cmd.rate,
        comment=cmd.comment,
        written_at=cmd.created_at,
    )
    assert state(review_from(cmd)) == state(validated)
    event = {name: getattr(validated, name) for name in _REVIEW_EVENT_FIELDS}
    trusted = trusted_message(BookReviewed, event)
    checked = BookReviewed(**event)
    checked.__dict__.update(message_id=trusted.message_id, created_at=trusted.created_at)
    assert state(trusted) == state(checked)


_REVIEW_EVENT_FIELDS = ("id", "member_id", "book_id", "rate", "comment", "written_at")


def test_an_imported_books_tags_and_source_are_the_validated_ones() -> None:
    """The tags (kept distinct, first spelling) and the source link of an ``ImportBook`` are
    what validating builds; the tags raise nothing of their own (they go in the book's
    ``BookImported``, ``tests/transfer/test_book_imported.py``)."""
    cmd = ImportBook(
        title="Dune",
        author="Frank Herbert",
        isbn="9780441172719",
        tags=[" Sci-Fi", "sci-fi", "Classics "],
        source="Goodreads",
        source_id="234225",
    )
    tags = tags_from(cmd)
    assert tags.messages == []
    assert state(tags) == state(BookTags(book_id=cmd.id, tags=["Classics", "Sci-Fi"]))
    link = BookSource(book_id=cmd.id, source="Goodreads", source_id="234225")
    assert state(source_from(cmd)) == state(link)


def test_an_imported_books_review_is_the_validated_review() -> None:
    """The review an ``ImportBook`` carries, made a ``Review`` of the new book, is what
    validating builds (written when the book is imported, the file giving no date)."""
    cmd = ImportBook(
        title="Dune",
        author="Frank Herbert",
        isbn="9780441172719",
        review=ImportedReview(member_id=uuid7(), rate=6, comment="Long.\rGood."),
    )
    assert cmd.review is not None
    validated = Review(
        id=cmd.review.id,
        member_id=cmd.review.member_id,
        book_id=cmd.id,
        rate=6,
        comment="Long.\nGood.",
        written_at=cmd.created_at,
    )
    built = checked_review(cmd.review, cmd.id, cmd.created_at)
    assert state(built) == state(validated)
