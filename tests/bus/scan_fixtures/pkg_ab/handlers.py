"""A handler that belongs to ``pkg_ab`` only."""

from __future__ import annotations

from typing import Any

from core.bus import async_listen
from tests.bus.scan_fixtures.messages import SiblingEvent


@async_listen
async def note_sibling_event(event: SiblingEvent, uow: Any) -> None:
    """Listen to SiblingEvent."""
