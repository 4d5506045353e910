"""Failures of the window's background work said in the status bar, not only in the log.

The list, its counts and the history read the catalogue in tasks of their own; when one fails
(a shared catalogue's server gone between two pages, say) the list silently kept what it had
and the reason went to the log only. The bridge says which task failed and why
(``background_failed``); this shows it where the user looks.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStatusBar

from gui.bridge import CatalogueBridge

NOTICE_MS = 15_000
"""How long the status bar keeps the sentence (the next count or message replaces it)."""


def failure_text(reason: str) -> str:
    """The sentence shown for a failed read."""
    text = QCoreApplication.translate(
        "FailureNotice", "Could not read the catalogue: {reason}; see the log"
    )
    return text.format(reason=reason)


def show_background_failures(bridge: CatalogueBridge, status_bar: QStatusBar) -> None:
    """Show each background failure of ``bridge`` in ``status_bar``."""
    bridge.background_failed.connect(
        lambda reason: status_bar.showMessage(failure_text(reason), NOTICE_MS)
    )
