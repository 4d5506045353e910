"""A scanned package with a handler in its ``__init__``.

It also imports a handler of the sibling package ``pkg_ab``, whose module name starts with
this package's name: a scan matching names by prefix would wrongly register it.
"""

from typing import Any

from core.bus import async_listen
from tests.bus.scan_fixtures.messages import ScannedEvent
from tests.bus.scan_fixtures.pkg_ab.handlers import note_sibling_event

__all__ = ["note_in_package_init", "note_sibling_event"]


@async_listen
async def note_in_package_init(event: ScannedEvent, uow: Any) -> None:
    """Listen to ScannedEvent from the package's ``__init__``."""
