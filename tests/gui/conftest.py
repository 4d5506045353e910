"""GUI fixtures: one qasync loop for the whole GUI suite, and a window on a fresh catalogue.

pytest-asyncio 1.5 builds its session loop with the factory that
``pytest_asyncio_loop_factories`` returns; these hooks live in this conftest, so only tests
under ``tests/gui`` run on the qasync ``QEventLoop`` (the other suites keep the default loop).
The loop is never stopped between GUI tests.

Synchronous tests that use ``qtbot`` run their body as a callback *inside* the running loop,
so ``qtbot.waitUntil``/``qtbot.waitSignal`` (nested Qt event loops) also run asyncio work.
In ``async def`` tests, await :func:`wait_until` / :func:`wait_for_signal` instead: a nested
Qt loop inside a running task cannot run other tasks.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import time
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget
from pytest_asyncio import is_async_test
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from core.bootstrap import open_catalogue
from core.service.book_info import AbstractBookInformation
from gui.bridge import CatalogueBridge
from gui.event_loop import EventLoop
from gui.i18n import install_translations
from gui.main_window import MainWindow
from tests.adapters.openlibrary_answers.local import LocalOpenLibrary

LOOP_FACTORY_FIXTURE = "_asyncio_loop_factory"
"""pytest-asyncio's (private) fixture holding a test's loop factory. Its public hook,
``pytest_asyncio_loop_factories``, parametrizes async tests only; a sync test that uses async
fixtures needs the same factory, or pytest-asyncio tears the session loop down and builds a
default one. pyproject.toml pins pytest-asyncio below its next minor version, and
``test_harness.py`` fails loudly if the name disappears."""


_loops: list[qasync.QEventLoop] = []
"""The qasync loops made for the tests (one for the session)."""


def _qasync_loop_factory() -> qasync.QEventLoop:
    # The QApplication must exist before the loop; pytest-qt's qapp reuses this instance.
    app = QApplication.instance() or QApplication(["pytest-qt-qapp"])
    install_translations(app, "en")  # the English plurals; a French test installs "fr"
    loop = EventLoop(app)  # qasync's, with asyncio's async generator hooks
    _loops.append(loop)
    return loop


_LOOP_FACTORIES = {"qasync": _qasync_loop_factory}


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Any]:
    """Every async test and fixture under tests/gui runs on the qasync loop."""
    return _LOOP_FACTORIES  # the same objects every call: one session runner


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give sync tests the same loop factory, and run their bodies inside the loop."""
    # pytest-asyncio parametrizes only async tests; a sync test using an async fixture would
    # otherwise get the default factory and tear the session loop down and up again.
    if LOOP_FACTORY_FIXTURE not in metafunc.fixturenames:
        metafunc.fixturenames.append(LOOP_FACTORY_FIXTURE)
        metafunc.parametrize(
            LOOP_FACTORY_FIXTURE,
            [_qasync_loop_factory],
            ids=[pytest.HIDDEN_PARAM],
            indirect=True,
            scope="session",
        )
    if "qtbot" in metafunc.fixturenames and "qasync_loop" not in metafunc.fixturenames:
        metafunc.fixturenames.append("qasync_loop")


_loop_errors: list[dict[str, Any]] = []


@pytest.fixture(scope="session")
async def qasync_loop(qapp: QApplication) -> qasync.QEventLoop:
    """The running qasync loop; errors it reports fail the test that caused them."""
    loop = asyncio.get_running_loop()
    assert isinstance(loop, qasync.QEventLoop), f"wrong loop: {loop!r}"
    assert QApplication.instance() is qapp
    # Closing a test's window must not quit the application: that would stop the loop.
    qapp.setQuitOnLastWindowClosed(False)
    loop.set_exception_handler(lambda _loop, context: _loop_errors.append(context))
    return loop


@pytest.fixture(autouse=True)
def _fail_on_loop_errors() -> Iterator[None]:
    """A task exception nobody retrieved fails the test instead of passing silently."""
    _loop_errors.clear()
    yield
    gc.collect()
    if _loop_errors:
        errors = [context.get("exception") or context.get("message") for context in _loop_errors]
        _loop_errors.clear()
        pytest.fail(f"unhandled errors on the qasync loop: {errors!r}")


