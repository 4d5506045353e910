"""A module that imports a handler defined in another scanned module."""

from tests.bus.scan_fixtures.pkg_a.handlers import handle_scanned_command

__all__ = ["handle_scanned_command"]
