"""The Help menu (Open log folder, About with the version) and the window's scalable icon."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from importlib import resources

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from gui.logs import log_folder
from resources import ICON

log = logging.getLogger(__name__)


def application_icon() -> QIcon:
    """The scalable Reading Club icon from the ``resources`` package (drawn at any size)."""
    path = resources.files("resources").joinpath(ICON)
    if not path.is_file():  # e.g. an editable install made before resources/ existed
        log.warning("the application icon is missing; reinstall the package")
        return QIcon()
    return QIcon(str(path))


class HelpMenu(QMenu):
    """``helpMenu`` of ``window``: Open log folder, and About (``aboutBox``, not modal)
    naming ``version`` and the catalogue at ``where`` (or what ``where()`` says when About
    opens: the window is shown before the catalogue is open)."""

    def __init__(self, window: QMainWindow, version: str, where: str | Callable[[], str]) -> None:
        super().__init__(self.tr("&Help"), window)
        self.setObjectName("helpMenu")
        self._window, self._version, self._where = window, version, where
        self.log_action = self.addAction(self.tr("Open &log folder"))
        self.log_action.triggered.connect(self.open_log_folder)
        self.about_action = self.addAction(self.tr("&About Reading Club"))
        self.about_action.triggered.connect(self.about)
        self.about_box: QMessageBox | None = None

    def open_log_folder(self) -> None:
        """The file manager on the folder of the log files (or its path in the status bar)."""
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            message = self.tr("The log is in {folder}").format(folder=folder)
            self._window.statusBar().showMessage(message)

    def _place(self) -> str:
        return self._where() if callable(self._where) else self._where

    def about(self) -> QMessageBox:
        """Show the About box: the version and where the catalogue is."""
        box = QMessageBox(self._window)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About Reading Club"))
        box.setIconPixmap(self._window.windowIcon().pixmap(64, 64))
        box.setText(
            self.tr(
                "<b>Reading Club</b> {version}<br>A book catalogue for reading clubs.<br>"
                "Catalogue: {where}"
            ).format(version=html.escape(self._version), where=html.escape(self._place()))
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.about_box = box
        return box
