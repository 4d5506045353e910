"""How a transaction ends as messagebus's own suite expects: the status an error leaves, a
status closed by hand, close() inside the block, a transaction entered directly, and the
events left on committed models."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import (
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    TransactionError,
    TransactionStatus,
)

from .fakes import NotesUnitOfWork, RecordingTransport, Transaction, raise_from_a_note
from .messages import NoteWritten, Step, WriteNote


class EndCountingUnitOfWork(NotesUnitOfWork):
    """Counts how often a transaction's resources are opened and released."""

    def __init__(self, transport: RecordingTransport) -> None:
        super().__init__(transport)
        self.starts = 0
        self.ends = 0

    async def start_transaction(self) -> None:
        self.starts += 1

    async def end_transaction(self) -> None:
        self.ends += 1


@pytest.fixture
def counting_uow(transport: RecordingTransport) -> EndCountingUnitOfWork:
    """A unit of work counting start_transaction and end_transaction calls."""
    return EndCountingUnitOfWork(transport)


async def test_an_exception_after_commit_leaves_the_transaction_committed(
    uow: NotesUnitOfWork,
) -> None:
    """Work committed before the block raised stays committed, and the status says so."""
    opened: list[Transaction] = []

    async def fail_after_commit() -> None:
        async with uow as tx:
            opened.append(tx)
            await tx.commit()
            raise KeyError("after commit")

    with pytest.raises(KeyError):
        await fail_after_commit()
    assert opened[0].status is TransactionStatus.committed
    assert (uow.commits, uow.rollbacks) == (1, 0)


async def test_a_block_left_without_commit_leaves_the_transaction_rolled_back(
    uow: NotesUnitOfWork,
) -> None:
    """The TransactionError of a forgotten commit comes with the status of the rollback."""
    opened: list[Transaction] = []

    async def forget_to_commit() -> None:
        async with uow as tx:
            opened.append(tx)

    with pytest.raises(TransactionError, match="without commit"):
        await forget_to_commit()
    assert opened[0].status is TransactionStatus.rolledback


async def test_a_status_set_to_closed_in_the_block_is_a_transaction_error_and_rolls_back(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """Closing by hand is no way to end a block: it raises at exit, and nothing is kept."""

    async def close_by_hand() -> None:
        async with uow as tx:
            await notes_bus.handle(WriteNote(id="n-1", text="hi"), tx)
            tx.status = TransactionStatus.closed

    with pytest.raises(TransactionError, match="status set to closed"):
        await close_by_hand()
    assert (uow.commits, uow.rollbacks) == (0, 1)
    assert (uow.notes.notes, transport.sent) == ({}, [])
    assert uow.metrics_store.calls[-1] == ("closed", TransactionStatus.rolledback)


async def test_a_status_set_to_closed_after_commit_keeps_the_committed_work(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """The block still raises, but committed work is never rolled back and its events leave."""

    async def commit_then_close_by_hand() -> None:
        async with uow as tx:
            await notes_bus.handle(WriteNote(id="n-1", text="hi"), tx)
            await tx.commit()
            tx.status = TransactionStatus.closed

    with pytest.raises(TransactionError, match="committed work stays"):
        await commit_then_close_by_hand()
    assert (uow.commits, uow.rollbacks) == (1, 0)
    assert transport.sent_types == ["bus_test_note_written_v1"]


async def test_close_inside_the_block_finishes_the_transaction_and_the_exit_raises(
    counting_uow: EndCountingUnitOfWork,
) -> None:
    """close() belongs after the block: inside it, the work is finished once, then the block
    raises TransactionError and the unit of work is free again."""
    opened: list[Transaction] = []

    async def close_inside() -> None:
        async with counting_uow as tx:
            opened.append(tx)
            await tx.commit()
            await tx.detach()
            await tx.close()

    with pytest.raises(TransactionError, match="closed inside its block"):
        await close_inside()
    assert opened[0].status is TransactionStatus.closed
    assert (counting_uow.commits, counting_uow.rollbacks, counting_uow.ends) == (1, 0, 1)
    async with counting_uow as next_tx:
        await next_tx.rollback()
    assert (counting_uow.starts, counting_uow.ends) == (2, 2)


async def test_a_transaction_is_itself_an_async_context_manager(
    notes_bus: AsyncMessageBus[Any], counting_uow: EndCountingUnitOfWork
) -> None:
    """``async with AsyncUnitOfWorkTransaction(uow)`` begins and ends like ``async with uow``."""
    transaction = AsyncUnitOfWorkTransaction(counting_uow)
    async with transaction as tx:
        assert tx is transaction
        await notes_bus.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.commit()
    assert tx.status is TransactionStatus.closed
    assert (counting_uow.starts, counting_uow.ends, list(counting_uow.durable)) == (1, 1, ["n-1"])
    assert counting_uow.metrics_store.calls[0] == ("beginned",)


async def test_entering_a_transaction_that_is_not_running_is_a_transaction_error(
    counting_uow: EndCountingUnitOfWork,
) -> None:
    """Nothing begins: no start_transaction, no begin counted, the unit of work stays free."""
    transaction = AsyncUnitOfWorkTransaction(counting_uow)
    transaction.status = TransactionStatus.committed
    with pytest.raises(TransactionError, match="committed"):
        async with transaction:
            pass  # pragma: no cover
    assert (counting_uow.starts, counting_uow.metrics_store.calls) == (0, [])
    async with counting_uow as tx:
        await tx.rollback()


async def test_entering_a_transaction_while_its_unit_of_work_has_one_is_a_transaction_error(
    uow: NotesUnitOfWork,
) -> None:
    """A transaction entered directly also respects one transaction per unit of work."""
    async with uow as tx:
        with pytest.raises(TransactionError, match="already has a transaction"):
            async with AsyncUnitOfWorkTransaction(uow):
                pass  # pragma: no cover
        await tx.commit()


async def test_collect_new_events_after_a_commit_yields_the_events_left_on_committed_models(
    uow: NotesUnitOfWork,
) -> None:
    """Events raised outside the bus in a committed transaction are still collectable, in
    repository then model order, once each."""
    async with uow as tx:
        await raise_from_a_note(tx, Step(label="a"), Step(label="b"))
        await raise_from_a_note(tx, Step(label="c"))
        await tx.commit()
    assert list(uow.collect_new_events()) == [Step(label=label) for label in "abc"]
    assert list(uow.collect_new_events()) == []


async def test_events_left_on_committed_models_never_reach_the_next_transaction(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """The next transaction starts with empty ``seen`` lists: its handle processes only its
    own events, and the old ones are no longer collectable."""
    async with uow as tx:
        await raise_from_a_note(tx, NoteWritten(id="left", text="outside the bus"))
        await tx.commit()
    async with uow as tx:
        await notes_bus.handle(WriteNote(id="n-1", text="kept"), tx)
        await tx.commit()
    assert [m["payload"] for m in transport.sent] == ['{"id":"n-1","text":"kept"}']
    assert list(uow.collect_new_events()) == []
