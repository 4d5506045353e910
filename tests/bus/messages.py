"""Messages and an aggregate used only by the bus tests.

Type strings start with ``bus_test_`` so they never collide with the catalogue's messages in
the global type registry.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from core.bus import Command, Event, Metadata, Model


class WriteNote(Command):
    """Write a note."""

    id: str
    text: str
    metadata: Metadata = Metadata(name="bus_test_write_note", schema_version=1)


class NoteWritten(Event):
    """A note was written; published to the event stream."""

    id: str
    text: str
    metadata: Metadata = Metadata(name="bus_test_note_written", schema_version=1, published=True)


class Start(Command):
    """Start a scripted chain of messages."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_start", schema_version=1)


class FollowUp(Command):
    """A command raised by a model while another command is handled."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_follow_up", schema_version=1)


class Unhandled(Command):
    """A command nobody handles."""

    label: str = "nobody"
    metadata: Metadata = Metadata(name="bus_test_unhandled", schema_version=1)


class Step(Event):
    """One step of a scripted chain; not published."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_step", schema_version=1)


class PublishedStep(Event):
    """One step of a scripted chain that goes to the event stream."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_published_step", schema_version=1, published=True)


class Note(Model):
    """An aggregate that raises whatever messages a test appends to it."""

    id: str
    text: str = ""


class ShelfFilled(Event):
    """An event with fields of many kinds, for the wire format's payload."""

    shelf: UUID
    title: str
    authors: list[str]
    when: datetime
    rating: float | None
    counts: dict[str, int]
    metadata: Metadata = Metadata(name="bus_test_shelf_filled", schema_version=1, published=True)
