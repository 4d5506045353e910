"""Undo through the bus, on the in-memory fake: every change is reverted by commands made from
its events, and a change made since is never overwritten."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import Message
from core.domain.messages import (
    BookRegistered,
    BookUpdated,
    DeleteBook,
    RegisterBook,
    RestoreBook,
    UpdateBook,
)
from core.domain.result import Err, Ok
from core.service.catalogue import Catalogue
from core.service.repositories import BookRepositoryError
from core.service.undo import NotUndoableError, undo_commands
from core.service.views import BookQuery
from tests.fakes.catalogue import fake_catalogue

DUNE = RegisterBook(title="Dune", author="Frank Herbert", isbn="9780441013593")
HOBBIT = RegisterBook(title="The Hobbit", author="J. R. R. Tolkien", isbn="9780261102217")


@pytest.fixture
def catalogue() -> Catalogue:
    """A catalogue on the in-memory fake."""
    return fake_catalogue()[0]


async def _undo(catalogue: Catalogue, events: list[Message[Any]]) -> list[Any]:
    outcome = await catalogue.run_many(undo_commands(events))
    return list(outcome.result)


async def _titles(catalogue: Catalogue) -> list[str]:
    return [row.title for row in await catalogue.views.list_books(BookQuery())]


async def test_two_deletes_undone_bring_both_books_back_with_their_registration_times(
    catalogue: Catalogue,
) -> None:
    """Delete A, delete B, undo twice: both are back, registered when they first were."""
    await catalogue.execute(DUNE)
    await catalogue.execute(HOBBIT)
    before = {row.id: row.registered_at for row in await catalogue.views.list_books(BookQuery())}
    first = await catalogue.run(DeleteBook(id=DUNE.id))
    second = await catalogue.run(DeleteBook(id=HOBBIT.id))
    assert await _titles(catalogue) == []
    assert await _undo(catalogue, second.events) == [Ok(...)]
    assert await _undo(catalogue, first.events) == [Ok(...)]
    after = {row.id: row.registered_at for row in await catalogue.views.list_books(BookQuery())}
    assert after == before


async def test_an_edit_is_undone_and_redone(catalogue: Catalogue) -> None:
    """Undo of an edit restores the former fields; undoing the undo edits again."""
    await catalogue.execute(DUNE)
    edit = UpdateBook(id=DUNE.id, title="Dune Messiah", author=DUNE.author, isbn=DUNE.isbn)
    edited = await catalogue.run(edit)
    assert isinstance(edited.events[0], BookUpdated)
    undone = await catalogue.run_many(undo_commands(edited.events))
    assert await _titles(catalogue) == ["Dune"]
    assert await _undo(catalogue, undone.events) == [Ok(...)]
    assert await _titles(catalogue) == ["Dune Messiah"]


async def test_undo_of_a_book_changed_since_is_refused_and_changes_nothing(
    catalogue: Catalogue,
) -> None:
    """A register undone after someone edited the book: Err(stale), the edit stays."""
    registered = await catalogue.run(DUNE)
    await catalogue.execute(
        UpdateBook(id=DUNE.id, title="Dune (edited)", author=DUNE.author, isbn=DUNE.isbn)
    )
    assert await _undo(catalogue, registered.events) == [Err(BookRepositoryError.stale)]
    assert await _titles(catalogue) == ["Dune (edited)"]


async def test_a_restore_whose_isbn_was_taken_meanwhile_is_refused(catalogue: Catalogue) -> None:
    """Undo of a delete when another book now holds its ISBN: Err(integrity_error)."""
    await catalogue.execute(DUNE)
    deleted = await catalogue.run(DeleteBook(id=DUNE.id))
    await catalogue.execute(RegisterBook(title="Other", author="Someone", isbn=DUNE.isbn))
    assert await _undo(catalogue, deleted.events) == [Err(BookRepositoryError.integrity_error)]


def test_an_edit_stored_without_its_former_fields_cannot_be_undone() -> None:
    """Events of older versions lack what an undo needs: said plainly, not guessed."""
    old = BookUpdated(id=DUNE.id, title="T", author="A", isbn=DUNE.isbn)
    with pytest.raises(NotUndoableError, match="former fields"):
        undo_commands([old])


def test_a_registration_is_undone_by_a_guarded_delete() -> None:
    """The inverse of BookRegistered deletes only the book as it was registered."""
    event = BookRegistered(id=DUNE.id, title="Dune", author="Frank Herbert", isbn=DUNE.isbn)
    [command] = undo_commands([event])
    assert isinstance(command, DeleteBook)
    assert command.if_unchanged is not None
    assert command.if_unchanged.title == "Dune"


async def test_restore_book_is_a_command_of_its_own(catalogue: Catalogue) -> None:
    """RestoreBook brings back a book with the given registration time."""
    await catalogue.execute(DUNE)
    [row] = await catalogue.views.list_books(BookQuery())
    await catalogue.execute(DeleteBook(id=DUNE.id))
    restore = RestoreBook(
        id=DUNE.id,
        title=DUNE.title,
        author=DUNE.author,
        isbn=DUNE.isbn,
        registered_at=row.registered_at,
    )
    assert await catalogue.execute(restore) == Ok(...)
    assert await catalogue.views.list_books(BookQuery()) == [row]


async def test_run_all_applies_every_command_or_none(catalogue: Catalogue) -> None:
    """An undo of a many-book change is whole: one refused command rolls back the others."""
    await catalogue.execute(DUNE)
    await catalogue.execute(HOBBIT)
    deleted = await catalogue.run_many([DeleteBook(id=DUNE.id), DeleteBook(id=HOBBIT.id)])
    await catalogue.execute(RegisterBook(title="Other", author="Someone", isbn=DUNE.isbn))

    refused = await catalogue.run_all(undo_commands(deleted.events))

    assert isinstance(refused.result, Err)
    assert refused.events == []
    assert await _titles(catalogue) == ["Other"]
    await catalogue.execute(DeleteBook(id=(await catalogue.views.list_books(BookQuery()))[0].id))
    restored = await catalogue.run_all(undo_commands(deleted.events))
    assert restored.result == [Ok(...), Ok(...)]
    assert len(restored.events) == 2
    assert sorted(await _titles(catalogue)) == ["Dune", "The Hobbit"]
