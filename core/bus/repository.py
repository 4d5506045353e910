"""Repositories: where handlers fetch and store aggregates, and the message store."""

from __future__ import annotations

import abc
import inspect
from collections.abc import Coroutine, MutableSequence
from typing import Any, Generic, TypeVar

from .eventstream import AsyncEventstreamPublisher
from .messages import Message
from .model import GenericModel

TModel = TypeVar("TModel", bound=GenericModel[Any])


class AsyncAbstractRepository(abc.ABC, Generic[TModel]):
    """Base of every repository.

    A repository appends each model it adds or changes to ``seen``: that is where the bus
    finds the events the model raised.
    """

    seen: MutableSequence[TModel]

    def __init__(self) -> None:
        self.seen = []


class AsyncAbstractMessageStoreRepository(abc.ABC):
    """Stores every message the bus processes, and publishes the published ones.

    Subclasses implement :meth:`_add`. Published messages wait in ``stream_buffer`` until the
    transaction commits; a rollback empties the buffer.
    """

    def __init__(self, publisher: AsyncEventstreamPublisher | None = None) -> None:
        self.publisher = publisher
        self.stream_buffer: list[Message[Any]] = []

    @abc.abstractmethod
    async def _add(self, message: Message[Any]) -> None:
        """Write ``message`` to the storage backend, inside the current transaction."""

    async def add(self, message: Message[Any]) -> None:
        """Store ``message`` and, if it is published, buffer it for the event stream."""
        await self._add(message)
        if message.metadata.published:
            self.stream_buffer.append(message)

    @inspect.markcoroutinefunction
    def publish_eventstream(self) -> Coroutine[Any, Any, None]:
        """Send the buffered messages, in order, then forget them.

        Raises ``EventstreamDeliveryError`` if any could not be sent; the rest were still sent.
        """
        # Not ``async def`` (awaited the same): the publisher's coroutine is returned, not
        # awaited by another one, which costs a frame per committed transaction.
        buffered, self.stream_buffer = self.stream_buffer, []
        if self.publisher is not None and buffered:
            return self.publisher.send_messages(buffered)
        return _nothing()

    def discard_eventstream(self) -> None:
        """Forget the buffered messages: their transaction was rolled back."""
        self.stream_buffer = []


async def _nothing() -> None:
    """Nothing to publish."""


class AsyncSinkholeMessageStoreRepository(AsyncAbstractMessageStoreRepository):
    """A message store that keeps nothing."""

    async def _add(self, message: Message[Any]) -> None:
        """Do nothing."""
