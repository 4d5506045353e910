"""Handlers annotated lazily, plus a handler imported from the sibling package ``pkg_ab``."""

from __future__ import annotations

from typing import Any

from core.bus import async_listen
from tests.bus.scan_fixtures.messages import ScannedCommand, ScannedEvent
from tests.bus.scan_fixtures.pkg_ab.handlers import note_sibling_event

__all__ = ["handle_scanned_command", "not_marked", "note_sibling_event"]


@async_listen
async def handle_scanned_command(command: ScannedCommand, uow: Any) -> str:
    """Answer ScannedCommand with a greeting."""
    return f"scanned {command.label}"


async def not_marked(event: ScannedEvent, uow: Any) -> None:
    """A handler without ``@async_listen``: scanning must not register it."""
