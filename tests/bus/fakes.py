"""Hand-written fakes for the bus tests: every one keeps its state on the instance."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from core.bus import (
    AbstractMetricsStore,
    AsyncAbstractEventstreamTransport,
    AsyncAbstractMessageStoreRepository,
    AsyncAbstractRepository,
    AsyncAbstractUnitOfWork,
    AsyncDependency,
    AsyncEventstreamPublisher,
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    GenericCommand,
    Message,
    Metadata,
    TransactionStatus,
)

from .messages import Note


class NoteRepository(AsyncAbstractRepository[Note]):
    """Notes in a dict; every added note joins ``seen``."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: dict[str, Note] = {}

    async def add(self, note: Note) -> None:
        """Keep ``note`` and mark it as seen."""
        self.notes[note.id] = note
        self.seen.append(note)


class RecordingMessageStore(AsyncAbstractMessageStoreRepository):
    """Remembers, in order, every message the bus stored."""

    def __init__(self, publisher: AsyncEventstreamPublisher | None = None) -> None:
        super().__init__(publisher)
        self.stored: list[Message[Any]] = []

    async def _add(self, message: Message[Any]) -> None:
        self.stored.append(message)


class RecordingTransport(AsyncAbstractEventstreamTransport):
    """Records what it is sent; raises for the message types listed in ``failing_types``."""

    def __init__(self, failing_types: Collection[str] = ()) -> None:
        self.attempted: list[Mapping[str, Any]] = []
        self.sent: list[Mapping[str, Any]] = []
        self.failing_types = set(failing_types)

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        self.attempted.append(message)
        if message["type"] in self.failing_types:
            raise ConnectionError(f"the stream refused {message['type']}")
        self.sent.append(message)

    @property
    def sent_types(self) -> list[str]:
        """The type strings of the delivered messages, in order."""
        return [message["type"] for message in self.sent]


class RecordingMetricsStore(AbstractMetricsStore):
    """Records every metric call as a tuple in ``calls``."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def inc_beginned_transaction_count(self) -> None:
        self.calls.append(("beginned",))

    def inc_transaction_failed(self) -> None:
        self.calls.append(("failed",))

    def inc_transaction_closed_count(self, status: TransactionStatus) -> None:
        self.calls.append(("closed", status))

    def inc_messages_processed_total(self, msg_metadata: Metadata) -> None:
        self.calls.append(("processed", msg_metadata.type_string))

    @contextmanager
    def command_processing_timer(self, command: GenericCommand[Any]) -> Iterator[None]:
        self.calls.append(("timer started", command))
        try:
            yield
        finally:
            self.calls.append(("timer stopped", command))


class NotesUnitOfWork(
    AsyncAbstractUnitOfWork[NoteRepository, RecordingMessageStore, RecordingMetricsStore]
):
    """A unit of work whose commit keeps the notes and whose rollback restores the last commit."""

    def __init__(self, transport: AsyncAbstractEventstreamTransport | None = None) -> None:
        self.notes = NoteRepository()
        self.messagestore = RecordingMessageStore(
            AsyncEventstreamPublisher(transport) if transport is not None else None
        )
        self.metrics_store = RecordingMetricsStore()
        self.durable: dict[str, Note] = {}
        self.commits = 0
        self.rollbacks = 0

    async def commit(self) -> None:
        self.commits += 1
        self.durable = dict(self.notes.notes)

    async def rollback(self) -> None:
        self.rollbacks += 1
        self.notes.notes = dict(self.durable)


class BareUnitOfWork(AsyncAbstractUnitOfWork[Any, Any, Any]):
    """A unit of work with no repositories that keeps the default message and metrics stores."""

    async def commit(self) -> None:
        """Nothing to make durable."""

    async def rollback(self) -> None:
        """Nothing to undo."""


Transaction = AsyncUnitOfWorkTransaction[NotesUnitOfWork]


class Mailer(AsyncDependency):
    """A dependency that records how each transaction using it ended."""

    def __init__(self) -> None:
        self.outcomes: list[str] = []

    async def on_after_commit(self) -> None:
        self.outcomes.append("commit")

    async def on_after_rollback(self) -> None:
        self.outcomes.append("rollback")


class CountingFactory:
    """A zero-argument factory of mailers that keeps every instance it made."""

    def __init__(self) -> None:
        self.made: list[Mailer] = []

    def __call__(self) -> Mailer:
        mailer = Mailer()
        self.made.append(mailer)
        return mailer


async def raise_from_a_note(tx: Transaction, *messages: Message[Any], text: str = "") -> Note:
    """Add a new note carrying ``messages`` to the transaction's repository, as a handler does."""
    note = Note(id=f"note-{len(tx.notes.notes) + 1}", text=text)
    note.messages.extend(messages)
    await tx.notes.add(note)
    return note


async def handle_and_commit(
    bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, command: Any, **transient: Any
) -> Any:
    """Handle ``command`` in a new transaction of ``uow`` and commit, as an entrypoint does."""
    async with uow as tx:
        result = await bus.handle(command, tx, **transient)
        await tx.commit()
    return result
