"""Start-up of the window: logging, the QApplication and the qasync loop around it.

``reading-club`` without a subcommand comes here (``core.cli`` parses the arguments). With no
display to draw on, it says so in one line and exits 2 before Qt would abort. The window is
shown and painted first — a light shell (``gui.shell``: the form, and an empty list saying
"Opening the catalogue…") after importing only PySide6, before asyncio and qasync (their
import alone is a fifth of a bare Qt start), in a Qt event loop of its own — then
``gui.start_up`` goes on, on the qasync loop: the catalogue's first page in that list when the
command line's reader can read it without the database stack, and only then are the real
window's modules (and with them the core) imported, the real window put in the shell's place
and the catalogue opened. ``main_window_type`` is looked up when needed, so
that a benchmark or a test can swap the window class without importing it first.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

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
    import ctypes.util  # only here: its import alone is a tenth of a bare Qt start

    if ctypes.util.find_library("xcb-cursor") is None:
        return (
            "Qt needs the libxcb-cursor library to open a window on X11; install it "
            "(Debian and Ubuntu: apt install libxcb-cursor0)"
        )
    return None


class OnPaint(QObject):
    """Calls ``then`` each time the watched widget is sent a paint event (the paint itself
    runs right after): how start-up waits for a first paint, with or without asyncio."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tell ``then``, and let the paint run."""
        if event.type() == QEvent.Type.Paint:
            self._then()
        return False


def paint_now(widget: QWidget, patience_s: float = 1.0) -> bool:
    """Return once ``widget`` (shown) has painted (true), or after ``patience_s`` at most
    (false), running Qt's events meanwhile in an event loop of its own: no asyncio loop runs
    yet."""
    loop = QEventLoop()
    watcher = OnPaint(widget, loop.quit)  # the loop stops after the paint
    started = time.monotonic()
    QTimer.singleShot(round(patience_s * 1000), loop.quit)
    widget.update()
    loop.exec()
    widget.removeEventFilter(watcher)
    watcher.deleteLater()
    return time.monotonic() - started < patience_s


def main_window_type() -> type[MainWindow]:
    """The window class, imported on first use (it imports the core)."""
    from gui.main_window import MainWindow

    return MainWindow


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
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # Wayland and the task bar match the installed menu entry
    install_translations(app, language)
    # The loop, not Qt, decides when to stop: the catalogue is closed before we return.
    app.setQuitOnLastWindowClosed(False)
    shell = StartupShell()
    signals = CloseOnSignals(shell)
    shell.show()
    in_time = paint_now(shell.list_area)
    configure_logging()
    log.info("the window is shown" if in_time else "no paint seen within a second; going on")
    import asyncio  # after the first paint, as what follows

    from gui.event_loop import EventLoop
    from gui.start_up import run_window

    error = asyncio.run(run_window(database, shell, signals, first_page), loop_factory=EventLoop)
    if error is not None:
        report_open_error(app, error)
        return 2
    return 0


def run() -> None:
    """``python -m gui`` and ``reading-club-window``: the same as ``reading-club``."""
    from gui.bridge import command_line

    sys.exit(command_line())
