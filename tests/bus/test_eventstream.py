"""The event stream: what is published, when, in which shape, and delivery failures."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest

from core.bus import (
    AbstractMessageSerializer,
    AsyncEventstreamPublisher,
    AsyncMessageBus,
    AsyncSinkholeEventstreamTransport,
    EventstreamDeliveryError,
    Message,
    MessageSerializer,
)

from .fakes import (
    NotesUnitOfWork,
    RecordingTransport,
    Transaction,
    handle_and_commit,
    raise_from_a_note,
)
from .messages import NoteWritten, PublishedStep, ShelfFilled, Start, Step, WriteNote

PUBLISHED_STEP = "bus_test_published_step_v1"
NOTE_WRITTEN = "bus_test_note_written_v1"


@pytest.fixture
def chain_bus() -> AsyncMessageBus[Any]:
    """A bus whose Start handler raises published and unpublished events, mixed."""

    async def start(command: Start, tx: Transaction) -> None:
        await raise_from_a_note(
            tx,
            PublishedStep(label="first"),
            Step(label="private"),
            NoteWritten(id="n-1", text="second"),
            PublishedStep(label="third"),
        )

    bus: AsyncMessageBus[Any] = AsyncMessageBus()
    bus.add_listener(Start, start)
    return bus


class TypeOnlySerializer(AbstractMessageSerializer):
    """A custom serializer that keeps only the type string."""

    def serialize_message(self, message: Message[Any]) -> Mapping[str, Any]:
        return {"type": MessageSerializer().serialize_message(message)["type"]}


async def test_published_messages_are_sent_in_order_after_the_commit(
    chain_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """Only messages whose metadata says published leave, in the order they were processed."""
    async with uow as tx:
        await chain_bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert transport.sent_types == [PUBLISHED_STEP, NOTE_WRITTEN, PUBLISHED_STEP]
    assert [json.loads(m["payload"]) for m in transport.sent] == [
        {"label": "first"},
        {"id": "n-1", "text": "second"},
        {"label": "third"},
    ]


async def test_nothing_is_published_before_the_block_ends(
    chain_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """Messages leave when the committed transaction's block exits, not earlier."""
    async with uow as tx:
        await chain_bus.handle(Start(label="C"), tx)
        sent_before_commit = list(transport.sent)
        await tx.commit()
        sent_after_commit = list(transport.sent)
    assert (sent_before_commit, sent_after_commit) == ([], [])
    assert len(transport.sent) == 3


