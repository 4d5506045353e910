"""Start-up of the window: logging, the QApplication and the qasync loop around it.

``reading-club`` without a subcommand comes here (``core.cli`` parses the arguments). With no
display to draw on, it says so in one line and exits 2 before Qt would abort. The window is
shown and painted first — a light shell (``gui.shell``: the form, and an empty list saying
"Opening the catalogue…") after importing only PySide6 and qasync, then the catalogue's first
page in that list when the command line's reader can read it without the database stack —
and only then are the real window's modules (and with them the core) imported, the real window
put in the shell's place and the catalogue opened (when the shell shows rows, the real window
takes over once its own list has read them). ``main_window_type`` is looked up when needed, so
that a benchmark or a test can swap the window class without importing it first.
"""

from __future__ import annotations

import asyncio
import ctypes.util
import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui.event_loop import EventLoop
from gui.i18n import install_translations
from gui.logs import APP_NAME, configure_logging
from gui.shell import StartupShell
from gui.shutdown import CloseOnSignals
from resources import APP_ID

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.shell_list import FirstPageReader

log = logging.getLogger("gui")

_HEADLESS_PLATFORMS = {"offscreen", "minimal"}
EXIT_NO_DISPLAY = 2
HAND_OVER_AFTER_S = 5.0
"""The longest the shell's rows wait for the real list's first page before the real window
takes over anyway."""


def _log_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    error = context.get("exception")
    info = (type(error), error, error.__traceback__) if isinstance(error, BaseException) else None
    log.error("asyncio: %s", context.get("message", "error"), exc_info=info)


def display_problem(
    environ: dict[str, str] | os._Environ[str] = os.environ, platform: str = sys.platform
) -> str | None:
    """Why no window can be shown here, or ``None``. Qt itself would abort the process
    (SIGABRT) with a message about platform plugins. Only Linux and the BSDs are checked,
    and not at all when ``QT_QPA_PLATFORM`` chooses the platform."""
    if environ.get("QT_QPA_PLATFORM") or not platform.startswith(("linux", "freebsd")):
        return None
    if environ.get("WAYLAND_DISPLAY"):
        return None
    if not environ.get("DISPLAY"):
        return (
            "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "run it in a desktop session, or see `reading-club --help` for the command line"
        )
    if ctypes.util.find_library("xcb-cursor") is None:
        return (
            "Qt needs the libxcb-cursor library to open a window on X11; install it "
            "(Debian and Ubuntu: apt install libxcb-cursor0)"
        )
    return None


class _FirstPaint(QObject):
    """Resolves a future once ``widget`` has painted (its first paint finished)."""

    def __init__(self, widget: QWidget, done: asyncio.Future[None]) -> None:
        super().__init__(widget)
        self._done = done
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After the first paint event, let the loop go on to the catalogue."""
        if event.type() == QEvent.Type.Paint and not self._done.done():
            # Resolved on the next turn: the paint this event starts finishes first.
            asyncio.get_running_loop().call_soon(
                lambda: None if self._done.done() else self._done.set_result(None)
            )
        return False


async def painted(widget: QWidget) -> None:
    """Return once ``widget`` (shown) has painted, or after a second at most."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    watcher = _FirstPaint(widget, done)
    widget.update()
    try:
        await asyncio.wait_for(done, 1.0)
    except TimeoutError:
        log.info("no paint seen within a second; opening the catalogue anyway")
    finally:
        widget.removeEventFilter(watcher)


def main_window_type() -> type[MainWindow]:
    """The window class, imported on first use (it imports the core)."""
    from gui.main_window import MainWindow

    return MainWindow


def _log_signals(signals: CloseOnSignals) -> None:
    if signals.received:
        log.info("closed on signal %s", ", ".join(map(str, signals.received)))


async def _shell_first(
    first_page: FirstPageReader | None,
) -> tuple[StartupShell, type[MainWindow]] | None:
    """Paint the shell, then import the real window's modules; ``None`` if the shell was
    closed meanwhile (by the user or a signal)."""
    shell = StartupShell()
    signals = CloseOnSignals(shell)
    try:
        shell.show()
        log.info("the window is shown")
        await painted(shell.list_area)
        if first_page is not None and shell.show_first_page(first_page):
            log.info("the first page is shown")
            await painted(shell.list_area)
        if shell.isVisible() and not signals.received:
            window_type = main_window_type()  # the core's import: the shell stays painted
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
    database: str, first_page: FirstPageReader | None = None
) -> BaseException | None:
    """Paint the shell, build the real window, then open the catalogue; dispose of
    everything when the window closes. The error if the catalogue cannot be opened (the
    window closes then); ``None`` also when the shell is closed first.

    When the shell shows the first page (``first_page`` read it), the real window takes its
    place once its own list has read that page: the rows never give way to an empty list.
    Otherwise the real window takes the shell's place at once and the catalogue is opened
    behind it."""
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_log_loop_error)
    first = await _shell_first(first_page)
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


def report_open_error(app: QApplication, error: BaseException) -> None:
    """stderr always; a dialog too when someone can see it."""
    print(f"reading-club: {error}", file=sys.stderr)
    log.error("cannot open the catalogue: %s", error)
    if app.platformName() not in _HEADLESS_PLATFORMS:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Reading Club"),
            QCoreApplication.translate("App", "Cannot open the catalogue.\n\n{reason}").format(
                reason=error
            ),
        )


def open_window(
    database: str, language: str | None = None, first_page: FirstPageReader | None = None
) -> int:
    """Show the window on the catalogue at ``database`` until it is closed; 0 on a normal
    exit (also after SIGINT or SIGTERM), 2 when there is no display or the catalogue cannot
    be opened. ``language`` (e.g. ``fr``) overrides the saved setting and the system locale.
    ``first_page`` reads the list's first page for the start-up shell (the command line
    gives ``core.adapters.first_page``'s reader; none: the shell's list waits)."""
    problem = display_problem()
    if problem is not None and QApplication.instance() is None:
        print(f"reading-club: {problem}", file=sys.stderr)
        return EXIT_NO_DISPLAY
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # Wayland and the task bar match the installed menu entry
    install_translations(app, language)
    # The loop, not Qt, decides when to stop: the catalogue is closed before we return.
    app.setQuitOnLastWindowClosed(False)
    error = asyncio.run(run_window(database, first_page), loop_factory=EventLoop)
    if error is not None:
        report_open_error(app, error)
        return 2
    return 0


def run() -> None:
    """``python -m gui`` and ``reading-club-window``: the same as ``reading-club``."""
    from gui.bridge import command_line

    sys.exit(command_line())
