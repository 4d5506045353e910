"""Aggregates: domain models that raise events for the bus to collect."""

from __future__ import annotations

from collections.abc import MutableSequence
from typing import Any, Generic

from pydantic import BaseModel, Field

from .messages import Message, Metadata, TMetadata


def _no_messages() -> list[Any]:
    # A plain function: pydantic inspects a default factory's signature on every
    # model_construct(), which costs ~45 µs for a builtin such as ``list``.
    return []


class GenericModel(BaseModel, Generic[TMetadata]):
    """Base class of aggregates.

    ``messages`` holds the events the aggregate raised during the current command; the bus
    drains it after each handler. It is excluded from dumps and from equality.
    """

    messages: MutableSequence[Message[TMetadata]] = Field(
        default_factory=_no_messages, exclude=True
    )

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return False
        mine, theirs = self.__dict__, other.__dict__
        return all(mine[key] == theirs[key] for key in mine if key != "messages")

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """``<Book title='Dune'>``, then ``message=[...]`` while events are pending (as in
        messagebus), so a failed comparison in a test shows them."""
        fields = [f"{key}={value!r}" for key, value in self.__dict__.items() if key != "messages"]
        if self.messages:
            fields.append(f"message={self.messages!r}")
        return f"<{type(self).__name__} {' '.join(fields)}>"


class Model(GenericModel[Metadata]):
    """Aggregate whose events use the default metadata."""


__all__ = ["GenericModel", "Model"]
