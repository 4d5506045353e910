"""Units of work and their transactions: statuses, commit, rollback, detach and metrics."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from core.bus import (
    AsyncMessageBus,
    AsyncSinkholeMessageStoreRepository,
    AsyncUnitOfWorkTransaction,
    SinkholeMetricsStore,
    TransactionError,
    TransactionStatus,
)

from .fakes import (
    BareUnitOfWork,
    CountingFactory,
    Mailer,
    NotesUnitOfWork,
    RecordingTransport,
    Transaction,
    handle_and_commit,
    raise_from_a_note,
)
from .messages import NoteWritten, PublishedStep, Start, Step, WriteNote


async def test_entering_a_unit_of_work_yields_a_running_transaction_on_it(
    uow: NotesUnitOfWork,
) -> None:
    """``async with uow as tx`` gives a running transaction whose ``uow`` is the unit of work."""
    async with uow as tx:
        assert isinstance(tx, AsyncUnitOfWorkTransaction)
        assert (tx.uow, tx.status) == (uow, TransactionStatus.running)
        await tx.commit()


async def test_the_transaction_forwards_unknown_attributes_to_the_unit_of_work(
    uow: NotesUnitOfWork,
) -> None:
    """Repositories are reachable through the transaction."""
    async with uow as tx:
        assert tx.notes is uow.notes
        await tx.commit()


async def test_a_committed_transaction_is_closed_when_its_block_ends(uow: NotesUnitOfWork) -> None:
    """The status goes running, committed, then closed."""
    async with uow as tx:
        await tx.commit()
        assert tx.status is TransactionStatus.committed
    assert tx.status is TransactionStatus.closed
    assert (uow.commits, uow.rollbacks) == (1, 0)


async def test_a_rolled_back_transaction_is_closed_when_its_block_ends(
    uow: NotesUnitOfWork,
) -> None:
    """The status goes running, rolledback, then closed."""
    async with uow as tx:
        await tx.rollback()
        assert tx.status is TransactionStatus.rolledback
    assert tx.status is TransactionStatus.closed
    assert (uow.commits, uow.rollbacks) == (0, 1)


async def test_a_block_left_without_commit_or_rollback_is_a_transaction_error(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """Forgetting to finish a transaction raises TransactionError and keeps nothing."""
    with pytest.raises(TransactionError):
        async with uow as tx:
            await notes_bus.handle(WriteNote(id="n-1", text="hi"), tx)
    assert (uow.commits, uow.rollbacks) == (0, 1)
    assert uow.notes.notes == {}
    assert transport.sent == []


async def test_a_block_left_without_commit_tells_dependencies_about_the_rollback(
    uow: NotesUnitOfWork,
) -> None:
    """The implicit rollback runs the after-rollback hooks like an explicit one."""
    mailers = CountingFactory()

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        """Use the mailer."""

    bus: AsyncMessageBus[Any] = AsyncMessageBus(mailer=mailers)
    bus.add_listener(WriteNote, write_note)
    with pytest.raises(TransactionError):
        async with uow as tx:
            await bus.handle(WriteNote(id="n-1", text="hi"), tx)
    assert mailers.made[0].outcomes == ["rollback"]


async def test_committing_twice_is_a_transaction_error(uow: NotesUnitOfWork) -> None:
    """commit on a committed transaction is refused, and the work stays committed."""

    async def commit_twice() -> None:
        async with uow as tx:
            await tx.commit()
            await tx.commit()

    with pytest.raises(TransactionError):
        await commit_twice()
    assert (uow.commits, uow.rollbacks) == (1, 0)


async def test_committing_after_a_rollback_is_a_transaction_error(uow: NotesUnitOfWork) -> None:
    """commit on a rolled back transaction is refused, and nothing is committed."""

    async def commit_after_rollback() -> None:
        async with uow as tx:
            await tx.rollback()
            await tx.commit()

    with pytest.raises(TransactionError):
        await commit_after_rollback()
    assert (uow.commits, uow.rollbacks) == (0, 1)


async def test_an_exception_in_the_block_rolls_back_and_propagates(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """An exception rolls a running transaction back, reaches the caller, and the status says
    rolledback (as in messagebus)."""
    opened: list[Transaction] = []

    async def fail_after_handling() -> None:
        async with uow as tx:
            opened.append(tx)
            await notes_bus.handle(WriteNote(id="n-1", text="hi"), tx)
            raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        await fail_after_handling()
    assert (uow.commits, uow.rollbacks) == (0, 1)
    assert uow.notes.notes == {}
    assert transport.sent == []
    assert opened[0].status is TransactionStatus.rolledback


async def test_an_exception_after_commit_never_rolls_back(uow: NotesUnitOfWork) -> None:
    """Committed work is not rolled back by a later exception in the block."""
    mailer = Mailer()

    async def fail_after_commit() -> None:
        async with uow as tx:
            tx.add_listener(mailer)
            await tx.commit()
            raise KeyError("after commit")

    with pytest.raises(KeyError, match="after commit"):
        await fail_after_commit()
    assert (uow.commits, uow.rollbacks) == (1, 0)
    assert mailer.outcomes == ["commit"]


async def test_after_commit_hooks_run_on_commit_only(uow: NotesUnitOfWork) -> None:
    """A listener of a committed transaction hears commit and never rollback."""
    mailer = Mailer()
    async with uow as tx:
        tx.add_listener(mailer)
        await tx.commit()
    assert mailer.outcomes == ["commit"]


async def test_after_rollback_hooks_run_on_rollback_only(uow: NotesUnitOfWork) -> None:
    """A listener of a rolled back transaction hears rollback and never commit."""
    mailer = Mailer()
    async with uow as tx:
        tx.add_listener(mailer)
        await tx.rollback()
    assert mailer.outcomes == ["rollback"]


async def test_rollback_discards_seen_models_pending_messages_and_the_stream_buffer(
    uow: NotesUnitOfWork,
) -> None:
    """Nothing the rolled back transaction produced survives in the unit of work."""
    async with uow as tx:
        note = await raise_from_a_note(tx, PublishedStep(label="pending"))
        await uow.messagestore.add(PublishedStep(label="buffered"))
        await tx.rollback()
        assert list(uow.notes.seen) == []
        assert list(note.messages) == []
        assert uow.messagestore.stream_buffer == []


async def test_a_failed_transaction_leaks_nothing_into_the_next_one(
    uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """Events raised before a handler failed are never processed nor published later."""
    processed: list[str] = []

    async def start(command: Start, tx: Transaction) -> None:
        await raise_from_a_note(tx, PublishedStep(label=command.label))
        if command.label == "fails":
            raise ValueError("handler failed after raising an event")

    async def published_step(event: PublishedStep, tx: Transaction) -> None:
        processed.append(event.label)

    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.add_listener(Start, start)
    bus.add_listener(PublishedStep, published_step)
    with pytest.raises(ValueError, match="handler failed"):
        await handle_and_commit(bus, uow, Start(label="fails"))
    await handle_and_commit(bus, uow, Start(label="works"))
    assert processed == ["works"]
    assert [message["payload"] for message in transport.sent] == ['{"label":"works"}']


async def test_a_buffered_published_event_of_a_failed_transaction_is_never_published(
    uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """An event already stored when a later handler fails is dropped with the transaction."""

    async def start(command: Start, tx: Transaction) -> None:
        await raise_from_a_note(tx, PublishedStep(label=command.label), Step(label=command.label))

    async def step(event: Step, tx: Transaction) -> None:
        if event.label == "fails":
            raise ValueError("second event failed")

    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.add_listener(Start, start)
    bus.add_listener(Step, step)
    with pytest.raises(ValueError, match="second event failed"):
        await handle_and_commit(bus, uow, Start(label="fails"))
    await handle_and_commit(bus, uow, Start(label="works"))
    assert [message["payload"] for message in transport.sent] == ['{"label":"works"}']


async def test_a_model_changed_outside_the_bus_is_forgotten_after_rollback(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """Events on a model added directly in a rolled back block never reach the next handle."""
    async with uow as tx:
        await raise_from_a_note(tx, NoteWritten(id="ghost", text="never"))
        await tx.rollback()
    async with uow as tx:
        await notes_bus.handle(WriteNote(id="n-1", text="kept"), tx)
        await tx.commit()
    assert [m["payload"] for m in transport.sent] == ['{"id":"n-1","text":"kept"}']


async def test_a_detached_transaction_is_rolled_back_by_close(uow: NotesUnitOfWork) -> None:
    """Leaving the block detached is allowed; close later rolls back uncommitted work."""
    async with uow as tx:
        await tx.detach()
        assert tx.status is TransactionStatus.streaming
    assert uow.rollbacks == 0
    await tx.close()
    assert tx.status is TransactionStatus.closed
    assert (uow.commits, uow.rollbacks) == (0, 1)


async def test_a_transaction_committed_before_detaching_is_not_rolled_back_by_close(
    uow: NotesUnitOfWork,
) -> None:
    """close keeps work that was committed before detach."""
    async with uow as tx:
        await tx.commit()
        await tx.detach()
    await tx.close()
    assert tx.status is TransactionStatus.closed
    assert (uow.commits, uow.rollbacks) == (1, 0)


async def test_a_closed_detached_transaction_frees_the_unit_of_work(uow: NotesUnitOfWork) -> None:
    """After close the unit of work accepts a new transaction."""
    async with uow as tx:
        await tx.detach()
    await tx.close()
    async with uow as next_tx:
        await next_tx.commit()
    assert next_tx is not tx
    assert uow.commits == 1


async def test_entering_a_unit_of_work_with_a_running_transaction_is_a_transaction_error(
    uow: NotesUnitOfWork,
) -> None:
    """One transaction at a time per unit of work."""
    opened: list[Transaction] = []

    async def enter_twice() -> None:
        async with uow as tx:
            opened.append(tx)
            async with uow:
                pass  # pragma: no cover

    with pytest.raises(TransactionError):
        await enter_twice()
    assert opened[0].status is TransactionStatus.rolledback
    assert (uow.commits, uow.rollbacks) == (0, 1)


async def test_a_unit_of_work_can_run_transactions_one_after_another(
    uow: NotesUnitOfWork,
) -> None:
    """Finishing a transaction lets the same unit of work open the next one."""
    async with uow as first:
        await first.commit()
    async with uow as second:
        await second.rollback()
    assert first is not second
    assert (uow.commits, uow.rollbacks) == (1, 1)


async def test_two_units_of_work_run_transactions_concurrently(
    notes_bus: AsyncMessageBus[Any],
) -> None:
    """One unit of work per task: overlapping transactions do not see each other's work."""
    first, second = NotesUnitOfWork(), NotesUnitOfWork()
    both_inside = asyncio.Barrier(2)

    async def write(uow: NotesUnitOfWork, command: WriteNote) -> None:
        async with uow as tx:
            await notes_bus.handle(command, tx)
            await both_inside.wait()
            await tx.commit()

    await asyncio.gather(
        write(first, WriteNote(id="a", text="first")),
        write(second, WriteNote(id="b", text="second")),
    )
    assert (list(first.durable), list(second.durable)) == (["a"], ["b"])
    assert [len(uow.messagestore.stored) for uow in (first, second)] == [2, 2]


