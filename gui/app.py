"""Start-up: arguments, logging, the QApplication and the qasync loop around the window."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from types import TracebackType

import platformdirs
import qasync
from PySide6.QtWidgets import QApplication, QMessageBox

from core import cli
from core.bootstrap import CatalogueOpenError, default_database_path, open_catalogue
from gui.bridge import CatalogueBridge
from gui.main_window import MainWindow

log = logging.getLogger("gui")

APP_NAME = "reading-club"
DATABASE_ENV = "READING_CLUB_DATABASE"
_HEADLESS_PLATFORMS = {"offscreen", "minimal"}


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """``--database PATH_OR_URL``, defaulting to $READING_CLUB_DATABASE or the user data dir."""
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Reading Club book catalogue")
    parser.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        default=os.environ.get(DATABASE_ENV) or str(default_database_path()),
        help="SQLite file or postgresql+asyncpg:// URL (default: %(default)s)",
    )
    return parser.parse_args(argv)


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
        async with open_catalogue(database) as catalogue:
            log.info("opened the catalogue %s", catalogue.database_url)
            bridge = CatalogueBridge(catalogue)
            window = MainWindow(bridge)
            closed = asyncio.get_running_loop().create_future()
            window.closed.connect(lambda: closed.done() or closed.set_result(None))
            window.show()
            await closed
            await bridge.aclose()
    except CatalogueOpenError as error:
        return error
    return None


def report_open_error(app: QApplication, error: CatalogueOpenError) -> None:
    """stderr always; a dialog too when someone can see it."""
    print(f"reading-club: {error}", file=sys.stderr)
    log.error("cannot open the catalogue: %s", error)
    if app.platformName() not in _HEADLESS_PLATFORMS:
        QMessageBox.critical(None, "Reading Club", f"Cannot open the catalogue.\n\n{error}")


def main(argv: list[str] | None = None) -> int:
    """Run the application; 0 on a normal exit, 2 when the catalogue cannot be opened.

    ``reading-club import|export|list ...`` runs the command line instead (no window).
    """
    given = sys.argv[1:] if argv is None else argv
    if given and given[0] in cli.COMMANDS:
        return cli.main(given)
    arguments = parse_arguments(argv)
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    # The loop, not Qt, decides when to stop: the catalogue is closed before we return.
    app.setQuitOnLastWindowClosed(False)
    error = asyncio.run(run_window(arguments.database), loop_factory=qasync.QEventLoop)
    if error is not None:
        report_open_error(app, error)
        return 2
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
