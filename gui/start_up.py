"""The window's start-up once the shell has painted: the real window, then the catalogue.

``gui.app`` paints the start-up shell before importing asyncio (its import alone is a fifth
of a bare Qt start) and then runs :func:`run_window` on the qasync loop: the catalogue's first
page in the shell's list when the command line's reader can read it without the database
stack; then the real window's modules (and with them the core) are imported, the real window
put in the shell's place and the catalogue opened (when the shell shows rows, the real window
takes over once its own list has read them).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from gui import app
from gui.shell import StartupShell
from gui.shutdown import CloseOnSignals

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.shell_list import FirstPageReader

log = logging.getLogger("gui")

HAND_OVER_AFTER_S = 5.0
"""The longest the shell's rows wait for the real list's first page before the real window
takes over anyway."""


def _log_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    error = context.get("exception")
    info = (type(error), error, error.__traceback__) if isinstance(error, BaseException) else None
    log.error("asyncio: %s", context.get("message", "error"), exc_info=info)


async def painted(widget: QWidget) -> None:
    """Return once ``widget`` (shown) has painted, or after a second at most."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def settle() -> None:
        if not done.done():
            done.set_result(None)

    # Resolved on the next turn: the paint the event starts finishes first.
    watcher = app.OnPaint(widget, lambda: loop.call_soon(settle))
    widget.update()
    try:
        await asyncio.wait_for(done, 1.0)
    except TimeoutError:
        log.info("no paint seen within a second; opening the catalogue anyway")
    finally:
        widget.removeEventFilter(watcher)


def _log_signals(signals: CloseOnSignals) -> None:
    if signals.received:
        log.info("closed on signal %s", ", ".join(map(str, signals.received)))


async def _shell_first(
    shell: StartupShell, signals: CloseOnSignals, first_page: FirstPageReader | None
) -> tuple[StartupShell, type[MainWindow]] | None:
    """Show the first page in the painted shell, then import the real window's modules;
    ``None`` if the shell was closed meanwhile (by the user or a signal)."""
    try:
        if first_page is not None and shell.show_first_page(first_page):
            log.info("the first page is shown")
            await painted(shell.list_area)
        if shell.isVisible() and not signals.received:
            window_type = app.main_window_type()  # the core's import: the shell stays painted
            if shell.isVisible() and not signals.received:
                return shell, window_type
        shell.close()
    finally:
        signals.restore()
    _log_signals(signals)
    return None


def _page_read(shell: StartupShell, window: MainWindow) -> asyncio.Future[bool]:
    """True once the real list has read its first page (hidden, behind the shell); False if
    the shell is closed first (by the user or a signal)."""
    ready: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def settle(outcome: bool) -> None:
        if not ready.done():
            ready.set_result(outcome)

    window.model.refreshed.connect(lambda: settle(True))
    shell.closed.connect(lambda: settle(False))
    return ready


async def _wait_behind(shell: StartupShell, ready: asyncio.Future[bool]) -> bool:
    """Whether to hand over: the real list has its first page, or it is late (the shell's
    rows would otherwise stay forever); not if the shell was closed."""
    try:
        return await asyncio.wait_for(asyncio.shield(ready), HAND_OVER_AFTER_S)
    except TimeoutError:
        log.info("the first page took over %s s; handing over anyway", HAND_OVER_AFTER_S)
        return shell.isVisible()


async def run_window(
    database: str,
    shell: StartupShell,
    signals: CloseOnSignals,
    first_page: FirstPageReader | None = None,
) -> BaseException | None:
    """After the ``shell``'s first paint (``signals`` close it until the real window takes
    over): build the real window, then open the catalogue; dispose of everything when the
    window closes. The error if the catalogue cannot be opened (the
    window closes then); ``None`` also when the shell is closed first.

    When the shell shows the first page (``first_page`` read it), the real window takes its
    place once its own list has read that page: the rows never give way to an empty list.
    Otherwise the real window takes the shell's place at once and the catalogue is opened
    behind it."""
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_log_loop_error)
    first = await _shell_first(shell, signals, first_page)
    if first is None:
        return None
    shell, window_type = first
    from gui.bridge import CatalogueBridge, cannot_open, open_catalogue_later

    window = window_type(CatalogueBridge())
    closed = loop.create_future()
    window.closed.connect(lambda: None if closed.done() else closed.set_result(None))
    behind = shell.shows_rows
    ready = _page_read(shell, window)
    signals = CloseOnSignals(shell if behind else window)
    bridge = window.bridge
    try:
        if not behind:
            shell.hand_over(window)
            await painted(window.table.viewport())
        async with open_catalogue_later(bridge, database):
            log.info("opened the catalogue %s", bridge.description)
            if behind:
                if not await _wait_behind(shell, ready):
                    window.deleteLater()  # never shown: its settings are the shell's
                    _log_signals(signals)
                    return None
                signals.restore()
                signals = CloseOnSignals(window)
                shell.hand_over(window)
            await closed
    except Exception as error:
        if not cannot_open(error):
            raise
        await bridge.aclose()
        (window if window.isVisible() else shell).close()
        return error
    finally:
        signals.restore()
    _log_signals(signals)
    return None
