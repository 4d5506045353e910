"""View → Language: the window's language for the next start, saved as the ``ui/language``
setting (``--lang`` still overrides it for one run)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gui.i18n import LANGUAGE_KEY, available_languages

NATIVE_NAMES = {"en": "English", "fr": "Français"}
"""Each language in its own words (the same in every translation, on purpose)."""


def native_name(code: str) -> str:
    """``fr`` → "Français"."""
    return NATIVE_NAMES.get(code) or QLocale(code).nativeLanguageName().capitalize()


class LanguageMenu(QMenu):
    """``languageMenu``: System language, then each shipped translation; the choice is
    saved and ``chosen(code)`` emitted (``""`` for the system's)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        group = QActionGroup(self)
        saved = QSettings().value(LANGUAGE_KEY, "", type=str)
        choices = [("", self.tr("System language"))]
        choices += [(code, native_name(code)) for code in available_languages()]
        self.choices: dict[str, QAction] = {}
        for code, name in choices:
            action = group.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == saved)
            action.triggered.connect(lambda _checked=False, code=code: self._choose(code))
            self.addAction(action)
            self.choices[code] = action

    def _choose(self, code: str) -> None:
        settings = QSettings()
        settings.setValue(LANGUAGE_KEY, code)
        settings.sync()
        self.chosen.emit(code)
