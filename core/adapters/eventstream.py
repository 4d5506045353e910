"""Committed events to in-process subscribers: the event feed of a local (SQLite) catalogue."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from core.bus import (
    AsyncAbstractEventstreamTransport,
    AsyncEventstreamPublisher,
    Message,
    MessageSerializer,
)
from core.service.events import AbstractEventFeed, StatusSubscriber, Subscriber

log = logging.getLogger(__name__)

DELIVERY_SLICE = 250
"""Events delivered between two yields to the event loop."""


def unsubscriber[T](subscribers: list[T], callback: T) -> Callable[[], None]:
    """A function that removes ``callback`` from ``subscribers`` (once)."""

    def unsubscribe() -> None:
        if callback in subscribers:
            subscribers.remove(callback)

    return unsubscribe


class SubscribersTransport(AsyncAbstractEventstreamTransport):
    """Deserializes each published message and calls every subscriber with it, in order.

    A subscriber that raises is logged and does not stop the others: the data is committed.
    """

    def __init__(self) -> None:
        self.subscribers: list[Subscriber] = []
        self.serializer = MessageSerializer()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Add ``callback``; the returned function removes it again."""
        self.subscribers.append(callback)
        return unsubscriber(self.subscribers, callback)

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        """Deliver one serialized message to the subscribers."""
        if self.subscribers:
            self.deliver(self.serializer.deserialize_message(message))

    def deliver(self, event: Message[Any]) -> None:
        """Call every subscriber with ``event``; one that raises is logged and skipped."""
        for callback in list(self.subscribers):
            try:
                callback(event)
            except Exception:
                log.exception("subscriber %r failed on %s", callback, event.metadata.type_string)


class LocalEventstreamPublisher(AsyncEventstreamPublisher):
    """The publisher of a catalogue whose subscribers are all in this process (SQLite).

    While its transport is a :class:`SubscribersTransport`, the messages a committed
    transaction publishes reach the subscribers as they are, without a serialize-deserialize
    round trip (≈10 µs an event): subscribers share the committed event and must not change
    it. Another transport (a test may swap one in) gets the serialized messages as usual.
    """

    async def send_messages(self, messages: list[Message[Any]]) -> None:
        """Deliver each published message in order (a subscriber that raises is logged)."""
        transport = self.transport
        if not isinstance(transport, SubscribersTransport):
            await super().send_messages(messages)
            return
        for number, message in enumerate(messages):
            if number and not number % DELIVERY_SLICE:
                await asyncio.sleep(0)  # a batch's thousands of events: let the window breathe
            if message.metadata.published:
                transport.deliver(message)


class LocalEventFeed(AbstractEventFeed):
    """The events of this process's commits, delivered in commit order."""

    def __init__(self) -> None:
        self.transport = SubscribersTransport()
        self.publisher = LocalEventstreamPublisher(self.transport)
        """What the units of work publish with (tests may swap its transport)."""

    @property
    def shared(self) -> bool:
        """A local file: no other desktop writes to it."""
        return False

    @property
    def online(self) -> bool:
        """Always: nothing to lose the connection to."""
        return True

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Hear each committed event."""
        return self.transport.subscribe(callback)

    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        """A local feed never changes state."""
        return lambda: None
