"""Fixtures shared by every tier: the seed's command, an in-memory unit of work, a scanned bus."""

from __future__ import annotations

import os
from typing import Any

import pytest
from lastuuid.dummies import uuidgen

# Before anything imports Qt: the suite never opens windows on a real display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from core.bus import AsyncMessageBus
from core.domain.messages import RegisterBook
from core.service import HANDLER_PACKAGES
from tests.fakes.uow import EventstreamTransport, InMemoryUnitOfWork


@pytest.fixture
def register_book_cmd() -> RegisterBook:
    """The seed's command: register "Domain Driven Design"."""
    return RegisterBook(
        id=uuidgen(1),
        title="Domain Driven Design",
        author="Eric Evans",
        isbn="0-321-12521-5",
    )


@pytest.fixture
def transport() -> EventstreamTransport:
    """An event stream that records what it is sent."""
    return EventstreamTransport()


@pytest.fixture
def uow(transport: EventstreamTransport) -> InMemoryUnitOfWork:
    """A fresh in-memory unit of work publishing to ``transport``."""
    return InMemoryUnitOfWork(transport)


@pytest.fixture
def bus() -> AsyncMessageBus[Any]:
    """A bus with the catalogue's handlers and projections scanned in."""
    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.scan(*HANDLER_PACKAGES)
    return bus
