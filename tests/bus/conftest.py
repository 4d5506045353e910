"""Fixtures of the bus tests: a recording transport, a unit of work over notes, buses."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import AsyncMessageBus

from .fakes import NotesUnitOfWork, RecordingTransport, Transaction
from .messages import Note, NoteWritten, WriteNote


@pytest.fixture
def transport() -> RecordingTransport:
    """An event stream transport that records what it is sent."""
    return RecordingTransport()


@pytest.fixture
def uow(transport: RecordingTransport) -> NotesUnitOfWork:
    """A fresh unit of work over notes, publishing to ``transport``."""
    return NotesUnitOfWork(transport)


@pytest.fixture
def bus() -> AsyncMessageBus[Any]:
    """A bus with no handlers and no dependency factories."""
    return AsyncMessageBus()


@pytest.fixture
def notes_bus() -> AsyncMessageBus[Any]:
    """A bus whose WriteNote handler stores a note raising a published NoteWritten."""

    async def write_note(command: WriteNote, tx: Transaction) -> None:
        note = Note(id=command.id, text=command.text)
        note.messages.append(NoteWritten(id=command.id, text=command.text))
        await tx.notes.add(note)

    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.add_listener(WriteNote, write_note)
    return bus
