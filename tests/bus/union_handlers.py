"""Handlers that listen to several events through one annotation (a union or a type alias)."""

from __future__ import annotations

from typing import Any

from core.bus import async_listen
from tests.bus.scan_fixtures.messages import ScannedEvent, SiblingEvent

type EitherEvent = ScannedEvent | SiblingEvent


@async_listen
async def note_either(event: ScannedEvent | SiblingEvent, uow: Any) -> None:
    """Listen to both events, annotated with a union."""


@async_listen
async def note_through_alias(event: EitherEvent, uow: Any) -> None:
    """Listen to both events, annotated with a ``type`` alias of their union."""
