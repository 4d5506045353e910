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

from PySide6.QtCore import QCoreApplication

from gui.bridge import (
    BookDeleted,
    BookDetailsChanged,
    BookImported,
    BookRegistered,
    BookRestored,
    BookTagsChanged,
    BookUpdated,
    Message,
)
from gui.i18n import QT_TRANSLATE_NOOP

TITLE_LIMIT = 60
"""Longer titles are cut (with "…") in sentences: a 500-character title must not push the
list down."""


def _tr(text: str, n: int = -1) -> str:
    """``text`` (marked with ``QT_TRANSLATE_NOOP`` where it is written) translated."""
    return QCoreApplication.translate("describe", text, None, n)


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


_COMPANIONS: set[type[Any]] = set()
"""Event types that may go along with another change in one step (a deleted book's tags and
reviews): the step is named after that change."""


def companion(event_type: type[Any]) -> None:
    """Register ``event_type`` as one that names a step only when it is all the step did."""
    _COMPANIONS.add(event_type)


def describe_step(events: Sequence[Message[Any]]) -> str:
    """The name of a step made of ``events`` (one user action), for Undo/Redo."""
    if not events:
        return ""
    events = [event for event in events if type(event) not in _COMPANIONS] or list(events)
    first = describe(events[0])
    if len(events) == 1:
        return first.action
    if first.many is not None and all(type(event) is type(events[0]) for event in events):
        return first.many(len(events))
    return QCoreApplication.translate("describe", "%Ln change(s)", None, len(events))


def _book(event: BookRegistered | BookRestored | BookDeleted | BookUpdated) -> str:
    return QCoreApplication.translate("describe", "“{title}” by {author}").format(
        title=elided(event.title), author=elided(event.author, 40)
    )


def _describe_book_event(line: str, action: str, many: Callable[[int], str]) -> Describer:
    """A describer for an event about one whole book (registered, restored, deleted); the
    texts are marked with ``QT_TRANSLATE_NOOP`` and translated when shown."""

    def describer(event: BookRegistered | BookRestored | BookDeleted) -> Description:
        return Description(
            _tr(line).format(book=_book(event)),
            _tr(action).format(title=elided(event.title)),
            many,
        )

    return describer


# QT_TRANSLATE_NOOP marks the strings for the translation tools; _tr translates them.
_DESCRIBERS[BookRegistered] = _describe_book_event(
    QT_TRANSLATE_NOOP("describe", "Registered {book}"),
    QT_TRANSLATE_NOOP("describe", "Register “{title}”"),
    lambda n: QCoreApplication.translate("describe", "Register %Ln book(s)", None, n),
)
_DESCRIBERS[BookImported] = _DESCRIBERS[BookRegistered]  # its tags and review: the same line
_DESCRIBERS[BookRestored] = _describe_book_event(
    QT_TRANSLATE_NOOP("describe", "Restored {book}"),
    QT_TRANSLATE_NOOP("describe", "Restore “{title}”"),
    lambda n: QCoreApplication.translate("describe", "Restore %Ln book(s)", None, n),
)
_DESCRIBERS[BookDeleted] = _describe_book_event(
    QT_TRANSLATE_NOOP("describe", "Deleted {book}"),
    QT_TRANSLATE_NOOP("describe", "Delete “{title}”"),
    lambda n: QCoreApplication.translate("describe", "Delete %Ln book(s)", None, n),
)


@describes(BookUpdated)
def _updated(event: BookUpdated) -> Description:
    fields = (
        (QCoreApplication.translate("describe", "title"), event.old_title, event.title),
        (QCoreApplication.translate("describe", "author"), event.old_author, event.author),
        (QCoreApplication.translate("describe", "ISBN"), event.old_isbn, event.isbn),
    )
    changes = [
        QCoreApplication.translate("describe", "{field}: {old} → {new}").format(
            field=name, old=elided(old, 40), new=elided(new, 40)
        )
        for name, old, new in fields
        if old and old != new
    ]
    line = (
        QCoreApplication.translate("describe", "Edited {changes}").format(
            changes="; ".join(changes)
        )
        if changes
        else QCoreApplication.translate("describe", "Edited {book}").format(book=_book(event))
    )
    return Description(
        line,
        QCoreApplication.translate("describe", "Edit “{title}”").format(title=elided(event.title)),
        lambda n: QCoreApplication.translate("describe", "Edit %Ln book(s)", None, n),
    )


@describes(BookDetailsChanged)
def _details_changed(event: BookDetailsChanged) -> Description:
    before, after = event.before, event.state
    names = {
        "subtitle": QCoreApplication.translate("describe", "subtitle"),
        "publisher": QCoreApplication.translate("describe", "publisher"),
        "year": QCoreApplication.translate("describe", "year"),
        "pages": QCoreApplication.translate("describe", "pages"),
        "cover_id": QCoreApplication.translate("describe", "cover"),
    }
    nothing = QCoreApplication.translate("describe", "none")
    changes = [
        QCoreApplication.translate("describe", "{field}: {old} → {new}").format(
            field=label,
            old=elided(str(getattr(before, field) or nothing), 30),
            new=elided(str(getattr(after, field) or nothing), 30),
        )
        for field, label in names.items()
        if getattr(before, field) != getattr(after, field)
    ]
    return Description(
        QCoreApplication.translate("describe", "Details changed: {changes}").format(
            changes="; ".join(changes) or nothing
        ),
        QCoreApplication.translate("describe", "Change details"),
        lambda n: QCoreApplication.translate(
            "describe", "Change the details of %Ln book(s)", None, n
        ),
    )


companion(BookTagsChanged)


@describes(BookTagsChanged)
def _tags_changed(event: BookTagsChanged) -> Description:
    def tags(names: list[str]) -> str:
        return ", ".join(names) or QCoreApplication.translate("describe", "none")

    return Description(
        QCoreApplication.translate("describe", "Tags: {old} → {new}").format(
            old=elided(tags(event.old_tags), 40), new=elided(tags(event.tags), 40)
        ),
        QCoreApplication.translate("describe", "Change tags"),
        lambda n: QCoreApplication.translate("describe", "Change the tags of %Ln book(s)", None, n),
    )


# The club's describers (members, reviews) live in a module of their own.
from gui import describe_club, describe_loans  # noqa: E402,F401
