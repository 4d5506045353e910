"""The window as the desktop sees it: a scalable icon, the log folder a click away."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from gui.bridge import program_version
from gui.logs import log_folder
from gui.main_window import MainWindow


def test_the_window_icon_is_scalable(main_window: MainWindow) -> None:
    """The SVG itself, not a 64 px picture: it is drawn sharp at 256 px."""
    icon = main_window.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(256, 256).width() == 256


class Opened(QObject):
    """Receives the URLs the window asks the desktop to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        """Remember ``url``."""
        self.urls.append(url)


def test_help_opens_the_log_folder(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Help → Open log folder asks the desktop to show the folder of the log files."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        help_menu = main_window.menuBar().actions()[-1].menu()
        assert help_menu is main_window.help_menu
        main_window.help_menu.log_action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in opened.urls] == [str(log_folder())]
    assert log_folder().is_relative_to(tmp_path / "state")
    assert log_folder().is_dir()


def test_about_names_the_version_and_the_catalogue(main_window: MainWindow) -> None:
    """Help → About: the installed version (as ``reading-club --version``) and the file."""
    box = main_window.help_menu.about()
    try:
        assert box.objectName() == "aboutBox"
        assert f"</b> {program_version()}<br>" in box.text()
        assert main_window.bridge.description in box.text()
    finally:
        box.close()
