"""Handling a command: queue order, results, follow-ups, the message store and failures."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from pydantic import BaseModel

from core.bus import AsyncMessageBus, Message, Metadata

from .fakes import NotesUnitOfWork, Transaction, handle_and_commit, raise_from_a_note
from .messages import FollowUp, Note, PublishedStep, Start, Step, Unhandled, WriteNote


class BareMessage(Message[Metadata]):
    """A message that is neither a command nor an event."""

    metadata: Metadata = Metadata(name="bus_test_bare_message", schema_version=1)


def script(
    bus: AsyncMessageBus[Any], plan: Mapping[str, Iterable[str]], processed: list[str]
) -> None:
    """Handle Start and Step by recording the label and raising the steps planned after it."""

    async def run(message: Start | Step, tx: Transaction) -> str:
        processed.append(message.label)
        await raise_from_a_note(tx, *(Step(label=label) for label in plan.get(message.label, ())))
        return f"handled {message.label}"

    bus.add_listener(Start, run)
    bus.add_listener(Step, run)


def labels(messages: Iterable[Any]) -> list[str]:
    """The label of each message, in order."""
    return [message.label for message in messages]


async def test_messages_are_processed_breadth_first(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Events raised while handling an event wait behind the events raised before them."""
    processed: list[str] = []
    script(bus, {"C": ["E1", "E2"], "E1": ["E3"], "E2": ["E4"]}, processed)
    async with uow as tx:
        await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert processed == ["C", "E1", "E2", "E3", "E4"]


