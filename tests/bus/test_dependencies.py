"""Dependencies handlers receive by parameter name."""

from __future__ import annotations

from typing import Any

import pytest

from core.bus import AsyncMessageBus, MissingDependencyError

from .fakes import (
    CountingFactory,
    Mailer,
    NotesUnitOfWork,
    Transaction,
    handle_and_commit,
    raise_from_a_note,
)
from .messages import Start, Step, WriteNote


@pytest.fixture
def mailers() -> CountingFactory:
    """A factory of mailers that counts what it made."""
    return CountingFactory()


@pytest.fixture
def clocks() -> CountingFactory:
    """A second factory, for a dependency most handlers do not ask for."""
    return CountingFactory()


@pytest.fixture
def bus_with_factories(mailers: CountingFactory, clocks: CountingFactory) -> AsyncMessageBus[Any]:
    """A bus that can provide a ``mailer`` and a ``clock``."""
    return AsyncMessageBus(mailer=mailers, clock=clocks)


async def test_a_dependency_is_looked_up_by_parameter_name(
    bus_with_factories: AsyncMessageBus[Any], mailers: CountingFactory, uow: NotesUnitOfWork
) -> None:
    """A handler's ``mailer`` parameter receives what the ``mailer`` factory made."""
    received: list[Mailer] = []

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        received.append(mailer)

    bus_with_factories.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus_with_factories.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.commit()
    assert received == mailers.made
    assert len(received) == 1


async def test_a_class_is_a_valid_factory(uow: NotesUnitOfWork) -> None:
    """A dependency class itself is a zero-argument factory."""
    received: list[Any] = []

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        received.append(mailer)

    bus: AsyncMessageBus[Any] = AsyncMessageBus(mailer=Mailer)
    bus.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.commit()
    assert [type(mailer) for mailer in received] == [Mailer]


async def test_dependencies_no_handler_needs_are_never_instantiated(
    bus_with_factories: AsyncMessageBus[Any],
    mailers: CountingFactory,
    clocks: CountingFactory,
    uow: NotesUnitOfWork,
) -> None:
    """Factories run lazily: only for dependencies a handler of this call asks for."""

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        """Use the mailer only."""

    async def start(command: Start, tx: Transaction) -> None:
        """Use nothing."""

    bus_with_factories.add_listener(WriteNote, write_note)
    bus_with_factories.add_listener(Start, start)
    async with uow as tx:
        await bus_with_factories.handle(Start(label="C"), tx)
        await tx.commit()
    assert (len(mailers.made), len(clocks.made)) == (0, 0)
    async with uow as tx:
        await bus_with_factories.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.commit()
    assert (len(mailers.made), len(clocks.made)) == (1, 0)


async def test_handlers_of_one_handle_call_share_one_instance(
    bus_with_factories: AsyncMessageBus[Any], mailers: CountingFactory, uow: NotesUnitOfWork
) -> None:
    """A dependency is made once per handle call, however many handlers use it."""
    received: list[Mailer] = []

    async def start(command: Start, tx: Transaction, mailer: Mailer) -> None:
        received.append(mailer)
        await raise_from_a_note(tx, Step(label="E1"), Step(label="E2"))

    async def step(event: Step, tx: Transaction, mailer: Mailer) -> None:
        received.append(mailer)

    bus_with_factories.add_listener(Start, start)
    bus_with_factories.add_listener(Step, step)
    async with uow as tx:
        await bus_with_factories.handle(Start(label="C"), tx)
        await tx.commit()
    assert len(mailers.made) == 1
    assert received == [mailers.made[0]] * 3


async def test_a_transient_dependency_overrides_the_bus_level_one(
    bus_with_factories: AsyncMessageBus[Any], mailers: CountingFactory, uow: NotesUnitOfWork
) -> None:
    """An instance passed to handle wins, and the bus's factory is not called."""
    received: list[Mailer] = []
    own_mailer = Mailer()

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        received.append(mailer)

    bus_with_factories.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus_with_factories.handle(WriteNote(id="n-1", text="hi"), tx, mailer=own_mailer)
        await tx.commit()
    assert received == [own_mailer]
    assert mailers.made == []


