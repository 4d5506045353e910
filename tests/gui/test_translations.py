"""The window in French: menus, plurals and dates from the French translation and locale."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.bridge import CatalogueBridge
from gui.i18n import available_languages, datetime_text, install_translations
from gui.main_window import MainWindow
from tests.gui.actions import type_and_press_enter
from tests.gui.conftest import close_window, open_window


@pytest.fixture
def french(qapp: QApplication) -> Iterator[QLocale]:
    """French installed for one test; English again afterwards."""
    yield install_translations(qapp, "fr")
    install_translations(qapp, "en")


@pytest.fixture
async def french_window(
    french: QLocale, qtbot: QtBot, bridge: CatalogueBridge
) -> AsyncIterator[MainWindow]:
    """A window built while French is installed."""
    window = await open_window(qtbot, bridge)
    yield window
    await bridge.aclose()
    close_window(window)


def test_french_and_english_are_shipped() -> None:
    """The compiled translations are package data."""
    assert {"en", "fr"} <= set(available_languages())


def test_menus_are_french(french_window: MainWindow) -> None:
    """The menu bar and the window title speak French."""
    menus = [action.text() for action in french_window.menuBar().actions()]
    assert menus == ["&Fichier", "É&dition", "&Affichage", "Ai&de"]
    assert french_window.search_edit.placeholderText().startswith("Rechercher")


def test_dates_follow_the_french_locale(french: QLocale) -> None:
    """A registration time is shown day first, in the 24-hour clock."""
    when = datetime(2026, 3, 14, 15, 9, tzinfo=UTC).astimezone()
    assert datetime_text(when) == when.strftime("%d/%m/%Y %H:%M")


def test_plurals_come_from_the_translation(french_window: MainWindow, qtbot: QtBot) -> None:
    """None or one book is "livre" in French, more "livres": the status bar follows the rule."""
    assert french_window.statusBar().currentMessage() == "0 livre"
    type_and_press_enter(
        qtbot, french_window, "Domain Driven Design", "Eric Evans", "978-0-321-12521-7"
    )
    qtbot.waitUntil(lambda: french_window.statusBar().currentMessage() == "1 livre")
