"""Event stream transports: in-process subscribers (SQLite), and NOTIFY/LISTEN (PostgreSQL)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.bus import (
    AsyncAbstractEventstreamTransport,
    AsyncEventstreamPublisher,
    Message,
    MessageSerializer,
)

from .messagestore import json_text
from .pg_listen import CHANNEL, LinkState

log = logging.getLogger(__name__)

Subscriber = Callable[[Message[Any]], None]
"""Receives each published message of a committed transaction."""
StatusSubscriber = Callable[[LinkState], None]
"""Receives each change of the shared catalogue's connection state."""
type FetchMessage = Callable[[UUID], Awaitable[Message[Any] | None]]

NOTIFY_LIMIT_BYTES = 7999
"""PostgreSQL refuses a NOTIFY payload of 8000 bytes or more."""

_NOTIFY = sa.text(
    "SELECT count(pg_notify(:channel, payload)) FROM unnest(CAST(:payloads AS text[])) AS payload"
)


def _unsubscriber[T](subscribers: list[T], callback: T) -> Callable[[], None]:
    def unsubscribe() -> None:
        if callback in subscribers:
            subscribers.remove(callback)

    return unsubscribe


class SubscribersTransport(AsyncAbstractEventstreamTransport):
    """Deserializes each published message and calls every subscriber with it, in order.

    A subscriber that raises is logged and does not stop the others: the data is committed.
    """

    def __init__(self) -> None:
        self.subscribers: list[Subscriber] = []
        self.serializer = MessageSerializer()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Add ``callback``; the returned function removes it again."""
        self.subscribers.append(callback)
        return _unsubscriber(self.subscribers, callback)

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        """Deliver one serialized message to the subscribers."""
        if self.subscribers:
            self.deliver(self.serializer.deserialize_message(message))

    def deliver(self, event: Message[Any]) -> None:
        """Call every subscriber with ``event``; one that raises is logged and skipped."""
        for callback in list(self.subscribers):
            try:
                callback(event)
            except Exception:
                log.exception("subscriber %r failed on %s", callback, event.metadata.type_string)


class LocalEventstreamPublisher(AsyncEventstreamPublisher):
    """The publisher of a catalogue whose subscribers are all in this process (SQLite).

    While its transport is a :class:`SubscribersTransport`, the messages a committed
    transaction publishes (``send_messages``) reach the subscribers as they are, without a
    serialize-deserialize round trip (≈10 µs an event): subscribers share the committed event
    and must not change it. Another transport (a test may swap one in) gets the serialized
    messages as usual.
    """

    async def send_messages(self, messages: list[Message[Any]]) -> None:
        """Deliver each published message in order (a subscriber that raises is logged)."""
        transport = self.transport
        if not isinstance(transport, SubscribersTransport):
            await super().send_messages(messages)
            return
        for message in messages:
            if message.metadata.published:
                transport.deliver(message)


def notification_text(serialized: Mapping[str, Any]) -> str:
    """The NOTIFY payload of a serialized message; a reference to its stored row (its id)
    when the message itself is over PostgreSQL's payload limit."""
    text = json_text(dict(serialized))
    if len(text.encode()) <= NOTIFY_LIMIT_BYTES:
        return text
    return json.dumps({"ref": serialized["id"]})


class EchoMissingError(ConnectionError):
    """A committed event was not heard back on the LISTEN connection in time."""


class PgEventstream(AsyncAbstractEventstreamTransport):
    """Publication on PostgreSQL: NOTIFY inside the committing transaction, delivery by LISTEN.

    Every desktop, the committing one included, delivers events only as it hears them, so
    each arrives once and in commit order everywhere, and a rolled-back transaction
    notifies nobody. The bus's after-commit send waits until the committing desktop has
    heard its own event: when ``execute`` returns, local subscribers have it.
    """

    def __init__(self, fetch: FetchMessage, echo_timeout_s: float = 5.0) -> None:
        self.subscribers = SubscribersTransport()
        self.status_subscribers: list[StatusSubscriber] = []
        self.state = LinkState.online
        self._fetch = fetch
        self.echo_timeout_s = echo_timeout_s
        """How long :meth:`send_message_serialized` waits for the echo."""
        self._serializer = MessageSerializer()
        self._echoes: dict[str, asyncio.Future[bool]] = {}
        """Events this desktop notified, by id: heard (True) or lost (False)."""

    async def notify(self, session: AsyncSession, messages: Sequence[Message[Any]]) -> None:
        """NOTIFY the published ``messages`` in ``session``'s transaction (before its commit)."""
        serialized = [self._serializer.serialize_message(m) for m in messages]
        loop = asyncio.get_running_loop()
        for item in serialized:
            self._echoes[item["id"]] = loop.create_future()
        payloads = [notification_text(item) for item in serialized]
        await session.execute(_NOTIFY, {"channel": CHANNEL, "payloads": payloads})

    def forget(self, messages: Sequence[Message[Any]]) -> None:
        """The transaction that notified ``messages`` did not commit: expect no echo."""
        for message in messages:
            self._echoes.pop(str(message.message_id), None)

    async def send_message_serialized(self, message: Mapping[str, Any]) -> None:
        """Wait until this desktop has heard (and delivered) the committed ``message``.

        Raises :class:`EchoMissingError` when it is not heard in time or the connection
        is lost: the bus reports that as ``EventstreamDeliveryError``, data committed.
        """
        echo = self._echoes.get(message["id"])
        if echo is None:
            return  # not notified by this desktop: nothing to wait for
        try:
            if self.state is LinkState.offline and not echo.done():
                heard = False  # nobody listens: it cannot be heard
            else:
                heard = await asyncio.wait_for(asyncio.shield(echo), self.echo_timeout_s)
        except TimeoutError:
            heard = False
        finally:
            self._echoes.pop(message["id"], None)
        if not heard:
            raise EchoMissingError(f"{message['type']} was committed but not heard back")

    async def receive(self, payload: str) -> None:
        """Deliver one heard notification to the subscribers."""
        event = await self._event_of(payload)
        if event is None:
            # Unknown to this version, or gone: what is shown must be read again.
            self.set_state(LinkState.resynced)
            return
        self.subscribers.deliver(event)
        echo = self._echoes.get(str(event.message_id))
        if echo is not None and not echo.done():
            echo.set_result(True)

    async def _event_of(self, payload: str) -> Message[Any] | None:
        try:
            fields = json.loads(payload)
            if "ref" in fields:
                return await self._fetch(UUID(fields["ref"]))
            return self._serializer.deserialize_message(fields)
        except (LookupError, ValueError):
            log.warning("cannot read a catalogue notification; reloading", exc_info=True)
            return None

    def set_state(self, state: LinkState) -> None:
        """Record the connection state and tell the status subscribers; going offline fails
        the echoes still awaited."""
        self.state = state
        if state is LinkState.offline:
            for echo in self._echoes.values():
                if not echo.done():
                    echo.set_result(False)
        for callback in list(self.status_subscribers):
            try:
                callback(state)
            except Exception:
                log.exception("status subscriber %r failed on %s", callback, state)

    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        """Add a status subscriber; the returned function removes it."""
        self.status_subscribers.append(callback)
        return _unsubscriber(self.status_subscribers, callback)
