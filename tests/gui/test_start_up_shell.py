"""The start-up shell (``gui.shell``): what the first paint shows before the real window."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from gui.i18n import install_translations
from gui.shell import GEOMETRY_KEY, StartupShell


def test_the_shell_has_the_saved_geometry_and_disabled_fields(qtbot: QtBot) -> None:
    """The size the real window saved last time; the form's fields cannot be typed in yet."""
    saved = QMainWindow()
    saved.setGeometry(QRect(40, 50, 700, 500))
    QSettings().setValue(GEOMETRY_KEY, saved.saveGeometry())
    shell = StartupShell()
    qtbot.addWidget(shell)
    assert (shell.width(), shell.height()) == (700, 500)
    edits = shell.findChildren(QLineEdit)
    assert edits
    assert not any(edit.isEnabled() for edit in edits)
    assert shell.windowTitle() == "Reading Club"


def test_the_shell_speaks_the_chosen_language(qapp: QApplication, qtbot: QtBot) -> None:
    """Its strings are the real window's, translated by the same entries."""
    install_translations(qapp, "fr")
    try:
        shell = StartupShell()
        qtbot.addWidget(shell)
        placeholder = shell.findChild(QLabel, "startupPlaceholder")
        assert placeholder is not None
        assert placeholder.text() not in ("", "Opening the catalogue…")
    finally:
        install_translations(qapp, "en")


def test_handing_over_puts_the_real_window_in_the_shells_place(qtbot: QtBot) -> None:
    """The real window gets the shell's geometry and is shown; the shell closes."""
    shell = StartupShell()
    qtbot.addWidget(shell)
    shell.setGeometry(QRect(60, 70, 640, 480))
    shell.show()
    real = QMainWindow()
    qtbot.addWidget(real)
    shell.hand_over(real)
    assert real.isVisible()
    assert not shell.isVisible()
    assert real.geometry() == QRect(60, 70, 640, 480)
