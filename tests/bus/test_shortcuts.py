"""The bus's shortcuts for the library's defaults (the sinkhole metrics store, the message
store's own ``add`` and ``publish_eventstream``, the do-nothing transaction hooks, methods that
return their coroutine) never bypass what a subclass overrides, and keep the call shapes."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from core.bus import (
    AsyncMessageBus,
    GenericCommand,
    Message,
    Metadata,
    SinkholeMetricsStore,
)

from .fakes import (
    NoteRepository,
    NotesUnitOfWork,
    RecordingMessageStore,
    RecordingTransport,
    Transaction,
    handle_and_commit,
    raise_from_a_note,
)
from .messages import NoteWritten, WriteNote


class AddOverridingStore(RecordingMessageStore):
    """A message store whose ``add`` notes each message before doing the base class's work."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.added: list[Message[Any]] = []

    async def add(self, message: Message[Any]) -> None:
        self.added.append(message)
        await super().add(message)


class PublishOverridingStore(RecordingMessageStore):
    """A message store whose ``publish_eventstream`` is an ``async def`` awaiting the base's."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.publications = 0

    async def publish_eventstream(self) -> None:
        self.publications += 1
        await super().publish_eventstream()


class TimedSinkhole(SinkholeMetricsStore):
    """A sinkhole that still records its timer and the processed messages."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def inc_messages_processed_total(self, msg_metadata: Metadata) -> None:
        self.calls.append(msg_metadata.type_string)

    @contextmanager
    def command_processing_timer(self, command: GenericCommand[Any]) -> Iterator[None]:
        self.calls.append("timer started")
        yield
        self.calls.append("timer stopped")


class HookedUnitOfWork(NotesUnitOfWork):
    """A unit of work whose transaction hooks defer to the defaults, and count."""

    def __init__(self, transport: RecordingTransport) -> None:
        super().__init__(transport)
        self.hooks: list[str] = []

    async def start_transaction(self) -> None:
        self.hooks.append("start")
        await super().start_transaction()

    async def end_transaction(self) -> None:
        self.hooks.append("end")
        await super().end_transaction()


def test_handle_and_publish_eventstream_still_look_like_coroutine_functions(
    uow: NotesUnitOfWork,
) -> None:
    """``inspect`` sees ``handle`` and ``publish_eventstream`` as ``async def`` (messagebus)."""
    assert inspect.iscoroutinefunction(AsyncMessageBus().handle)
    assert inspect.iscoroutinefunction(uow.messagestore.publish_eventstream)


async def test_handle_does_nothing_until_it_is_awaited(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Calling ``handle`` runs no handler and stores nothing before the result is awaited."""
    async with uow as tx:
        pending = notes_bus.handle(WriteNote(id="n-1", text="hi"), tx)
        assert (uow.notes.notes, uow.messagestore.stored) == ({}, [])
        await pending
        await tx.commit()
    assert list(uow.notes.notes) == ["n-1"]


async def write_a_note_into(
    store_class: type[RecordingMessageStore],
    bus: AsyncMessageBus[Any],
    transport: RecordingTransport,
) -> Any:
    """Handle one WriteNote and commit, in a unit of work using a ``store_class`` store."""
    uow = NotesUnitOfWork(transport)
    uow.messagestore = store = store_class(uow.messagestore.publisher)
    await handle_and_commit(bus, uow, WriteNote(id="n-1", text="hi"))
    return store


async def test_a_message_store_overriding_add_receives_every_message(
    notes_bus: AsyncMessageBus[Any], transport: RecordingTransport
) -> None:
    """The bus calls an overridden ``add`` for each message, and publishing still works."""
    store = await write_a_note_into(AddOverridingStore, notes_bus, transport)
    assert [type(message) for message in store.added] == [WriteNote, NoteWritten]
    assert store.stored == store.added
    assert transport.sent_types == ["bus_test_note_written_v1"]


async def test_a_message_store_overriding_publish_eventstream_publishes_through_it(
    notes_bus: AsyncMessageBus[Any], transport: RecordingTransport
) -> None:
    """An ``async def publish_eventstream`` calling the base's is awaited once per commit."""
    store = await write_a_note_into(PublishOverridingStore, notes_bus, transport)
    assert store.publications == 1
    assert transport.sent_types == ["bus_test_note_written_v1"]


async def test_a_sinkhole_subclass_is_timed_and_counted(
    notes_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork
) -> None:
    """Only the sinkhole itself skips the timer: a subclass that measures is called."""
    uow.metrics_store = metrics = TimedSinkhole()  # type: ignore[assignment]
    await handle_and_commit(notes_bus, uow, WriteNote(id="n-1", text="hi"))
    assert metrics.calls == [
        "timer started",
        "bus_test_write_note_v1",
        "bus_test_note_written_v1",
        "timer stopped",
    ]


async def test_hooks_that_call_the_defaults_run_once_per_transaction(
    notes_bus: AsyncMessageBus[Any], transport: RecordingTransport
) -> None:
    """Overridden hooks are awaited, around the work, even when they defer to the defaults."""
    uow = HookedUnitOfWork(transport)
    await handle_and_commit(notes_bus, uow, WriteNote(id="n-1", text="hi"))
    async with uow as tx:
        await tx.rollback()
    assert uow.hooks == ["start", "end", "start", "end"]
    assert transport.sent_types == ["bus_test_note_written_v1"]


async def test_events_of_repositories_rebound_by_a_handler_are_collected(
    uow: NotesUnitOfWork,
) -> None:
    """The bus drains the repositories bound when a handler returns, not those of the start."""

    async def replace_the_notes(command: WriteNote, tx: Transaction) -> None:
        tx.uow.notes = NoteRepository()
        tx.bind_repositories()
        await raise_from_a_note(tx, NoteWritten(id=command.id, text=command.text))

    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.add_listener(WriteNote, replace_the_notes)
    await handle_and_commit(bus, uow, WriteNote(id="n-1", text="hi"))
    assert [type(message) for message in uow.messagestore.stored] == [WriteNote, NoteWritten]
