"""Messages: ids, timestamps, type strings, equality, the type registry, and models."""

from __future__ import annotations

import importlib
import logging
from datetime import timedelta

import pytest

from core.bus import (
    Command,
    Event,
    GenericEvent,
    Message,
    MessageSerializer,
    Metadata,
)

from . import reloadable_messages
from .messages import Note, NoteWritten, Step, WriteNote


class ChannelMetadata(Metadata):
    """Metadata with an extra field, as a subclass may add."""

    channel: str = "general"


class Broadcast(GenericEvent[ChannelMetadata]):
    """An event whose metadata is a Metadata subclass."""

    text: str
    metadata: ChannelMetadata = ChannelMetadata(
        name="bus_test_broadcast", schema_version=1, channel="news"
    )


class RenameNote(Command):
    """First schema of a command."""

    id: str
    title: str
    metadata: Metadata = Metadata(name="bus_test_rename_note", schema_version=1)


class RenameNoteV2(Command):
    """Second schema of the same command: a breaking change makes a new class."""

    id: str
    titles: list[str]
    metadata: Metadata = Metadata(name="bus_test_rename_note", schema_version=2)


class StepLookalike(Event):
    """An event with the same fields as ``Step`` but another class."""

    label: str
    metadata: Metadata = Metadata(name="bus_test_step", schema_version=1)


def test_metadata_defaults_to_not_published() -> None:
    """Metadata takes a name and a schema version and is not published unless asked."""
    metadata = Metadata(name="bus_test_anything", schema_version=3)
    assert (metadata.name, metadata.schema_version, metadata.published) == (
        "bus_test_anything",
        3,
        False,
    )


def test_a_concrete_message_carries_its_class_level_metadata() -> None:
    """A message built without metadata gets the metadata its class declares."""
    event = NoteWritten(id="n-1", text="hello")
    assert event.metadata == Metadata(
        name="bus_test_note_written", schema_version=1, published=True
    )


def test_metadata_can_be_subclassed_with_extra_fields() -> None:
    """A message may declare a Metadata subclass and keep its extra fields."""
    broadcast = Broadcast(text="hi")
    assert isinstance(broadcast.metadata, ChannelMetadata)
    assert broadcast.metadata.channel == "news"


def test_message_ids_are_uuid7() -> None:
    """Every message id is a version 7 uuid."""
    assert WriteNote(id="n-1", text="hello").message_id.version == 7


