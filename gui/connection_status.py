"""The status-bar badge of a shared catalogue: shown only while other desktops' changes
cannot arrive."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from gui.bridge import CatalogueBridge
from gui.i18n import QT_TRANSLATE_NOOP

OFFLINE_TEXT = QT_TRANSLATE_NOOP("ConnectionStatus", "Offline — reconnecting…")
OFFLINE_TIP = QT_TRANSLATE_NOOP(
    "ConnectionStatus",
    "The shared catalogue cannot be reached. Changes cannot be saved and other members' "
    "books do not appear until it is back; the list reloads then.",
)


class ConnectionStatus(QLabel):
    """``connectionStatus``: "Offline — reconnecting…" while the bridge is offline, hidden
    otherwise (always hidden for a local file)."""

    def __init__(self, bridge: CatalogueBridge, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ConnectionStatus", OFFLINE_TEXT), parent)
        self.setObjectName("connectionStatus")
        self.setToolTip(QCoreApplication.translate("ConnectionStatus", OFFLINE_TIP))
        self.setAccessibleName(self.tr("Connection status"))
        self.setStyleSheet(
            "QLabel { color: palette(bright-text); background: #b3261e; "
            "padding: 0 6px; border-radius: 3px; }"
        )
        self.set_online(bridge.online)
        bridge.online_changed.connect(self.set_online)

    def set_online(self, online: bool) -> None:
        """Hide the badge when online, show it when offline."""
        self.setVisible(not online)
