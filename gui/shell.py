"""The window's first paint: a light stand-in shown before the database stack is imported.

Start-up (issue 14) paints this shell after importing only PySide6: the title, the saved
geometry, the register form's fields (disabled) and an empty list saying "Opening the
catalogue…". ``gui.app`` then imports ``gui.main_window`` (and with it the core), builds the
real window over the same geometry and closes the shell. This module must import nothing but
PySide6 and ``gui.i18n``; its strings use the real window's translation contexts, so they are
translated by the same ``.qm`` entries.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

GEOMETRY_KEY = "mainWindow/geometry"
"""The same key ``gui.main_window`` saves its geometry under."""
DEFAULT_SIZE = (900, 640)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class StartupShell(QMainWindow):
    """The stand-in window (``startupWindow``); ``closed`` if the user closes it before the
    real window replaces it."""

    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startupWindow")
        self.setWindowTitle(_tr("MainWindow", "Reading Club"))
        self.replaced = False
        central = QWidget(self)
        form = QFormLayout()
        for label in ("&Title", "&Author", "&ISBN"):
            edit = QLineEdit(central)
            edit.setEnabled(False)
            form.addRow(_tr("BookForm", label), edit)
        register = QPushButton(_tr("BookForm", "Register"), central)
        register.setEnabled(False)
        search = QLineEdit(central)
        search.setEnabled(False)
        self.placeholder = QLabel(_tr("MainWindow", "Opening the catalogue…"), central)
        self.placeholder.setObjectName("startupPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setAutoFillBackground(True)
        self.placeholder.setBackgroundRole(QPalette.ColorRole.Base)
        layout = QVBoxLayout(central)
        layout.addLayout(form)
        layout.addWidget(register, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(search)
        layout.addWidget(self.placeholder, 1)
        self.setCentralWidget(central)
        geometry = QSettings().value(GEOMETRY_KEY, QByteArray(), type=QByteArray)
        if (
            not isinstance(geometry, QByteArray)
            or geometry.isEmpty()
            or not self.restoreGeometry(geometry)
        ):
            self.resize(*DEFAULT_SIZE)

    def hand_over(self, window: QMainWindow) -> None:
        """Put ``window`` where the shell is, show it, and close the shell (no flash: both
        happen before the event loop paints again)."""
        window.setGeometry(self.geometry())
        if self.isMaximized():
            window.showMaximized()
        else:
            window.show()
        self.replaced = True
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed before the real window replaced it: remember the geometry, as the real
        window does, and say so (start-up stops)."""
        super().closeEvent(event)
        if not self.replaced:
            settings = QSettings()
            settings.setValue(GEOMETRY_KEY, self.saveGeometry())
            settings.sync()
            self.closed.emit()
