"""A handler two levels down, annotated eagerly (no ``from __future__ import annotations``)."""

from typing import Any

from core.bus import async_listen
from tests.bus.scan_fixtures.messages import ScannedEvent


@async_listen
async def note_deep_down(event: ScannedEvent, uow: Any) -> None:
    """Listen to ScannedEvent from a nested module."""
