"""An event stream transport that hands published events to in-process subscribers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from core.bus import AsyncAbstractEventstreamTransport, Message, MessageSerializer

log = logging.getLogger(__name__)

Subscriber = Callable[[Message[Any]], None]
"""Receives each published message of a committed transaction."""


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

        def unsubscribe() -> None:
            if callback in self.subscribers:
                self.subscribers.remove(callback)

        return unsubscribe

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        """Deliver one serialized message to the subscribers."""
        if not self.subscribers:
            return
        event = self.serializer.deserialize_message(message)
        for callback in list(self.subscribers):
            try:
                callback(event)
            except Exception:
                log.exception("subscriber %r failed on %s", callback, message["type"])
