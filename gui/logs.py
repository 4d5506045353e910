"""The window's log: a rotating file in the user log directory, and stderr.

Third-party libraries log at WARNING and above only (Alembic would otherwise say INFO lines on
every start, httpx one per request). Help → Open log folder shows :func:`log_folder`. The
handlers' and platformdirs' modules are imported when they are first needed: the window
configures its log after its first paint.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

APP_NAME = "reading-club"
LOG_FILE = "reading-club.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
"""At most four files of 1 MB: reading-club.log and .log.1 to .log.3."""
QUIET = ("alembic", "httpx", "httpcore", "asyncio", "sqlalchemy", "aiosqlite", "asyncpg", "qasync")

log = logging.getLogger("gui")


def log_folder() -> Path:
    """Where the log files are (``~/.local/state/reading-club/log`` on Linux)."""
    import platformdirs

    return platformdirs.user_log_path(APP_NAME)


def configure_logging() -> None:
    """Log INFO of our own to stderr and, when possible, to the rotating file."""
    from logging.handlers import RotatingFileHandler

    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(
            RotatingFileHandler(
                folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        )
    except OSError:
        pass
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
    )
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    sys.excepthook = _log_unexpected


def _log_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    log.critical("unexpected error", exc_info=(kind, error, trace))
