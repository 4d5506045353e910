"""A Catalogue over the in-memory fakes: the real facade, no database."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from core.bus import AsyncAbstractEventstreamTransport, AsyncMessageBus, MessageSerializer
from core.service import HANDLER_PACKAGES
from core.service.catalogue import Catalogue
from core.service.events import AbstractEventFeed, StatusSubscriber, Subscriber
from tests.fakes.uow import InMemoryUnitOfWork
from tests.fakes.views import InMemoryCatalogueViews


class InMemoryEventFeed(AbstractEventFeed, AsyncAbstractEventstreamTransport):
    """The transport of the fake unit of work's publisher: what it publishes reaches the
    subscribers, in order, as messages again."""

    def __init__(self) -> None:
        self.subscribers: list[Subscriber] = []

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        event = MessageSerializer().deserialize_message(message)
        for callback in list(self.subscribers):
            callback(event)

    @property
    def shared(self) -> bool:
        return False

    @property
    def online(self) -> bool:
        return True

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        self.subscribers.append(callback)
        return lambda: self.subscribers.remove(callback)

    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        return lambda: None


def fake_catalogue() -> tuple[Catalogue, InMemoryUnitOfWork]:
    """A catalogue on one in-memory unit of work (reused for every transaction), and it."""
    feed = InMemoryEventFeed()
    uow = InMemoryUnitOfWork()
    bus: AsyncMessageBus[InMemoryUnitOfWork] = AsyncMessageBus()
    bus.scan(*HANDLER_PACKAGES)
    catalogue = Catalogue(
        bus, lambda: uow, InMemoryCatalogueViews(uow), feed, lambda e: None, "memory"
    )
    return catalogue, uow