def test_message_ids_are_time_ordered() -> None:
    """Ids of messages created one after another sort in creation order."""
    ids = [Step(label=str(i)).message_id for i in range(1000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_created_at_is_timezone_aware_utc() -> None:
    """A message's creation time is aware and at offset zero."""
    created_at = Step(label="now").created_at
    assert created_at.tzinfo is not None
    assert created_at.utcoffset() == timedelta(0)


def test_the_type_string_is_the_name_and_the_schema_version() -> None:
    """A message's type on the wire is ``<name>_v<schema_version>``."""
    serialized = MessageSerializer().serialize_message(WriteNote(id="n-1", text="hello"))
    assert serialized["type"] == "bus_test_write_note_v1"


def test_a_new_schema_version_is_a_new_type_string() -> None:
    """Two schema versions of one message name have distinct type strings."""
    serializer = MessageSerializer()
    first = serializer.serialize_message(RenameNote(id="n-1", title="a"))
    second = serializer.serialize_message(RenameNoteV2(id="n-1", titles=["a", "b"]))
    assert (first["type"], second["type"]) == ("bus_test_rename_note_v1", "bus_test_rename_note_v2")


def test_both_schema_versions_stay_deserializable() -> None:
    """The old and the new version of a message each deserialize to their own class."""
    serializer = MessageSerializer()
    old, new = RenameNote(id="n-1", title="a"), RenameNoteV2(id="n-1", titles=["a"])
    assert serializer.deserialize_message(serializer.serialize_message(old)) == old
    assert serializer.deserialize_message(serializer.serialize_message(new)) == new


def test_messages_with_the_same_payload_are_equal_whatever_their_id_and_time() -> None:
    """Equality ignores message_id and created_at."""
    first, second = WriteNote(id="n-1", text="hello"), WriteNote(id="n-1", text="hello")
    assert first.message_id != second.message_id
    assert first == second


def test_messages_with_another_payload_are_not_equal() -> None:
    """A different field value makes two messages different."""
    assert WriteNote(id="n-1", text="hello") != WriteNote(id="n-1", text="bye")


def test_messages_with_another_metadata_are_not_equal() -> None:
    """Equality compares the metadata too."""
    other = Metadata(name="bus_test_write_note", schema_version=1, published=True)
    assert WriteNote(id="n-1", text="hello") != WriteNote(id="n-1", text="hello", metadata=other)


def test_messages_of_different_classes_with_the_same_fields_are_not_equal() -> None:
    """Equality requires the same class, not just the same fields and metadata."""
    assert Step(label="a") != StepLookalike(label="a")


def test_two_classes_with_one_type_string_log_a_warning_naming_both(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Declaring a type string a second time logs a warning naming both classes."""
    claimed = Metadata(name="bus_test_claimed_twice", schema_version=1)
    with caplog.at_level(logging.WARNING, logger="core.bus"):

        class FirstClaimant(Event):
            metadata: Metadata = claimed

        class SecondClaimant(Event):
            metadata: Metadata = claimed

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("FirstClaimant" in text and "SecondClaimant" in text for text in warnings)
    assert SecondClaimant().metadata.type_string == "bus_test_claimed_twice_v1"
    assert FirstClaimant is not SecondClaimant


def test_reimporting_a_message_module_does_not_fail() -> None:
    """Reloading a module re-declares its type strings without an error, and they still work."""
    module = importlib.reload(reloadable_messages)
    serializer = MessageSerializer()
    event = module.Reloaded(label="again")
    assert serializer.deserialize_message(serializer.serialize_message(event)) == event


def test_a_class_with_a_fresh_type_string_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    """A type string declared once raises no warning."""
    with caplog.at_level(logging.WARNING, logger="core.bus"):

        class ClaimedOnce(Event):
            metadata: Metadata = Metadata(name="bus_test_claimed_once", schema_version=1)

    assert ClaimedOnce().metadata.name == "bus_test_claimed_once"
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_commands_and_events_are_messages() -> None:
    """Command and Event both derive from Message."""
    assert isinstance(WriteNote(id="n", text="t"), Message)
    assert isinstance(Step(label="s"), Message)


def test_a_models_messages_are_excluded_from_its_dump() -> None:
    """Dumping a model leaves out the events it raised."""
    note = Note(id="n-1", text="hello")
    note.messages.append(NoteWritten(id="n-1", text="hello"))
    assert note.model_dump() == {"id": "n-1", "text": "hello"}
    assert "messages" not in note.model_dump_json()


def test_a_models_messages_are_excluded_from_its_equality() -> None:
    """Two models with the same fields are equal even if only one raised events."""
    raised = Note(id="n-1", text="hello")
    raised.messages.append(NoteWritten(id="n-1", text="hello"))
    assert raised == Note(id="n-1", text="hello")
    assert raised != Note(id="n-1", text="bye")


def test_each_model_starts_with_its_own_empty_messages() -> None:
    """A model's messages list is never shared with another model."""
    first, second = Note(id="a"), Note(id="b")
    first.messages.append(Step(label="a"))
    assert list(second.messages) == []


def test_a_models_repr_shows_its_fields() -> None:
    """A model without pending events reads as its class and fields."""
    assert repr(Note(id="n-1", text="hi")) == "<Note id='n-1' text='hi'>"


def test_a_models_repr_shows_its_pending_messages() -> None:
    """Pending events follow the fields as ``message=[...]``, as in messagebus."""
    note = Note(id="n-1")
    note.messages.append(Step(label="a"))
    assert repr(note) == "<Note id='n-1' text='' message=[<Step label='a'>]>"
