"""Icons and desktop-integration files, packaged with the application."""

from __future__ import annotations

from importlib import resources

ICON_NAME = "reading-club.svg"


def icon_bytes() -> bytes:
    """The application icon (SVG)."""
    return resources.files(__name__).joinpath(ICON_NAME).read_bytes()
