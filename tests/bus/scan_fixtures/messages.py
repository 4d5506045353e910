"""Messages the scanned handlers listen to."""

from core.bus import Command, Event, Metadata


class ScannedCommand(Command):
    """Handled by ``pkg_a.handlers``."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_scanned_command", schema_version=1)


class ScannedEvent(Event):
    """Listened to by handlers in ``pkg_a`` and its subpackage."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_scanned_event", schema_version=1)


class SiblingEvent(Event):
    """Listened to only by ``pkg_ab``, the sibling whose name starts like ``pkg_a``."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_sibling_event", schema_version=1)
