"""The window as the desktop sees it: a scalable icon."""

from __future__ import annotations

from gui.main_window import MainWindow


def test_the_window_icon_is_scalable(main_window: MainWindow) -> None:
    """The SVG itself, not a 64 px picture: it is drawn sharp at 256 px."""
    icon = main_window.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(256, 256).width() == 256