async def test_the_events_of_each_listener_join_the_queue_after_that_listener(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Two listeners of one event each raise an event; they are queued in listener order."""
    processed: list[str] = []
    script(bus, {"C": ["E1"], "E1": ["from first"]}, processed)

    async def second_listener(event: Step, tx: Transaction) -> None:
        if event.label == "E1":
            await raise_from_a_note(tx, Step(label="from second"))

    bus.add_listener(Step, second_listener)
    async with uow as tx:
        await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert processed == ["C", "E1", "from first", "from second"]


async def test_handlers_receive_the_transaction_they_run_in(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """The second argument of every handler is the transaction passed to handle."""
    received: list[Any] = []

    async def start(command: Start, tx: Transaction) -> None:
        received.append(tx)
        await raise_from_a_note(tx, Step(label="E1"))

    async def step(event: Step, tx: Transaction) -> None:
        received.append(tx)

    bus.add_listener(Start, start)
    bus.add_listener(Step, step)
    async with uow as tx:
        await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert received == [tx, tx]


async def test_handle_returns_the_result_of_the_commands_handler(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """The value the command's handler returns is what handle returns."""
    script(bus, {"C": ["E1"]}, [])
    async with uow as tx:
        result = await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert result == "handled C"


async def test_a_follow_up_commands_result_does_not_replace_the_first_one(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Only the first command's handler provides the result of handle."""

    async def start(command: Start, tx: Transaction) -> str:
        await raise_from_a_note(tx, FollowUp(label="next"))
        return "first"

    async def follow_up(command: FollowUp, tx: Transaction) -> str:
        return "second"

    bus.add_listener(Start, start)
    bus.add_listener(FollowUp, follow_up)
    async with uow as tx:
        result = await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert result == "first"


async def test_a_command_without_handler_returns_none_and_logs_a_warning(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, caplog: pytest.LogCaptureFixture
) -> None:
    """An unhandled command is not silent: a warning names it."""
    with caplog.at_level(logging.WARNING, logger="core.bus"):
        async with uow as tx:
            result = await bus.handle(Unhandled(), tx)
            await tx.commit()
    assert result is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("bus_test_unhandled" in text or "Unhandled" in text for text in warnings)


async def test_an_event_without_listener_logs_no_warning(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, caplog: pytest.LogCaptureFixture
) -> None:
    """Events may have no listener at all; that is normal, not a warning."""

    async def raise_published(command: WriteNote, tx: Transaction) -> None:
        await raise_from_a_note(tx, PublishedStep(label="nobody listens"))

    bus.add_listener(WriteNote, raise_published)
    with caplog.at_level(logging.WARNING, logger="core.bus"):
        async with uow as tx:
            await bus.handle(WriteNote(id="n-1", text="hi"), tx)
            await tx.commit()
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_follow_up_commands_raised_by_models_are_dispatched(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """A command a model raises is handled by its own handler in the same handle call."""
    followed: list[str] = []

    async def start(command: Start, tx: Transaction) -> None:
        await raise_from_a_note(tx, FollowUp(label="next"))

    async def follow_up(command: FollowUp, tx: Transaction) -> None:
        followed.append(command.label)

    bus.add_listener(Start, start)
    bus.add_listener(FollowUp, follow_up)
    async with uow as tx:
        await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert followed == ["next"]


async def test_every_processed_message_is_stored_in_processing_order(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """The message store receives the command and every event, handled or not, in order."""

    async def start(command: Start, tx: Transaction) -> None:
        await raise_from_a_note(tx, Step(label="E1"), PublishedStep(label="P1"))

    async def step(event: Step, tx: Transaction) -> None:
        await raise_from_a_note(
            tx, Step(label="E2") if event.label == "E1" else FollowUp(label="F")
        )

    bus.add_listener(Start, start)
    bus.add_listener(Step, step)
    async with uow as tx:
        await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert uow.messagestore.stored == [
        Start(label="C"),
        Step(label="E1"),
        PublishedStep(label="P1"),
        Step(label="E2"),
        FollowUp(label="F"),
    ]


async def test_the_stored_messages_are_the_very_messages_processed(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """The store gets the command object itself, with its id, not a copy."""
    command = Unhandled()
    async with uow as tx:
        await bus.handle(command, tx)
        await tx.commit()
    assert [message.message_id for message in uow.messagestore.stored] == [command.message_id]


async def test_handling_something_that_is_not_a_message_is_a_runtime_error(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Only commands and events can be handled."""
    with pytest.raises(RuntimeError):
        await handle_and_commit(bus, uow, "register the book")


async def test_handling_a_message_that_is_neither_command_nor_event_is_a_runtime_error(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """A bare Message subclass is refused too."""
    with pytest.raises(RuntimeError):
        await handle_and_commit(bus, uow, BareMessage())


async def test_a_model_raising_something_that_is_not_a_message_is_a_runtime_error(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Anything a model raises goes through the same check as the command."""

    async def start(command: Start, tx: Transaction) -> None:
        note = Note(id="n-1")
        note.messages.append("not a message")  # type: ignore[arg-type]
        await tx.notes.add(note)

    bus.add_listener(Start, start)
    with pytest.raises(RuntimeError):
        await handle_and_commit(bus, uow, Start(label="C"))


async def test_the_first_exception_stops_processing_and_propagates(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """When a listener raises, no later listener or queued message is processed."""
    processed: list[str] = []
    script(bus, {"C": ["E1", "E2"]}, processed)

    async def explode_on_e1(event: Step, tx: Transaction) -> None:
        if event.label == "E1":
            raise ValueError("listener failed")

    async def never_for_e1(event: Step, tx: Transaction) -> None:
        processed.append(f"late {event.label}")

    bus.add_listener(Step, explode_on_e1)
    bus.add_listener(Step, never_for_e1)
    with pytest.raises(ValueError, match="listener failed"):
        await handle_and_commit(bus, uow, Start(label="C"))
    assert processed == ["C", "E1"]
    assert uow.commits == 0


def model_classes() -> set[type[Any]]:
    """Every pydantic model class currently alive."""
    found: set[type[Any]] = set()
    pending: list[type[Any]] = [BaseModel]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                pending.append(subclass)
    return found


async def test_handling_messages_creates_no_model_classes(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Processing a message never builds a pydantic class, generic or not."""
    plan = {"C": [f"E{i}" for i in range(50)]}
    script(bus, plan, [])
    async with uow as tx:
        await bus.handle(Start(label="warm-up"), tx)
        before = model_classes()
        await bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert model_classes() - before == set()
