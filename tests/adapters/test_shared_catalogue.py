"""Several desktops on one PostgreSQL catalogue: live events by NOTIFY/LISTEN, reconnection,
conflicts and passwords."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from stdnum import ean

from core.adapters import pg_events
from core.adapters.listen_options import Backoff
from core.adapters.pg_events import NOTIFY_LIMIT_BYTES, notification_text
from core.adapters.pg_listen import CHANNEL, listen_parameters
from core.adapters.rows import json_text
from core.bootstrap import (
    Catalogue,
    CatalogueOfflineError,
    LinkState,
    ListenOptions,
    open_catalogue,
)
from core.bus import EventstreamDeliveryError, MessageSerializer
from core.domain.messages import BookDeleted, BookRegistered, DeleteBook, RegisterBook, UpdateBook
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError
from core.service.views import BookQuery
from tests.support.postgres import PG_USER, dsn, empty_pg_catalogue
from tests.support.shared import Gate, Heard, TcpProxy, stopping, terminate

DDD = RegisterBook(title="Domain Driven Design", author="Eric Evans", isbn="0-321-12521-5")
REFACTORING = RegisterBook(title="Refactoring", author="Martin Fowler", isbn="0201485672")
PATTERNS = RegisterBook(title="Design Patterns", author="Erich Gamma", isbn="9780201633610")


def _listener_pid(desktop: Catalogue) -> int | None:
    """The server process of the desktop's LISTEN connection."""
    listener = desktop.feed.listener  # type: ignore[attr-defined]
    assert listener is not None
    return listener.backend_pid  # type: ignore[no-any-return]


def _registered(heard: Heard) -> list[str]:
    return [event.title for event in heard.items if isinstance(event, BookRegistered)]


@pytest.fixture
def gate() -> Gate:
    """Holds the reconnection of the first desktop until the test opens it."""
    return Gate()


@pytest.fixture
async def desktops(pg_database: str, gate: Gate) -> AsyncIterator[tuple[Catalogue, Catalogue]]:
    """Two desktops on one emptied PostgreSQL catalogue; the first reconnects through ``gate``."""
    options = ListenOptions(sleep=gate.sleep)
    async with open_catalogue(pg_database, options) as first, open_catalogue(pg_database) as other:
        await empty_pg_catalogue(pg_database)
        yield first, other


async def test_a_book_registered_on_one_desktop_reaches_the_other(
    desktops: tuple[Catalogue, Catalogue],
) -> None:
    """The other desktop's subscribers get the committed BookRegistered, equal to the original."""
    first, other = desktops
    heard = Heard()
    other.subscribe(heard)
    assert await first.execute(DDD) == Ok(...)
    await heard.until(lambda items: len(items) == 1)
    event = heard.items[0]
    assert isinstance(event, BookRegistered)
    assert (event.id, event.title, event.isbn) == (DDD.id, DDD.title, "9780321125217")


async def test_a_desktop_has_its_own_event_once_when_execute_returns(
    desktops: tuple[Catalogue, Catalogue],
) -> None:
    """Own events come back through LISTEN before execute returns, and only once."""
    first, other = desktops
    mine, theirs = Heard(), Heard()
    first.subscribe(mine)
    other.subscribe(theirs)
    await first.execute(DDD)
    assert _registered(mine) == [DDD.title]
    await other.execute(REFACTORING)
    await mine.until(lambda items: len(items) == 2)
    await first.execute(PATTERNS)
    assert _registered(mine) == [DDD.title, REFACTORING.title, PATTERNS.title]


async def test_a_rolled_back_registration_notifies_nobody(
    desktops: tuple[Catalogue, Catalogue],
) -> None:
    """Neither an explicit rollback nor a refused duplicate sends a notification."""
    first, other = desktops
    heard = Heard()
    other.subscribe(heard)
    async with first.new_uow() as tx:
        await first.bus.handle(DDD, tx)
        await tx.rollback()
    await first.execute(REFACTORING)
    duplicate = RegisterBook(title="Again", author="Someone", isbn=REFACTORING.isbn)
    assert await first.execute(duplicate) == Err(BookRepositoryError.integrity_error)
    await first.execute(PATTERNS)  # a marker: everything before it has been heard
    await heard.until(lambda items: len(items) >= 2)
    assert _registered(heard) == [REFACTORING.title, PATTERNS.title]


async def test_every_desktop_hears_the_events_in_the_same_commit_order(
    desktops: tuple[Catalogue, Catalogue],
) -> None:
    """Registrations racing from two desktops arrive in one order, the same on both."""
    first, other = desktops
    heard_first, heard_other = Heard(), Heard()
    first.subscribe(heard_first)
    other.subscribe(heard_other)
    commands = _numbered("Book", "Racer", "978000000", 20)
    await asyncio.gather(
        *(desktop.execute(cmd) for desktop, cmd in zip([first, other] * 10, commands, strict=True))
    )
    for heard in (heard_first, heard_other):
        await heard.until(lambda items: len(items) == 20)
    assert _registered(heard_first) == _registered(heard_other)
    assert sorted(_registered(heard_first)) == sorted(c.title for c in commands)