async def test_a_transient_dependency_works_without_any_factory(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """A bus with no factories can still receive dependencies per handle call."""
    received: list[Mailer] = []
    own_mailer = Mailer()

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        received.append(mailer)

    bus.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus.handle(WriteNote(id="n-1", text="hi"), tx, mailer=own_mailer)
        await tx.commit()
    assert received == [own_mailer]


async def test_an_optional_dependency_is_passed_when_available(
    bus_with_factories: AsyncMessageBus[Any], clocks: CountingFactory, uow: NotesUnitOfWork
) -> None:
    """A parameter with a default receives the dependency when the bus has it."""
    received: list[Any] = []

    async def write_note(command: WriteNote, tx: Transaction, clock: Any = "default") -> None:
        received.append(clock)

    bus_with_factories.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus_with_factories.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.commit()
    assert received == clocks.made
    assert len(received) == 1


async def test_an_optional_dependency_keeps_its_default_when_unavailable(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """A parameter with a default is left to its default when nobody provides it."""
    received: list[Any] = []

    async def write_note(command: WriteNote, tx: Transaction, clock: Any = "default") -> None:
        received.append(clock)

    bus.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.commit()
    assert received == ["default"]


async def test_a_missing_required_dependency_is_an_error_naming_it(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """A required dependency that nobody provides raises MissingDependencyError with its name."""

    async def write_note(command: WriteNote, tx: Transaction, spellchecker: Any) -> None:
        """Needs a spellchecker."""

    bus.add_listener(WriteNote, write_note)
    with pytest.raises(MissingDependencyError, match="spellchecker"):
        await handle_and_commit(bus, uow, WriteNote(id="n-1", text="hi"))


async def test_a_used_dependency_is_told_about_the_commit(
    bus_with_factories: AsyncMessageBus[Any], mailers: CountingFactory, uow: NotesUnitOfWork
) -> None:
    """After commit, every dependency a handler used gets on_after_commit, and only that."""

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        """Use the mailer."""

    bus_with_factories.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus_with_factories.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.commit()
        outcomes_at_commit = list(mailers.made[0].outcomes)
    assert outcomes_at_commit == ["commit"]
    assert mailers.made[0].outcomes == ["commit"]


async def test_a_used_dependency_is_told_about_the_rollback(
    bus_with_factories: AsyncMessageBus[Any], mailers: CountingFactory, uow: NotesUnitOfWork
) -> None:
    """After rollback, every dependency a handler used gets on_after_rollback, and only that."""

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        """Use the mailer."""

    bus_with_factories.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus_with_factories.handle(WriteNote(id="n-1", text="hi"), tx)
        await tx.rollback()
    assert mailers.made[0].outcomes == ["rollback"]


async def test_a_dependency_of_a_failed_handle_is_told_about_the_rollback(
    bus_with_factories: AsyncMessageBus[Any], mailers: CountingFactory, uow: NotesUnitOfWork
) -> None:
    """A handler that raises rolls the transaction back, and its dependencies hear of it."""

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        raise ValueError("cannot write")

    bus_with_factories.add_listener(WriteNote, write_note)
    with pytest.raises(ValueError, match="cannot write"):
        await handle_and_commit(bus_with_factories, uow, WriteNote(id="n-1", text="hi"))
    assert mailers.made[0].outcomes == ["rollback"]


async def test_a_transient_dependency_no_handler_used_hears_nothing(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Only dependencies a handler actually received are registered on the transaction."""
    unused = Mailer()

    async def start(command: Start, tx: Transaction) -> None:
        """Use nothing."""

    bus.add_listener(Start, start)
    async with uow as tx:
        await bus.handle(Start(label="C"), tx, mailer=unused)
        await tx.commit()
    assert unused.outcomes == []


async def test_a_used_transient_dependency_is_told_about_the_commit(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """A dependency passed to handle and used by a handler gets on_after_commit once."""
    own_mailer = Mailer()

    async def write_note(command: WriteNote, tx: Transaction, mailer: Mailer) -> None:
        """Use the mailer."""

    bus.add_listener(WriteNote, write_note)
    async with uow as tx:
        await bus.handle(WriteNote(id="n-1", text="hi"), tx, mailer=own_mailer)
        await tx.commit()
    assert own_mailer.outcomes == ["commit"]
