"""Registering handlers: ``@async_listen``, ``add_listener`` and ``remove_listener``."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import AsyncMessageBus, ConfigurationError, Metadata, Model, async_listen

from .fakes import Mailer, NotesUnitOfWork, Transaction, raise_from_a_note
from .messages import Start, Step, WriteNote


async def write_note(command: WriteNote, tx: Transaction) -> str:
    """Handle WriteNote."""
    return command.text


async def write_note_again(command: WriteNote, tx: Transaction) -> str:
    """A second would-be handler of WriteNote."""
    return "again"


def recorder(calls: list[str], name: str) -> Any:
    """An event handler that appends ``name`` to ``calls`` when it runs."""

    async def record(event: Step, tx: Transaction) -> None:
        calls.append(name)

    return record


def test_async_listen_returns_the_function_itself() -> None:
    """The decorator marks the handler without wrapping it."""

    async def handler(command: WriteNote, tx: Transaction) -> None:
        """Do nothing."""

    assert async_listen(handler) is handler


def test_a_command_class_gets_its_handler(bus: AsyncMessageBus[Any]) -> None:
    """add_listener puts a command's handler in the public commands registry."""
    bus.add_listener(WriteNote, write_note)
    assert bus.commands_registry[WriteNote].callback is write_note


def test_a_second_handler_for_one_command_is_a_configuration_error(
    bus: AsyncMessageBus[Any],
) -> None:
    """A command has exactly one handler; the first one stays."""
    bus.add_listener(WriteNote, write_note)
    with pytest.raises(ConfigurationError):
        bus.add_listener(WriteNote, write_note_again)
    assert bus.commands_registry[WriteNote].callback is write_note


def test_registering_the_same_command_handler_twice_is_a_configuration_error(
    bus: AsyncMessageBus[Any],
) -> None:
    """Even the same function cannot be added twice for one command."""
    bus.add_listener(WriteNote, write_note)
    with pytest.raises(ConfigurationError):
        bus.add_listener(WriteNote, write_note)


def test_an_event_keeps_its_listeners_in_registration_order(bus: AsyncMessageBus[Any]) -> None:
    """Any number of handlers listen to an event, in the order they were added."""
    calls: list[str] = []
    first, second, third = (recorder(calls, name) for name in ("first", "second", "third"))
    for handler in (first, second, third):
        bus.add_listener(Step, handler)
    assert [hook.callback for hook in bus.events_registry[Step]] == [first, second, third]


async def test_event_listeners_are_called_in_registration_order(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Handling an event runs its listeners in the order they were added."""
    calls: list[str] = []

    async def raise_step(command: Start, tx: Transaction) -> None:
        await raise_from_a_note(tx, Step(label="go"))

    bus.add_listener(Start, raise_step)
    for name in ("first", "second", "third"):
        bus.add_listener(Step, recorder(calls, name))
    async with uow as tx:
        await bus.handle(Start(label="go"), tx)
        await tx.commit()
    assert calls == ["first", "second", "third"]


def test_the_same_function_twice_for_one_event_is_a_configuration_error(
    bus: AsyncMessageBus[Any],
) -> None:
    """One function listens to an event at most once."""
    handler = recorder([], "once")
    bus.add_listener(Step, handler)
    with pytest.raises(ConfigurationError):
        bus.add_listener(Step, handler)
    assert len(bus.events_registry[Step]) == 1


@pytest.mark.parametrize(
    "not_a_message_class",
    [Model, Metadata, str, WriteNote(id="n", text="an instance, not a class")],
    ids=["model", "metadata", "str", "message-instance"],
)
def test_registering_for_something_not_a_command_or_event_class_is_a_configuration_error(
    bus: AsyncMessageBus[Any], not_a_message_class: Any
) -> None:
    """Only command and event classes can have handlers."""
    with pytest.raises(ConfigurationError):
        bus.add_listener(not_a_message_class, write_note)


def test_a_non_async_handler_is_rejected_at_registration(bus: AsyncMessageBus[Any]) -> None:
    """A plain function cannot be a handler of the async bus."""

    def sync_handler(command: WriteNote, tx: Transaction) -> None:
        """Not a coroutine function."""

    with pytest.raises(ConfigurationError):
        bus.add_listener(WriteNote, sync_handler)
    assert WriteNote not in bus.commands_registry


def test_removing_a_command_handler_frees_the_command(bus: AsyncMessageBus[Any]) -> None:
    """After remove_listener the command may get another handler."""
    bus.add_listener(WriteNote, write_note)
    bus.remove_listener(WriteNote, write_note)
    assert WriteNote not in bus.commands_registry
    bus.add_listener(WriteNote, write_note_again)
    assert bus.commands_registry[WriteNote].callback is write_note_again


def test_removing_an_event_listener_keeps_the_others_in_order(bus: AsyncMessageBus[Any]) -> None:
    """remove_listener takes one listener out and leaves the rest as they were."""
    calls: list[str] = []
    first, second, third = (recorder(calls, name) for name in ("first", "second", "third"))
    for handler in (first, second, third):
        bus.add_listener(Step, handler)
    bus.remove_listener(Step, second)
    assert [hook.callback for hook in bus.events_registry[Step]] == [first, third]


def test_a_hook_exposes_the_required_and_optional_dependencies(
    bus: AsyncMessageBus[Any],
) -> None:
    """Parameters after (message, uow) are listed as dependencies, or optional ones if defaulted."""

    async def handler(
        command: WriteNote, tx: Transaction, mailer: Mailer, clock: Any = None
    ) -> None:
        """Use a mailer and maybe a clock."""

    bus.add_listener(WriteNote, handler)
    hook = bus.commands_registry[WriteNote]
    assert hook.callback is handler
    assert hook.dependencies == ["mailer"]
    assert hook.optional_dependencies == ["clock"]


def test_event_hooks_expose_their_callback_and_dependencies(bus: AsyncMessageBus[Any]) -> None:
    """The events registry maps an event class to a list of hooks of the same shape."""

    async def handler(event: Step, tx: Transaction, mailer: Mailer) -> None:
        """Use a mailer."""

    bus.add_listener(Step, handler)
    [hook] = bus.events_registry[Step]
    assert (hook.callback, hook.dependencies, hook.optional_dependencies) == (
        handler,
        ["mailer"],
        [],
    )