def _numbered(title: str, author: str, isbn_start: str, count: int) -> list[RegisterBook]:
    """``count`` registrations titled "{title} {n}", with ISBNs starting with ``isbn_start``."""
    return [
        RegisterBook(title=f"{title} {n}", author=author, isbn=isbn13(f"{isbn_start}{n:03d}"))
        for n in range(count)
    ]


def isbn13(first_twelve: str) -> str:
    """A valid ISBN-13 from its first twelve digits."""
    return first_twelve + ean.calc_check_digit(first_twelve)


async def test_an_event_over_the_payload_limit_is_read_from_the_message_store(
    desktops: tuple[Catalogue, Catalogue], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the NOTIFY limit, the notification names the transaction and the other desktop
    reads its events from the message store."""
    first, other = desktops
    monkeypatch.setattr(pg_events, "NOTIFY_LIMIT_BYTES", 10)
    heard = Heard()
    other.subscribe(heard)
    await first.execute(DDD)
    await heard.until(lambda items: len(items) == 1)
    assert _registered(heard) == [DDD.title]


def test_the_longest_book_event_fits_in_one_notification() -> None:
    """500-character title and author, even of 4-byte characters and quotes, fit inline;
    larger events become a reference to their transaction."""
    tx = DDD.id
    for char in ("𝄞", '"', "\\"):
        event = BookRegistered(id=DDD.id, title=char * 500, author=char * 500, isbn=DDD.isbn)
        text = notification_text(tx, [dict(MessageSerializer().serialize_message(event))])
        assert len(text.encode()) <= NOTIFY_LIMIT_BYTES
        assert "events" in json.loads(text)
    huge = {"id": "x", "type": "t", "created_at": "c", "payload": "y" * NOTIFY_LIMIT_BYTES}
    assert json.loads(notification_text(tx, [huge])) == {"tx": str(tx)}


def test_no_serialized_event_is_shorter_than_the_bound_that_skips_serializing_a_batch() -> None:
    """A batch is sent as a reference unserialized when its events could not fit even at
    ``EVENT_BYTES_AT_LEAST`` each: no event serializes shorter than that."""
    event = BookRegistered(id=DDD.id, title="D", author="E", isbn="")
    text = json_text(dict(MessageSerializer().serialize_message(event)))
    assert len(text.encode()) >= pg_events.EVENT_BYTES_AT_LEAST
    assert json.loads(notification_text(DDD.id, None)) == {"tx": str(DDD.id)}


async def test_a_lost_listening_connection_reconnects_and_the_reload_finds_what_was_missed(
    desktops: tuple[Catalogue, Catalogue], gate: Gate
) -> None:
    """Terminated by the server, the listener goes offline, reconnects once allowed, says
    resynced; a reload then shows the book committed meanwhile, and events flow again."""
    first, other = desktops
    states, heard = Heard(), Heard()
    first.subscribe_status(states)
    first.subscribe(heard)
    await terminate(_listener_pid(first))
    await states.until(lambda items: items == [LinkState.offline])
    assert not first.online
    await other.execute(DDD)  # committed during the outage: not heard
    gate.opened.set()
    await states.until(lambda items: items[-1:] == [LinkState.resynced])
    assert first.online
    assert [book.title for book in await first.views.list_books(BookQuery())] == [DDD.title]
    await other.execute(REFACTORING)
    await heard.until(lambda items: len(items) == 1)
    assert _registered(heard) == [REFACTORING.title]
    assert gate.delays == [Backoff().first]


async def test_a_command_committed_while_not_listening_is_saved_but_reported_undelivered(
    desktops: tuple[Catalogue, Catalogue],
) -> None:
    """With its listener down, a desktop still saves, and execute raises
    EventstreamDeliveryError at once (the caller reloads instead of waiting for the event)."""
    first, _other = desktops
    states = Heard()
    first.subscribe_status(states)
    await terminate(_listener_pid(first))
    await states.until(lambda items: items == [LinkState.offline])
    async with asyncio.timeout(2):
        with pytest.raises(EventstreamDeliveryError):
            await first.execute(DDD)
    assert await first.views.count_books() == 1


async def test_two_desktops_registering_one_isbn_at_once_get_one_book(
    desktops: tuple[Catalogue, Catalogue],
) -> None:
    """Exactly one concurrent registration of an ISBN succeeds; the other is a duplicate."""
    first, other = desktops
    twin = RegisterBook(title="Twin", author="Other", isbn=DDD.isbn)
    results = await asyncio.gather(first.execute(DDD), other.execute(twin))
    assert sorted(map(repr, results)) == sorted(
        map(repr, [Ok(...), Err(BookRepositoryError.integrity_error)])
    )
    assert await first.views.count_books() == 1


async def test_editing_a_book_deleted_on_another_desktop_is_not_found(
    desktops: tuple[Catalogue, Catalogue],
) -> None:
    """The editing desktop hears the deletion, and its update is Err(not_found)."""
    first, other = desktops
    heard = Heard()
    first.subscribe(heard)
    await first.execute(DDD)
    await other.execute(DeleteBook(id=DDD.id))
    await heard.until(lambda items: any(isinstance(e, BookDeleted) for e in items))
    update = UpdateBook(id=DDD.id, title="DDD", author=DDD.author, isbn=DDD.isbn)
    assert await first.execute(update) == Err(BookRepositoryError.not_found)


async def test_an_unreachable_server_fails_a_command_fast_and_the_desktop_recovers(
    pg_database: str, gate: Gate
) -> None:
    """With the server gone, status is offline and execute raises CatalogueOfflineError at
    once; once the server is back and the listener resynced, commands work again."""
    proxy = TcpProxy()
    await proxy.start()
    url = make_url(pg_database).set(host="127.0.0.1", port=proxy.port)
    options = ListenOptions(sleep=gate.sleep)
    async with open_catalogue(url.render_as_string(False), options) as desk, stopping(proxy):
        await empty_pg_catalogue(pg_database)
        states = Heard()
        desk.subscribe_status(states)
        await proxy.stop()
        await states.until(lambda items: items == [LinkState.offline])
        async with asyncio.timeout(3):
            with pytest.raises(CatalogueOfflineError, match="did not answer"):
                await desk.execute(DDD)
        await proxy.start()
        gate.opened.set()
        await states.until(lambda items: items[-1:] == [LinkState.resynced])
        assert await desk.execute(DDD) == Ok(...)


async def test_the_password_is_neither_logged_nor_shown(
    pg_database: str, gate: Gate, caplog: pytest.LogCaptureFixture
) -> None:
    """Through opening, a lost connection and reconnection, no log line holds the password."""
    caplog.set_level(logging.DEBUG)
    url = pg_database.replace(f"://{PG_USER}@", f"://{PG_USER}:hunter2@")
    async with open_catalogue(url, ListenOptions(sleep=gate.sleep)) as desk:
        states = Heard()
        desk.subscribe_status(states)
        await terminate(_listener_pid(desk))
        await states.until(lambda items: items == [LinkState.offline])
        gate.opened.set()
        await states.until(lambda items: items[-1:] == [LinkState.resynced])
        await desk.execute(DDD)
        assert "hunter2" not in desk.description
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "reconnecting" in logged
    assert "hunter2" not in logged


def test_without_a_password_in_the_url_asyncpg_takes_pgpassword_or_pgpass() -> None:
    """The listener passes the URL's password on, and none otherwise (asyncpg then reads
    PGPASSWORD or ~/.pgpass, as libpq does)."""
    with_password = listen_parameters(make_url("postgresql+asyncpg://club:pw@db:5433/books"))
    assert with_password == {
        "host": "db",
        "port": 5433,
        "user": "club",
        "database": "books",
        "password": "pw",
    }
    assert "password" not in listen_parameters(make_url("postgresql+asyncpg://club@db/books"))


async def test_a_local_file_catalogue_is_always_online(sqlite_path: Any) -> None:
    """A SQLite catalogue has no listener and never reports a status change."""
    async with open_catalogue(sqlite_path) as local:
        states = Heard()
        local.subscribe_status(states)()
        assert (local.online, local.shared) == (True, False)


async def test_a_batch_is_one_notification_and_the_other_desktop_hears_all_of_it(
    desktops: tuple[Catalogue, Catalogue], pg_database: str
) -> None:
    """An import's batch of 300 books sends ONE notification; the other desktop reads the
    batch's events from the store, in order, and the committing one hears its own once."""
    first, other = desktops
    payloads: list[str] = []
    spy = await asyncpg.connect(dsn(pg_database))
    await spy.add_listener(CHANNEL, lambda *args: payloads.append(args[-1]))
    mine, theirs = Heard(), Heard()
    first.subscribe(mine)
    other.subscribe(theirs)
    commands = _numbered("Batch", "Importer", "978100000", 300)
    try:
        async with first.batches() as batches:
            results = await (await batches.submit(commands))
        assert results == [Ok(...)] * 300
        await theirs.until(lambda items: len(items) == 300)
        assert _registered(theirs) == [command.title for command in commands]
        assert _registered(mine) == [command.title for command in commands]
        await spy.execute("SELECT 1")  # every notification sent before this one has arrived
        assert [json.loads(payload).keys() for payload in payloads] == [{"tx"}]
    finally:
        await spy.close()
