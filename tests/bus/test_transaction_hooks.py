"""start_transaction and end_transaction: what a transaction needs is opened, then released."""

from __future__ import annotations

import pytest

from core.bus import TransactionError
from tests.bus.fakes import NotesUnitOfWork, RecordingTransport
from tests.bus.messages import NoteWritten


class SessionUnitOfWork(NotesUnitOfWork):
    """Records when a transaction's resources are opened and released, and what was sent then."""

    def __init__(self, transport: RecordingTransport) -> None:
        super().__init__(transport)
        self.transport = transport
        self.log: list[str] = []

    async def start_transaction(self) -> None:
        self.log.append("start")

    async def end_transaction(self) -> None:
        self.log.append(f"end after {len(self.transport.sent)} sent")


@pytest.fixture
def session_uow() -> SessionUnitOfWork:
    """A unit of work recording its transaction hooks."""
    return SessionUnitOfWork(RecordingTransport())


async def test_a_committed_transaction_ends_after_its_events_are_published(
    session_uow: SessionUnitOfWork,
) -> None:
    """end_transaction runs once, after the published events left."""
    async with session_uow as tx:
        await tx.messagestore.add(NoteWritten(id="n-1", text="hi"))
        await tx.commit()
    assert session_uow.log == ["start", "end after 1 sent"]


async def test_a_rolled_back_or_failed_transaction_ends_too(
    session_uow: SessionUnitOfWork,
) -> None:
    """Rollback, an exception, and a block left without commit all release the resources."""
    async with session_uow as tx:
        await tx.rollback()
    with pytest.raises(ValueError, match="boom"):
        async with session_uow:
            raise ValueError("boom")
    with pytest.raises(TransactionError):
        async with session_uow:
            pass
    assert session_uow.log == ["start", "end after 0 sent"] * 3


async def test_a_detached_transaction_ends_when_it_is_closed(
    session_uow: SessionUnitOfWork,
) -> None:
    """Leaving the block of a detached transaction keeps its resources until close()."""
    async with session_uow as tx:
        await tx.commit()
        await tx.detach()
    assert session_uow.log == ["start"]
    await tx.close()
    assert session_uow.log == ["start", "end after 0 sent"]
