"""Failures of the window's background work said in the status bar, not only in the log.

The list, its counts and the history read the catalogue in tasks of their own; when one fails
(a shared catalogue's server gone between two pages, say) the list silently kept what it had
and the reason went to the log only. The bridge says which task failed and why
(``background_failed``); this shows it where the user looks.

A catalogue whose file was deleted while the window was open refuses every write; coming back
to the window (after deleting its folder in a file manager, say) says so at once, before
anything is typed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication
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
    """Show each background failure of ``bridge`` in ``status_bar``, and a catalogue file
    deleted meanwhile each time the application comes to the front."""
    bridge.background_failed.connect(
        lambda reason: status_bar.showMessage(failure_text(reason), NOTICE_MS)
    )

    _FrontCheck(bridge, status_bar)


class _FrontCheck(QObject):
    """Checks the catalogue's file when the application comes to the front; a child of the
    status bar, so the connection ends with the window."""

    def __init__(self, bridge: CatalogueBridge, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self._bridge, self._status_bar = bridge, status_bar
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.applicationStateChanged.connect(self.check)

    @Slot(Qt.ApplicationState)
    def check(self, state: Qt.ApplicationState) -> None:
        """On coming to the front, say if nothing can be saved any more."""
        if state is Qt.ApplicationState.ApplicationActive:
            problem = self._bridge.storage_problem()
            if problem is not None:
                self._status_bar.showMessage(problem[:1].upper() + problem[1:])
