"""Messages: commands and events, their metadata, and the type registry.

A message's *type string* is ``f"{name}_v{schema_version}"``; it is how a serialized message
names its class, so every concrete message class is recorded in a registry when it is defined.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Generic, NewType, TypeVar, cast
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from .ids import uuid7

log = logging.getLogger(__name__)

MessageId = NewType("MessageId", UUID)
"""Identifier of a message: a time-ordered uuid7."""


class Metadata(BaseModel):
    """What a message is called on the wire, its schema version, and whether it is published.

    Frozen: metadata is declared once per class, so instances share it instead of copying it.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    """Stable name of the message schema; keep it when the class is renamed."""
    schema_version: int
    """Version of the schema: a breaking change makes a new class with a new version."""
    published: bool = False
    """Send the message to the event stream after the transaction commits."""

    @property
    def type_string(self) -> str:
        """The serialized type of the message, e.g. ``register_book_v1``."""
        return f"{self.name}_v{self.schema_version}"


TMetadata = TypeVar("TMetadata", bound=Metadata)

_MESSAGE_FIELDS = frozenset({"message_id", "created_at"})
_registry: dict[str, type[Message[Any]]] = {}


_new_message_id = cast("Callable[[], MessageId]", uuid7)
"""A new message id (``MessageId`` is ``UUID`` at run time: no wrapper call)."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Message(BaseModel, Generic[TMetadata]):
    """Base class of commands and events.

    Two messages are equal when they are of the same class with the same payload and
    metadata; ``message_id`` and ``created_at`` are ignored, which keeps tests readable.
    """

    message_id: MessageId = Field(default_factory=_new_message_id)
    """Unique, time-ordered identifier of the message."""
    created_at: datetime = Field(default_factory=_utcnow)
    """When the message was created, timezone-aware UTC."""
    metadata: TMetadata
    """Declared once per class as a class-level default."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        default = cls.model_fields["metadata"].default
        if isinstance(default, Metadata):
            _register(cls, default.type_string)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return False
        mine, theirs = self.__dict__, other.__dict__
        return all(mine[key] == theirs[key] for key in mine if key not in _MESSAGE_FIELDS)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = " ".join(
            f"{key}={value!r}"
            for key, value in self.__dict__.items()
            if key not in _MESSAGE_FIELDS and key != "metadata"
        )
        return f"<{type(self).__name__} {fields}>"


class GenericCommand(Message[TMetadata]):
    """A request to change the system; exactly one handler answers it."""


class GenericEvent(Message[TMetadata]):
    """A fact that happened; any number of handlers listen to it."""


class Command(GenericCommand[Metadata]):
    """Command with the default metadata."""


class Event(GenericEvent[Metadata]):
    """Event with the default metadata."""


TMessage = TypeVar("TMessage", bound=Message[Any])


def _register(cls: type[Message[Any]], type_string: str) -> None:
    known = _registry.get(type_string)
    if known is not None and known is not cls:
        log.warning(
            "message type %r is declared by both %s.%s and %s.%s; only the latter deserializes",
            type_string,
            known.__module__,
            known.__qualname__,
            cls.__module__,
            cls.__qualname__,
        )
    _registry[type_string] = cls


def message_class(type_string: str) -> type[Message[Any]]:
    """The message class registered for a type string such as ``book_registered_v1``.

    Raises ``LookupError`` when no class declares that type.
    """
    try:
        return _registry[type_string]
    except KeyError:
        raise LookupError(f"no message class is registered for type {type_string!r}") from None


__all__ = [
    "Command",
    "Event",
    "GenericCommand",
    "GenericEvent",
    "Message",
    "MessageId",
    "Metadata",
    "TMessage",
    "TMetadata",
    "message_class",
]