def _run_in_loop(loop: asyncio.AbstractEventLoop, body: Callable[[], Any]) -> Any:
    """Run a sync test body as a loop callback (not a task), the loop running around it."""
    done = loop.create_future()
    outcome: dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["result"] = body()
        except BaseException as error:  # pytest.fail and skip outcomes too
            outcome["error"] = error
        finally:
            done.set_result(None)

    loop.call_soon(call)
    loop.run_until_complete(done)
    if "error" in outcome:
        raise outcome.pop("error")
    return outcome.get("result")


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, Any, Any]:
    """Sync tests with ``qtbot`` run inside the qasync loop."""
    loop = pyfuncitem.funcargs.get("qasync_loop")
    if loop is None or is_async_test(pyfuncitem):
        return (yield)
    test = pyfuncitem.obj

    @functools.wraps(test)
    def in_loop(*args: Any, **kwargs: Any) -> Any:
        return _run_in_loop(loop, functools.partial(test, *args, **kwargs))

    pyfuncitem.obj = in_loop
    try:
        return (yield)
    finally:
        pyfuncitem.obj = test


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """QSettings of each test in its own folder, never in ~/.config."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("reading-club-tests")
    QCoreApplication.setApplicationName("reading-club-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def app_database_path(tmp_path: Path) -> Path:
    """The SQLite file the ``main_window`` fixture opens (created by it)."""
    return tmp_path / "library.sqlite3"


def answer_yes(_parent: QWidget, _question: str) -> bool:
    """A confirmation that always agrees."""
    return True


async def open_window(qtbot: QtBot, bridge: CatalogueBridge) -> MainWindow:
    """A shown window over ``bridge`` whose first page has been loaded."""
    # Not qtbot.addWidget: pytest-qt would close the window before the fixture's teardown,
    # while reads may still be on their way to it.
    window = MainWindow(bridge, confirm=answer_yes)
    loaded = next_emission(window.model.refreshed)
    window.show()
    await wait_for_signal(loaded)
    return window


@pytest.fixture
async def bridge(app_database_path: Path, qasync_loop: qasync.QEventLoop) -> AsyncIterator[Any]:
    """A bridge over a fresh catalogue at ``app_database_path``."""
    async with open_catalogue(app_database_path) as catalogue:
        bridge = CatalogueBridge(catalogue)
        yield bridge
        await bridge.aclose()


@pytest.fixture
async def main_window(qtbot: QtBot, bridge: CatalogueBridge) -> AsyncIterator[MainWindow]:
    """A shown ``MainWindow`` on a fresh SQLite catalogue, confirmations answered Yes."""
    window = await open_window(qtbot, bridge)
    yield window
    await bridge.aclose()
    close_window(window)


def close_window(window: MainWindow) -> None:
    """Close (saving the settings) and delete the window, unless already done."""
    if shiboken6.isValid(window):
        window.close()
        window.deleteLater()


async def wait_until(predicate: Callable[[], object], timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Await until ``predicate()`` is true (for async tests, where qtbot.waitUntil can't)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {timeout}s")
        await asyncio.sleep(0.005)


def next_emission(signal: SignalInstance) -> asyncio.Future[tuple[Any, ...]]:
    """A future resolved with the arguments of ``signal``'s next emission (connected now,
    so create it before triggering the action)."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def slot(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(slot)
    future.add_done_callback(lambda _future: signal.disconnect(slot))
    return future


async def wait_for_signal(
    future: asyncio.Future[tuple[Any, ...]],
    timeout: float = 5.0,  # noqa: ASYNC109 - one number, as qtbot's helpers take
) -> tuple[Any, ...]:
    """Await a :func:`next_emission` future, failing after ``timeout`` seconds."""
    return await asyncio.wait_for(future, timeout)


@pytest.fixture
async def local_openlibrary(
    httpserver: HTTPServer, tmp_path: Path
) -> AsyncIterator[LocalOpenLibrary]:
    """Open Library adapters on the local test server, with an empty cache."""
    async with LocalOpenLibrary(httpserver, tmp_path / "cache") as made:
        yield made


@pytest.fixture
def book_info_source(local_openlibrary: LocalOpenLibrary) -> AbstractBookInformation:
    """The book information source of ``lookup_window``: Open Library on the local server
    (a test class may override it, e.g. with the fake)."""
    return local_openlibrary.make()


@pytest.fixture
async def lookup_window(
    qtbot: QtBot,
    app_database_path: Path,
    qasync_loop: qasync.QEventLoop,
    book_info_source: AbstractBookInformation,
) -> AsyncIterator[MainWindow]:
    """A window over a fresh catalogue that looks books up in ``book_info_source``."""
    async with open_catalogue(app_database_path) as catalogue:
        bridge = CatalogueBridge(catalogue, book_info=book_info_source)
        shown = await open_window(qtbot, bridge)
        yield shown
        await bridge.aclose()
        close_window(shown)