def test_each_unit_of_work_has_its_own_default_stores() -> None:
    """Two instances never share a message store or a metrics store."""
    first, second = BareUnitOfWork(), BareUnitOfWork()
    assert isinstance(first.messagestore, AsyncSinkholeMessageStoreRepository)
    assert isinstance(first.metrics_store, SinkholeMetricsStore)
    assert first.messagestore is not second.messagestore
    assert first.metrics_store is not second.metrics_store


def test_a_unit_of_work_keeps_the_same_stores_between_reads() -> None:
    """Reading the default stores twice gives the same objects."""
    uow = BareUnitOfWork()
    assert uow.messagestore is uow.messagestore
    assert uow.metrics_store is uow.metrics_store


async def test_a_bare_unit_of_work_runs_a_command_through_the_bus() -> None:
    """The default sinkhole stores are enough to handle and commit a command."""
    handled: list[str] = []

    async def start(command: Start, tx: Any) -> None:
        handled.append(command.label)

    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.add_listener(Start, start)
    async with BareUnitOfWork() as tx:
        await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert handled == ["C"]


async def test_the_metrics_store_sees_a_committed_transaction(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Begin, timed handling, one count per processed message, and the closing status."""
    command = WriteNote(id="n-1", text="hi")
    async with uow as tx:
        await notes_bus.handle(command, tx)
        await tx.commit()
    assert uow.metrics_store.calls == [
        ("beginned",),
        ("timer started", command),
        ("processed", "bus_test_write_note_v1"),
        ("processed", "bus_test_note_written_v1"),
        ("timer stopped", command),
        ("closed", TransactionStatus.committed),
    ]


async def test_the_metrics_store_sees_a_failed_transaction(uow: NotesUnitOfWork) -> None:
    """A block that raises counts as failed and closes rolled back; the timer still stops."""

    async def start(command: Start, tx: Transaction) -> None:
        raise ValueError("handler failed")

    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.add_listener(Start, start)
    command = Start(label="C")
    with pytest.raises(ValueError, match="handler failed"):
        async with uow as tx:
            await bus.handle(command, tx)
    calls = uow.metrics_store.calls
    assert ("timer stopped", command) in calls
    assert ("failed",) in calls
    assert calls[-1] == ("closed", TransactionStatus.rolledback)
