"""A scanned package with a handler in its ``__init__``."""

from typing import Any

from core.bus import async_listen
from tests.bus.scan_fixtures.messages import ScannedEvent


@async_listen
async def note_in_package_init(event: ScannedEvent, uow: Any) -> None:
    """Listen to ScannedEvent from the package's ``__init__``."""
