"""Undo: the commands that revert a committed transaction, made from the events it published.

Every undo (and every redo) is itself a command through the bus, so it is stored, published
and seen on other desktops like any change. Each inverse carries what the thing must still be
(``if_unchanged``): if it changed since — on another desktop, or by a later command — the undo
is refused (``Err(stale)``) rather than applied over it. Each aggregate registers the inverses
of its events here (:func:`inverse_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from core.bus import GenericCommand, Message
from core.domain.book_details import UNDO
from core.domain.messages import (
    BookDeleted,
    BookDetailsChanged,
    BookImported,
    BookRegistered,
    BookRestored,
    BookSourceLinked,
    BookState,
    BookTagsChanged,
    BookUpdated,
    DeleteBook,
    RestoreBook,
    SetBookDetails,
    SetBookTags,
    UpdateBook,
)

type Command = GenericCommand[Any]
type Inverse[E] = Callable[[E], list[Command]]

_INVERSES: dict[type[Message[Any]], Inverse[Any]] = {}


class NotUndoableError(ValueError):
    """A transaction published an event that has no inverse (e.g. stored by an older version
    without what undoing it needs)."""


def inverse_of[E: Message[Any]](event_type: type[E]) -> Callable[[Inverse[E]], Inverse[E]]:
    """Register the function giving the commands that revert an event of ``event_type``."""

    def register(function: Inverse[E]) -> Inverse[E]:
        _INVERSES[event_type] = function
        return function

    return register


def undo_commands(events: Sequence[Message[Any]]) -> list[Command]:
    """The commands reverting ``events``, last event first (``NotUndoableError`` if one of
    them cannot be reverted)."""
    commands: list[Command] = []
    for event in reversed(events):
        inverse = _INVERSES.get(type(event))
        if inverse is None:
            raise NotUndoableError(f"{event.metadata.type_string} cannot be undone")
        commands.extend(inverse(event))
    return commands


def _state(event: BookRegistered | BookUpdated | BookRestored) -> BookState:
    return BookState(title=event.title, author=event.author, isbn=event.isbn)


@inverse_of(BookImported)  # its tags, review and source link go with the book
@inverse_of(BookRegistered)
def _unregister(event: BookRegistered) -> list[Command]:
    return [DeleteBook(id=event.id, if_unchanged=_state(event))]


@inverse_of(BookRestored)
def _unrestore(event: BookRestored) -> list[Command]:
    return [DeleteBook(id=event.id, if_unchanged=_state(event))]


@inverse_of(BookUpdated)
def _unedit(event: BookUpdated) -> list[Command]:
    if not (event.old_title and event.old_author and event.old_isbn):
        raise NotUndoableError("this edit was recorded without the book's former fields")
    return [
        UpdateBook(
            id=event.id,
            title=event.old_title,
            author=event.old_author,
            isbn=event.old_isbn,
            if_unchanged=_state(event),
        )
    ]


@inverse_of(BookDeleted)
def _undelete(event: BookDeleted) -> list[Command]:
    return [
        RestoreBook(
            id=event.id,
            title=event.title,
            author=event.author,
            isbn=event.isbn,
            registered_at=event.registered_at,
            copies=event.copies,
        )
    ]


@inverse_of(BookDetailsChanged)
def _unset_details(event: BookDetailsChanged) -> list[Command]:
    return [
        SetBookDetails(
            book_id=event.book_id,
            source=UNDO,
            if_unchanged=event.state,
            **event.before.model_dump(),
        )
    ]


@inverse_of(BookTagsChanged)
def _untag(event: BookTagsChanged) -> list[Command]:
    return [SetBookTags(book_id=event.book_id, tags=event.old_tags, if_unchanged=event.tags)]


@inverse_of(BookSourceLinked)
def _unlink(event: BookSourceLinked) -> list[Command]:
    # Only an import links a source, with the book it registers: undoing the registration
    # deletes the book and its links with it; a link to a book kept is harmless.
    return []


# The club's aggregates register their inverses in their own modules.
from core.service import club_undo, loan_undo  # noqa: E402,F401
