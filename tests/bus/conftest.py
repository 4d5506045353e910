"""Fixtures of the bus tests: a recording transport, a unit of work over notes, an empty bus."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import AsyncMessageBus

from .fakes import NotesUnitOfWork, RecordingTransport


@pytest.fixture
def transport() -> RecordingTransport:
    """An event stream transport that records what it is sent."""
    return RecordingTransport()


@pytest.fixture
def uow(transport: RecordingTransport) -> NotesUnitOfWork:
    """A fresh unit of work over notes, publishing to ``transport``."""
    return NotesUnitOfWork(transport)


@pytest.fixture
def bus() -> AsyncMessageBus[Any]:
    """A bus with no handlers and no dependency factories."""
    return AsyncMessageBus()