async def test_nothing_is_published_after_a_rollback(
    chain_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """A rolled back transaction sends nothing to the event stream."""
    async with uow as tx:
        await chain_bus.handle(Start(label="C"), tx)
        await tx.rollback()
    assert transport.attempted == []


async def test_nothing_is_published_after_an_exception(
    chain_bus: AsyncMessageBus[Any], uow: NotesUnitOfWork, transport: RecordingTransport
) -> None:
    """A block that raises before commit sends nothing to the event stream."""

    async def fail_after_handling() -> None:
        async with uow as tx:
            await chain_bus.handle(Start(label="C"), tx)
            raise LookupError("the caller failed")

    with pytest.raises(LookupError):
        await fail_after_handling()
    assert transport.attempted == []


async def test_a_message_store_without_publisher_publishes_nothing(
    chain_bus: AsyncMessageBus[Any],
) -> None:
    """With no publisher, committed published messages are stored but sent nowhere."""
    uow = NotesUnitOfWork(transport=None)
    async with uow as tx:
        await chain_bus.handle(Start(label="C"), tx)
        await tx.commit()
    assert len(uow.messagestore.stored) == 5
    assert uow.messagestore.stream_buffer == []


def test_the_serializer_output_has_exactly_id_created_at_type_and_payload() -> None:
    """The wire format is the four documented keys with a compact JSON payload."""
    event = NoteWritten(id="n-1", text="hello, world")
    assert MessageSerializer().serialize_message(event) == {
        "id": str(event.message_id),
        "created_at": event.created_at.isoformat(),
        "type": NOTE_WRITTEN,
        "payload": '{"id":"n-1","text":"hello, world"}',
    }


def test_the_payload_is_pydantics_json_of_the_messages_own_fields() -> None:
    """The payload is what ``model_dump_json`` writes without id, time and metadata, for
    fields of every kind (text beyond ASCII, lists, times, ids, ``None``, mappings)."""
    event = ShelfFilled(
        shelf=UUID(int=7),
        title='Ölüdeniz "ﺏ" \u200f\n',
        authors=["Ann", "Bé"],
        when=datetime(2026, 11, 29, 18, 0, 1, 5, tzinfo=UTC),
        rating=None,
        counts={"read": 3},
    )
    payload = MessageSerializer().serialize_message(event)["payload"]
    assert payload == event.model_dump_json(exclude={"message_id", "created_at", "metadata"})


def test_the_payload_holds_only_the_messages_own_fields() -> None:
    """The id, creation time and metadata are not repeated inside the payload."""
    payload = json.loads(MessageSerializer().serialize_message(Step(label="s"))["payload"])
    assert payload == {"label": "s"}


def test_a_serialized_message_deserializes_to_an_equal_message() -> None:
    """The round trip through JSON keeps the class, the payload, the id and the time."""
    serializer = MessageSerializer()
    event = NoteWritten(id="n-1", text="hello")
    wire = json.loads(json.dumps(serializer.serialize_message(event)))
    back = serializer.deserialize_message(wire)
    assert type(back) is NoteWritten
    assert back == event
    assert (back.message_id, back.created_at) == (event.message_id, event.created_at)


async def test_the_publisher_sends_the_serializers_output(transport: RecordingTransport) -> None:
    """The publisher hands the configured serializer's mapping to the transport."""
    publisher = AsyncEventstreamPublisher(transport, TypeOnlySerializer())
    await publisher.send_messages([PublishedStep(label="a")])
    assert transport.sent == [{"type": PUBLISHED_STEP}]


async def test_the_publishers_default_serializer_is_the_message_serializer(
    transport: RecordingTransport,
) -> None:
    """Without a serializer the publisher sends MessageSerializer's format."""
    event = PublishedStep(label="a")
    await AsyncEventstreamPublisher(transport).send_messages([event])
    assert transport.sent == [MessageSerializer().serialize_message(event)]


async def test_a_sinkhole_transport_lets_a_committed_transaction_publish_into_nothing(
    chain_bus: AsyncMessageBus[Any],
) -> None:
    """The sinkhole transport accepts every published message and keeps none."""
    uow = NotesUnitOfWork(AsyncSinkholeEventstreamTransport())
    async with uow as tx:
        await chain_bus.handle(Start(label="C"), tx)
        buffered = list(uow.messagestore.stream_buffer)
        await tx.commit()
    assert len(buffered) == 3
    assert uow.messagestore.stream_buffer == []


async def test_a_failed_delivery_does_not_stop_the_rest_of_the_batch(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every message of the batch is attempted; the failure is logged and raised after."""
    transport = RecordingTransport(failing_types={NOTE_WRITTEN})
    batch = [PublishedStep(label="a"), NoteWritten(id="n", text="b"), PublishedStep(label="c")]
    with (
        caplog.at_level(logging.ERROR, logger="core.bus"),
        pytest.raises(EventstreamDeliveryError) as raised,
    ):
        await AsyncEventstreamPublisher(transport).send_messages(batch)
    assert [m["type"] for m in transport.attempted] == [
        PUBLISHED_STEP,
        NOTE_WRITTEN,
        PUBLISHED_STEP,
    ]
    assert transport.sent_types == [PUBLISHED_STEP, PUBLISHED_STEP]
    assert [message for message, _ in raised.value.failures] == [batch[1]]
    assert any(NOTE_WRITTEN in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


async def test_a_delivery_failure_after_commit_keeps_the_committed_data(
    chain_bus: AsyncMessageBus[Any], caplog: pytest.LogCaptureFixture
) -> None:
    """The block raises EventstreamDeliveryError, yet nothing is rolled back."""
    transport = RecordingTransport(failing_types={NOTE_WRITTEN})
    uow = NotesUnitOfWork(transport)
    with (
        caplog.at_level(logging.ERROR, logger="core.bus"),
        pytest.raises(EventstreamDeliveryError),
    ):
        await handle_and_commit(chain_bus, uow, Start(label="C"))
    assert (uow.commits, uow.rollbacks) == (1, 0)
    assert list(uow.durable) == ["note-1"]
    assert transport.sent_types == [PUBLISHED_STEP, PUBLISHED_STEP]
    assert any(r.levelno >= logging.ERROR for r in caplog.records)


async def test_the_unit_of_work_works_again_after_a_delivery_failure(
    chain_bus: AsyncMessageBus[Any],
) -> None:
    """A delivery failure closes the transaction; the next one runs and publishes normally."""

    async def write_note(command: WriteNote, tx: Transaction) -> None:
        await raise_from_a_note(tx, PublishedStep(label=command.text))

    chain_bus.add_listener(WriteNote, write_note)
    transport = RecordingTransport(failing_types={NOTE_WRITTEN})
    uow = NotesUnitOfWork(transport)
    with pytest.raises(EventstreamDeliveryError):
        await handle_and_commit(chain_bus, uow, Start(label="C"))
    async with uow as tx:
        await chain_bus.handle(WriteNote(id="n-2", text="later"), tx)
        await tx.commit()
    assert [json.loads(m["payload"])["label"] for m in transport.sent] == [
        "first",
        "third",
        "later",
    ]
