"""The book, its ``BookRegistered`` and its copy #1, built from validated values without
validating them again, are exactly what validating would have built."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from core.bus.trusted import trusted_message, trusted_model
from core.domain.loan import Copy
from core.domain.messages import BookRegistered, RegisterBook, RegisterBookV2
from core.domain.model import Book
from core.service.handlers.book import book_from


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
