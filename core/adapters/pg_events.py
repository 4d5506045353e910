"""The event feed of a shared (PostgreSQL) catalogue: one NOTIFY per committed transaction.

A transaction that publishes events sends ONE notification inside itself (so a rolled-back
transaction notifies nobody): its events inline when they fit PostgreSQL's 8,000-byte payload
limit, otherwise only the transaction's id, by which every desktop reads them from the message
store — an import's batch of 2,000 books is one notification and one read per desktop. Every
desktop, the committing one included, delivers events only as it hears them, so each arrives
once and in commit order everywhere; the committing desktop delivers its own events from
memory, and its commit waits until it has heard itself.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncSession

from core.bus import (
    AsyncEventstreamPublisher,
    EventstreamDeliveryError,
    Message,
    MessageSerializer,
)
from core.service.events import AbstractEventFeed, LinkState, StatusSubscriber, Subscriber

from .eventstream import SubscribersTransport, unsubscriber
from .listen_options import ListenOptions
from .pg_listen import CHANNEL, PgListener, listen_parameters
from .rows import json_text

log = logging.getLogger(__name__)

type FetchTransaction = Callable[[UUID], Awaitable[list[Message[Any]]]]

NOTIFY_LIMIT_BYTES = 7999
"""PostgreSQL refuses a NOTIFY payload of 8000 bytes or more."""
EVENT_BYTES_AT_LEAST = 43
"""No serialized event is shorter: its id alone is ``"id":"`` and a 36-character UUID."""

_NOTIFY = sa.text("SELECT pg_notify(:channel, :payload)")


class EchoMissingError(ConnectionError):
    """A committed transaction was not heard back on the LISTEN connection in time."""


def notification_text(tx: UUID, serialized: list[dict[str, Any]] | None) -> str:
    """The NOTIFY payload of a transaction: its serialized events when they fit, otherwise
    (or ``None``: too many to fit) only its id (listeners then read its events from the
    message store)."""
    if serialized is not None:
        text = json_text({"tx": str(tx), "events": serialized})
        if len(text.encode()) <= NOTIFY_LIMIT_BYTES:
            return text
    return json_text({"tx": str(tx)})


