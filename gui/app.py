"""Start-up of the window: logging, the QApplication and the qasync loop around it.

``reading-club`` without a subcommand comes here (``core.cli`` parses the arguments).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from types import TracebackType

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.bridge import CatalogueOpenError, command_line, open_bridge
from gui.event_loop import EventLoop
from gui.i18n import install_translations
from gui.main_window import MainWindow

log = logging.getLogger("gui")

APP_NAME = "reading-club"
_HEADLESS_PLATFORMS = {"offscreen", "minimal"}


def configure_logging() -> None:
    """Log to stderr and, when possible, to a file in the user log directory."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        folder = platformdirs.user_log_path(APP_NAME)
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(folder / "reading-club.log", encoding="utf-8"))
    except OSError:
        pass
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
    )
    sys.excepthook = _log_unexpected


def _log_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    log.critical("unexpected error", exc_info=(kind, error, trace))


def _log_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    error = context.get("exception")
    info = (type(error), error, error.__traceback__) if isinstance(error, BaseException) else None
    log.error("asyncio: %s", context.get("message", "error"), exc_info=info)


async def run_window(database: str) -> CatalogueOpenError | None:
    """Open the catalogue, show the window until it closes, then dispose of everything."""
    asyncio.get_running_loop().set_exception_handler(_log_loop_error)
    try:
        async with open_bridge(database) as bridge:
            log.info("opened the catalogue %s", bridge.description)
            window = MainWindow(bridge)
            closed = asyncio.get_running_loop().create_future()
            window.closed.connect(lambda: None if closed.done() else closed.set_result(None))
            window.show()
            await closed
    except CatalogueOpenError as error:
        return error
    return None


def report_open_error(app: QApplication, error: CatalogueOpenError) -> None:
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


def open_window(database: str, language: str | None = None) -> int:
    """Show the window on the catalogue at ``database`` until it is closed; 0 on a normal
    exit, 2 when the catalogue cannot be opened. ``language`` (e.g. ``fr``) overrides the
    saved setting and the system locale."""
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_translations(app, language)
    # The loop, not Qt, decides when to stop: the catalogue is closed before we return.
    app.setQuitOnLastWindowClosed(False)
    error = asyncio.run(run_window(database), loop_factory=EventLoop)
    if error is not None:
        report_open_error(app, error)
        return 2
    return 0


def run() -> None:
    """``python -m gui``: the same as ``reading-club``."""
    sys.exit(command_line())
