"""Two main windows on one PostgreSQL catalogue, as two desktops of one club."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
import qasync
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from core.bootstrap import ListenOptions, open_catalogue
from core.domain.messages import DeleteBook, RegisterBook
from gui.bridge import NOT_FOUND_MESSAGE, CatalogueBridge
from gui.connection_status import OFFLINE_TEXT, ConnectionStatus
from gui.main_window import MainWindow
from tests.gui.actions import BOOKS, column_texts, settle, type_and_press_enter
from tests.gui.conftest import close_window, next_emission, open_window, wait_until
from tests.support.postgres import empty_pg_catalogue, throwaway_pg_database
from tests.support.shared import Gate, TcpProxy, terminate

type Windows = tuple[MainWindow, MainWindow]


@pytest.fixture(scope="session")
async def shared_database(qasync_loop: qasync.QEventLoop) -> AsyncIterator[str]:
    """A throwaway PostgreSQL database for the GUI suite's shared catalogues."""
    async with throwaway_pg_database() as url:
        yield url


@asynccontextmanager
async def desktop(
    qtbot: QtBot, url: str, options: ListenOptions | None = None, *, empty: bool = False
) -> AsyncIterator[MainWindow]:
    """A shown window on the shared catalogue at ``url`` (emptied first if asked)."""
    async with open_catalogue(url, options) as catalogue:
        if empty:
            await empty_pg_catalogue(url)
        bridge = CatalogueBridge(catalogue)
        window = await open_window(qtbot, bridge)
        try:
            yield window
        finally:
            await bridge.aclose()
            close_window(window)


@pytest.fixture
def gate() -> Gate:
    """Holds the first window's reconnection until the test opens it."""
    return Gate()


@pytest.fixture
async def two_windows(qtbot: QtBot, shared_database: str, gate: Gate) -> AsyncIterator[Windows]:
    """Two windows on one emptied shared catalogue; the first reconnects through ``gate``."""
    options = ListenOptions(sleep=gate.sleep)
    async with (
        desktop(qtbot, shared_database, options, empty=True) as first,
        desktop(qtbot, shared_database) as other,
    ):
        yield first, other


def _badge(window: MainWindow) -> ConnectionStatus:
    badge = window.findChild(ConnectionStatus, "connectionStatus")
    assert badge is not None
    return badge


def test_a_book_registered_in_one_window_appears_in_the_other(qtbot: QtBot, two_windows: Windows):
    """Enter in one window's form; the row shows up in the other window's list."""
    first, other = two_windows
    type_and_press_enter(qtbot, first, *BOOKS[0])
    qtbot.waitUntil(lambda: column_texts(other, 0) == [BOOKS[0][0]], timeout=5000)
    assert column_texts(first, 0) == [BOOKS[0][0]]
    assert other.statusBar().currentMessage() == "1 book"
    assert not _badge(other).isVisible()


def test_an_isbn_registered_in_the_other_window_is_refused_by_name(
    qtbot: QtBot, two_windows: Windows
):
    """The second window's form names the book the first window registered with that ISBN."""
    first, other = two_windows
    type_and_press_enter(qtbot, first, *BOOKS[0])
    qtbot.waitUntil(lambda: other.model.rowCount() == 1, timeout=5000)
    type_and_press_enter(qtbot, other, "Another title", "Someone", BOOKS[0][2])
    assert other.form.message.text() == (
        'ISBN 978-0-321-12521-7 is already registered for "Domain Driven Design" by Eric Evans'
    )
    assert other.model.rowCount() == 1


def test_saving_a_book_deleted_in_the_other_window_says_it_no_longer_exists(
    qtbot: QtBot, two_windows: Windows
):
    """While one window edits a book, the other deletes it: Save says it no longer exists."""
    first, other = two_windows
    type_and_press_enter(qtbot, first, *BOOKS[0])
    qtbot.waitUntil(lambda: other.model.rowCount() == 1, timeout=5000)
    book = other.model.book_at(0)
    assert book is not None
    other.form.edit(book)
    first.bridge.submit(DeleteBook(id=book.id))
    qtbot.waitUntil(lambda: other.model.rowCount() == 0, timeout=5000)
    type_and_press_enter(qtbot, other, "Renamed", book.author, book.isbn)
    assert other.form.message.text() == NOT_FOUND_MESSAGE


def test_a_window_shows_offline_and_reloads_what_it_missed(
    qtbot: QtBot, two_windows: Windows, gate: Gate
):
    """With its listening connection killed the window shows "offline"; back online it hides
    the badge and its list shows the book registered meanwhile in the other window."""
    first, other = two_windows
    listener = first.bridge.catalogue.feed.listener  # type: ignore[attr-defined]
    assert listener is not None
    done = first.bridge.spawn(terminate(listener.backend_pid))
    qtbot.waitUntil(lambda: done.done() and _badge(first).isVisible(), timeout=5000)
    assert _badge(first).text() == OFFLINE_TEXT
    type_and_press_enter(qtbot, other, *BOOKS[1])
    assert column_texts(first, 0) == []
    gate.opened.set()
    qtbot.waitUntil(lambda: column_texts(first, 0) == [BOOKS[1][0]], timeout=5000)
    assert not _badge(first).isVisible()


async def test_registering_while_the_server_is_gone_shows_a_clear_error(
    qtbot: QtBot, shared_database: str
) -> None:
    """The form says the shared catalogue is offline, quickly, and keeps the typed fields."""
    proxy = TcpProxy()
    await proxy.start()
    try:
        await _register_while_the_proxy_is_down(qtbot, proxy, shared_database)
    finally:
        await proxy.stop()


async def _register_while_the_proxy_is_down(qtbot: QtBot, proxy: TcpProxy, database: str) -> None:
    url = make_url(database).set(host="127.0.0.1", port=proxy.port)
    gate = Gate()
    async with desktop(qtbot, url.render_as_string(False), ListenOptions(sleep=gate.sleep)) as w:
        await proxy.stop()
        await wait_until(_badge(w).isVisible)
        failed = next_emission(w.bridge.command_failed)
        w.form.title_edit.setText("Offline book")
        w.form.author_edit.setText("Nobody")
        w.form.isbn_edit.setText(BOOKS[2][2])
        w.form.submit()
        _command, message = await asyncio.wait_for(failed, 3)
        assert message.startswith("The shared catalogue is offline: ")
        assert w.form.title_edit.text() == "Offline book"
        assert w.form.register_button.isEnabled()
        await proxy.start()
        gate.opened.set()
        await wait_until(lambda: not _badge(w).isVisible())


def test_commands_of_other_clients_reach_the_window_too(qtbot: QtBot, two_windows: Windows):
    """Books registered through the other window's bus in one batch all appear."""
    first, other = two_windows
    commands = [RegisterBook(title=t, author=a, isbn=i) for t, a, i in BOOKS]
    task = other.bridge.spawn(other.bridge.catalogue.execute_many(commands))
    qtbot.waitUntil(task.done, timeout=5000)
    qtbot.waitUntil(lambda: first.model.rowCount() == len(BOOKS), timeout=5000)
    settle(qtbot, first)
    assert sorted(column_texts(first, 0)) == sorted(t for t, _a, _i in BOOKS)