class PgEventFeed(AbstractEventFeed):
    """NOTIFY inside committing transactions (:meth:`notify`), delivery by LISTEN."""

    def __init__(self, url: URL, fetch: FetchTransaction) -> None:
        self._url = url
        self._fetch = fetch
        self.subscribers = SubscribersTransport()
        self.status_subscribers: list[StatusSubscriber] = []
        self.state = LinkState.online
        self.listener: PgListener | None = None
        self.echo_timeout_s = 5.0
        """How long a commit waits to hear its own notification."""
        self.publisher = _EchoPublisher(self)
        """What the units of work publish with: waits for the echo, delivers nothing itself."""
        self._serializer = MessageSerializer()
        self._own: dict[UUID, tuple[asyncio.Future[bool], list[Message[Any]]]] = {}
        """Transactions this desktop notified: heard (True) or lost (False), and their events."""
        self._tx_of: dict[UUID, UUID] = {}
        """The transaction of each notified transaction's first published message."""

    @property
    def shared(self) -> bool:
        """Other desktops write to this catalogue."""
        return True

    @property
    def online(self) -> bool:
        """Whether notifications are heard now."""
        return self.state is not LinkState.offline

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Hear each committed event of every desktop."""
        return self.subscribers.subscribe(callback)

    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        """Hear the connection's state changes."""
        self.status_subscribers.append(callback)
        return unsubscriber(self.status_subscribers, callback)

    async def start(self, options: ListenOptions | None = None) -> None:
        """Connect the LISTEN connection; raises if the server cannot be reached."""
        if self.listener is not None:
            return
        listener = PgListener(listen_parameters(self._url), self.receive, self.set_state, options)
        if options is not None:
            self.echo_timeout_s = options.echo_timeout_s
        await listener.start()
        self.listener = listener

    async def aclose(self) -> None:
        """Stop listening."""
        listener, self.listener = self.listener, None
        if listener is not None:
            await listener.close()

    async def notify(
        self, session: AsyncSession, tx: UUID, messages: Sequence[Message[Any]]
    ) -> None:
        """NOTIFY the transaction's published events in ``session``'s transaction."""
        published = [message for message in messages if message.metadata.published]
        if not published:
            return
        self._own[tx] = (asyncio.get_running_loop().create_future(), published)
        self._tx_of[published[0].message_id] = tx
        if len(published) * EVENT_BYTES_AT_LEAST > NOTIFY_LIMIT_BYTES:
            # An import's batch: its events cannot fit, so they are not serialized for nothing.
            payload = notification_text(tx, None)
        else:
            serialized = [dict(self._serializer.serialize_message(m)) for m in published]
            payload = notification_text(tx, serialized)
        await session.execute(_NOTIFY, {"channel": CHANNEL, "payload": payload})

    def forget(self, tx: UUID) -> None:
        """The transaction did not commit after all: expect no echo."""
        own = self._own.pop(tx, None)
        if own is not None:
            self._tx_of.pop(own[1][0].message_id, None)

    async def heard(self, messages: Sequence[Message[Any]]) -> None:
        """Wait until this desktop has heard (and delivered) the transaction that published
        ``messages``; :class:`EchoMissingError` when not in time or the connection is lost."""
        published = [message for message in messages if message.metadata.published]
        tx = self._tx_of.pop(published[0].message_id, None) if published else None
        own = self._own.get(tx) if tx is not None else None
        if tx is None or own is None:
            return
        echo = own[0]
        try:
            if self.state is LinkState.offline and not echo.done():
                heard = False  # nobody listens: it cannot be heard
            else:
                heard = await asyncio.wait_for(asyncio.shield(echo), self.echo_timeout_s)
        except TimeoutError:
            heard = False
        finally:
            self._own.pop(tx, None)
        if not heard:
            raise EchoMissingError(f"transaction {tx} was committed but not heard back")

    async def receive(self, payload: str) -> None:
        """Deliver the events of one heard notification to the subscribers."""
        try:
            fields = json.loads(payload)
            tx = UUID(fields["tx"])
            own = self._own.get(tx)
            if own is not None:
                events = own[1]
            elif "events" in fields:
                events = [self._serializer.deserialize_message(item) for item in fields["events"]]
            else:
                events = [m for m in await self._fetch(tx) if m.metadata.published]
        except (LookupError, ValueError, TypeError):
            log.warning("cannot read a catalogue notification; reloading", exc_info=True)
            self.set_state(LinkState.resynced)  # what is shown must be read again
            return
        for event in events:
            self.subscribers.deliver(event)
        if own is not None and not own[0].done():
            own[0].set_result(True)

    def set_state(self, state: LinkState) -> None:
        """Record the connection state and tell the status subscribers; going offline fails
        the echoes still awaited."""
        self.state = state
        if state is LinkState.offline:
            for echo, _events in self._own.values():
                if not echo.done():
                    echo.set_result(False)
        for callback in list(self.status_subscribers):
            try:
                callback(state)
            except Exception:
                log.exception("status subscriber %r failed on %s", callback, state)


class _EchoPublisher(AsyncEventstreamPublisher):
    """Publishing on a shared catalogue: the events reach subscribers as LISTEN hears them;
    after commit the bus only waits for that (``EventstreamDeliveryError`` when it fails)."""

    def __init__(self, feed: PgEventFeed) -> None:
        super().__init__(feed.subscribers)
        self._feed = feed

    async def send_messages(self, messages: list[Message[Any]]) -> None:
        """Wait until the committed transaction's notification was heard here."""
        try:
            await self._feed.heard(messages)
        except EchoMissingError as error:
            raise EventstreamDeliveryError(
                [(m, error) for m in messages if m.metadata.published]
            ) from error
