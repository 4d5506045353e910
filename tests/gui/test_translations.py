"""The window in French: menus, plurals and dates from the French translation and locale."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import core
import gui
from gui.book_form import BOOK_RULES
from gui.bridge import CatalogueBridge
from gui.i18n import LANGUAGE_KEY, available_languages, datetime_text, install_translations
from gui.main_window import MainWindow
from tests.gui.actions import type_and_press_enter
from tests.gui.conftest import close_window, open_window

TRANSLATIONS = Path(gui.__file__).parent / "translations"


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


def _messages(ts: Path) -> list[tuple[str, str, list[str], bool]]:
    """(context, source, translations, finished) of every message of a .ts file."""
    found = []
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")]
            finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
            found.append(
                (name, message.findtext("source", ""), forms or [translation.text or ""], finished)
            )
    return found


def test_every_french_message_is_translated_and_compiled() -> None:
    """No message of the French .ts is unfinished, and the shipped .qm says the same as the
    .ts (``make translations`` was run after the last edit)."""
    messages = _messages(TRANSLATIONS / "reading_club_fr.ts")
    unfinished = [(context, source) for context, source, _forms, done in messages if not done]
    assert unfinished == [], "translate these in the .ts, then run `make translations`"
    compiled = QTranslator()
    assert compiled.load(str(TRANSLATIONS / "reading_club_fr.qm"))
    for context, source, forms, _done in messages:
        if len(forms) == 1:
            assert compiled.translate(context, source) == forms[0], source
        else:
            assert compiled.translate(context, source, None, 1) == forms[0], source
            assert compiled.translate(context, source, None, 2) == forms[1], source


def test_the_ts_files_hold_every_string_of_the_window(tmp_path: Path) -> None:
    """pyside6-lupdate finds nothing new in the modules of gui/ (the bridge package's too):
    ``make translations`` was run after the last string was added."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate is not None, "pyside6-lupdate comes with PySide6-Essentials"
    copy = shutil.copy(TRANSLATIONS / "reading_club_fr.ts", tmp_path / "check_fr.ts")
    sources = sorted(str(path) for path in Path(gui.__file__).parent.rglob("*.py"))
    result = subprocess.run(
        [lupdate, "-locations", "none", "-no-obsolete", *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "(0 new " in result.stdout + result.stderr, "run `make translations`"
    assert _messages(Path(copy)) == _messages(TRANSLATIONS / "reading_club_fr.ts")


def test_the_translated_book_rules_are_the_cores() -> None:
    """Each rule sentence the form translates is word for word one the domain raises."""
    domain = (Path(core.__file__).parent / "domain" / "isbn.py").read_text(encoding="utf-8")
    for rule in BOOK_RULES:
        assert f'ValueError("{rule}")' in domain


def test_dates_under_the_c_locale_are_iso(qapp: QApplication) -> None:
    """With no locale at all (LANG=C), dates read 2026-03-14 15:09, not "14 03 2026"."""
    when = datetime(2026, 3, 14, 15, 9, 30, tzinfo=UTC).astimezone()
    QLocale.setDefault(QLocale.c())
    try:
        assert datetime_text(when) == when.strftime("%Y-%m-%d %H:%M")
        assert datetime_text(when, seconds=True) == when.strftime("%Y-%m-%d %H:%M:%S")
    finally:
        install_translations(qapp, "en")


def test_the_language_menu_saves_the_choice_for_the_next_start(
    main_window: MainWindow, qapp: QApplication
) -> None:
    """View → Language → Français saves ``fr``; the next start installs French."""
    menu = main_window.language_menu
    assert list(menu.choices) == ["", *available_languages()]
    assert menu.choices[""].isChecked()
    menu.choices["fr"].trigger()
    assert QSettings().value(LANGUAGE_KEY) == "fr"
    assert "next start" in main_window.statusBar().currentMessage()
    try:
        assert install_translations(qapp).language() == QLocale.Language.French
    finally:
        install_translations(qapp, "en")
