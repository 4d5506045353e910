"""What the window hears of a command: the sentence for a refused or failed command, and which
of ``CatalogueBridge``'s signals re-emits an event a committed transaction published.

A part of the bridge (``gui/bridge/commands.py``), kept apart so that the wording of outcomes
and the table of events the window listens to each read at a glance; the window imports it
only through the package (``gui/bridge/__init__.py``). The sentences keep the
``CatalogueBridge`` translation context.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.bus import GenericCommand, Message
from core.domain.isbn import hyphenated_isbn
from core.domain.messages import (
    BookDeleted,
    BookDetailsChanged,
    BookRegistered,
    BookRestored,
    BookTagsChanged,
    BookUpdated,
    MemberRegistered,
    MemberRemoved,
    MemberRestored,
    MemberUpdated,
)
from core.service.club_repositories import ClubError
from core.service.errors import CatalogueOfflineError
from core.service.projections.availability import SHELF_EVENTS
from core.service.projections.ratings import REVIEW_EVENTS
from core.service.repositories import BookRepositoryError
from core.service.views import BookSummary
from gui.i18n import QT_TRANSLATE_NOOP

NOT_FOUND_MESSAGE = QT_TRANSLATE_NOOP("CatalogueBridge", "This book no longer exists")
STALE_MESSAGE = QT_TRANSLATE_NOOP(
    "CatalogueBridge", "it was changed since (here or on another desktop)"
)
OFFLINE_MESSAGE = QT_TRANSLATE_NOOP(
    "CatalogueBridge", "The shared catalogue is offline: {reason}; try again once it is back"
)

_SIGNALS: tuple[tuple[tuple[type[Message[Any]], ...], str], ...] = (
    ((BookRegistered, BookRestored), "book_registered"),
    ((BookUpdated,), "book_updated"),
    ((BookDeleted,), "book_deleted"),
    ((BookTagsChanged,), "book_tags_changed"),
    ((BookDetailsChanged,), "book_details_changed"),
    (tuple(REVIEW_EVENTS), "review_changed"),
    ((MemberRegistered, MemberUpdated, MemberRemoved, MemberRestored), "member_changed"),
    (tuple(SHELF_EVENTS), "shelf_changed"),
)


def signal_name(event: Message[Any]) -> str | None:
    """The name of the bridge's signal for ``event``, or ``None`` if the window ignores it."""
    for kinds, name in _SIGNALS:
        if isinstance(event, kinds):
            return name
    return None


def _tr(text: str) -> str:
    return QCoreApplication.translate("CatalogueBridge", text)


def offline_text(error: Exception) -> str:
    """The sentence for a command refused because the shared catalogue is offline."""
    return _tr(OFFLINE_MESSAGE).format(reason=error)


def failure_text(error: Exception) -> str:
    """The sentence for commands that failed with ``error`` (not refused by a rule)."""
    if isinstance(error, CatalogueOfflineError):
        return offline_text(error)
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return QCoreApplication.translate("CatalogueBridge", "Could not save: {reason}").format(
        reason=reason
    )


async def refusal_text(
    command: GenericCommand[Any] | None,
    error: object,
    book_by_isbn: Callable[[str], Awaitable[BookSummary | None]],
) -> str:
    """The sentence the form shows for a refused command (an ISBN's holder is read)."""
    if error is BookRepositoryError.not_found:
        return _tr(NOT_FOUND_MESSAGE)
    if error is BookRepositoryError.stale:
        return _tr(STALE_MESSAGE)
    isbn = getattr(command, "isbn", None)
    if error is BookRepositoryError.integrity_error and isbn:
        holder = await book_by_isbn(isbn)
        if holder is not None:
            return QCoreApplication.translate(
                "CatalogueBridge", 'ISBN {isbn} is already registered for "{title}" by {author}'
            ).format(isbn=hyphenated_isbn(holder.isbn), title=holder.title, author=holder.author)
        return QCoreApplication.translate(
            "CatalogueBridge", "ISBN {isbn} is already registered"
        ).format(isbn=hyphenated_isbn(isbn))
    if isinstance(error, ClubError):
        return error.message
    return QCoreApplication.translate("CatalogueBridge", "Could not save: {reason}").format(
        reason=getattr(error, "value", error)
    )
