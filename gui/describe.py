"""Events told in words: a line for the history and a name for Edit → Undo/Redo.

One describer per event type, registered with :func:`describes`; an aggregate added later
(loans, reviews...) adds its own describers here or in a module of its own, and both the
history and the undo menu speak of its changes at once. An event without a describer is shown
by its type string.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gui.bridge import BookDeleted, BookRegistered, BookRestored, BookUpdated, Message

TITLE_LIMIT = 60
"""Longer titles are cut (with "…") in sentences: a 500-character title must not push the
list down."""


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("describe", text, None, n)


def plural(context: str, one: str, many: str, n: int) -> str:
    """``one`` or ``many`` translated in ``context``, ``%Ln`` becoming ``n`` as the locale
    writes numbers ("1 book", "1,234 books")."""
    return QCoreApplication.translate(context, one if n == 1 else many, None, n)


def elided(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` on one line, at most ``limit`` characters (the last one "…" when cut)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Description:
    """``line``: what happened, for the history ("Deleted “Dune” by Frank Herbert");
    ``action``: what the user did, for Undo/Redo ("Delete “Dune”"); ``many``: the action
    done to ``n`` things at once ("Delete 3 books"), when several such events make one step."""

    line: str
    action: str
    many: Callable[[int], str] | None = None


type Describer = Callable[[Any], Description]
_DESCRIBERS: dict[type[Any], Describer] = {}


def describes[E](event_type: type[E]) -> Callable[[Callable[[E], Description]], Describer]:
    """Register the function telling an event of ``event_type`` in words."""

    def register(function: Callable[[E], Description]) -> Describer:
        _DESCRIBERS[event_type] = function
        return function

    return register


def describe(event: Message[Any]) -> Description:
    """The words for ``event`` (its type string when nothing describes it)."""
    describer = _DESCRIBERS.get(type(event))
    if describer is None:
        name = event.metadata.type_string
        return Description(name, name)
    return describer(event)


def describe_step(events: Sequence[Message[Any]]) -> str:
    """The name of a step made of ``events`` (one user action), for Undo/Redo."""
    if not events:
        return ""
    first = describe(events[0])
    if len(events) == 1:
        return first.action
    if first.many is not None and all(type(event) is type(events[0]) for event in events):
        return first.many(len(events))
    return plural("describe", "%Ln change", "%Ln changes", len(events))


def _book(event: BookRegistered | BookRestored | BookDeleted | BookUpdated) -> str:
    return _tr("“{title}” by {author}").format(
        title=elided(event.title), author=elided(event.author, 40)
    )


def _describe_book_event(line: object, action: object, many: object) -> Describer:
    """A describer for an event about one whole book (registered, restored, deleted); the
    texts are marked with ``QT_TRANSLATE_NOOP`` (typed ``object`` by PySide6)."""
    line, action, many = str(line), str(action), str(many)

    def describer(event: BookRegistered | BookRestored | BookDeleted) -> Description:
        return Description(
            _tr(line).format(book=_book(event)),
            _tr(action).format(title=elided(event.title)),
            lambda n: plural("describe", many.replace("%Ln books", "%Ln book"), many, n),
        )

    return describer


# QT_TRANSLATE_NOOP marks the strings for the translation tools; _tr translates them.
_DESCRIBERS[BookRegistered] = _describe_book_event(
    QT_TRANSLATE_NOOP("describe", "Registered {book}"),
    QT_TRANSLATE_NOOP("describe", "Register “{title}”"),
    QT_TRANSLATE_NOOP("describe", "Register %Ln books"),
)
_DESCRIBERS[BookRestored] = _describe_book_event(
    QT_TRANSLATE_NOOP("describe", "Restored {book}"),
    QT_TRANSLATE_NOOP("describe", "Restore “{title}”"),
    QT_TRANSLATE_NOOP("describe", "Restore %Ln books"),
)
_DESCRIBERS[BookDeleted] = _describe_book_event(
    QT_TRANSLATE_NOOP("describe", "Deleted {book}"),
    QT_TRANSLATE_NOOP("describe", "Delete “{title}”"),
    QT_TRANSLATE_NOOP("describe", "Delete %Ln books"),
)


@describes(BookUpdated)
def _updated(event: BookUpdated) -> Description:
    fields = (
        (_tr("title"), event.old_title, event.title),
        (_tr("author"), event.old_author, event.author),
        (_tr("ISBN"), event.old_isbn, event.isbn),
    )
    changes = [
        _tr("{field}: {old} → {new}").format(field=name, old=elided(old, 40), new=elided(new, 40))
        for name, old, new in fields
        if old and old != new
    ]
    line = (
        _tr("Edited {changes}").format(changes="; ".join(changes))
        if changes
        else _tr("Edited {book}").format(book=_book(event))
    )
    return Description(
        line,
        _tr("Edit “{title}”").format(title=elided(event.title)),
        lambda n: plural("describe", "Edit %Ln book", "Edit %Ln books", n),
    )
