"""A message module that one test reloads, kept apart so no other test holds its classes."""

from core.bus import Event, Metadata


class Reloaded(Event):
    """An event whose module is imported a second time."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_reloaded", schema_version=1)
