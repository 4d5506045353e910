"""The window's language: Qt translators for ``gui/translations/*.qm``, chosen at start.

The sources are English; ``reading_club_en.qm`` holds only the English plural forms (Qt's
``%n`` strings), so it is always installed; a second translator for the chosen language
(``--lang``, else the ``ui/language`` setting, else the system locale) sits on top of it.
``make translations`` refreshes the ``.ts`` files from gui/*.py and compiles them.
"""

from __future__ import annotations

import logging
from datetime import datetime
from importlib import resources

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
"""QSettings key: a language code such as ``fr``; empty or absent means the system's."""
_PREFIX = "reading_club_"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for ``pyside6-lupdate`` (which knows the name) and return it untranslated;
    ``QCoreApplication.translate(context, text)`` translates it where it is shown. PySide6's
    own is typed to return ``object``."""
    return text


def available_languages() -> list[str]:
    """The language codes with a compiled translation, e.g. ``["en", "fr"]``."""
    folder = resources.files("gui") / "translations"
    names = (entry.name for entry in folder.iterdir() if entry.is_file())
    return sorted(
        name.removeprefix(_PREFIX).removesuffix(".qm")
        for name in names
        if name.startswith(_PREFIX) and name.endswith(".qm")
    )


def chosen_locale(language: str | None = None) -> QLocale:
    """``language`` if given, else the saved setting, else the system locale."""
    if not language:
        saved = QSettings().value(LANGUAGE_KEY, "", type=str)
        language = saved if isinstance(saved, str) else ""
    return QLocale(language) if language else QLocale.system()


def install_translations(app: QCoreApplication, language: str | None = None) -> QLocale:
    """Install the English plurals and the translation for ``language`` (see
    :func:`chosen_locale`) into ``app``; the locale, also made Qt's default for dates and
    numbers. A missing translation leaves English."""
    locale = chosen_locale(language)
    QLocale.setDefault(locale)
    for old in app.findChildren(QTranslator, "readingClubTranslator"):
        app.removeTranslator(old)
        old.deleteLater()
    ours = str(resources.files("gui") / "translations")
    _load(app, QLocale(QLocale.Language.English), "reading_club", ours)
    if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        # Qt's own strings (standard buttons, file dialogs), then ours on top.
        qt = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _load(app, locale, "qtbase", qt)
        _load(app, locale, "reading_club", ours)
    return locale


def _load(app: QCoreApplication, locale: QLocale, name: str, folder: str) -> bool:
    translator = QTranslator(app)
    translator.setObjectName("readingClubTranslator")
    # The folder is a real directory for a wheel, a checkout and the bundle alike.
    if translator.load(locale, name, "_", folder):
        app.installTranslator(translator)
        return True
    log.info("no %s translation %s in %s; English is shown", locale.name(), name, folder)
    translator.deleteLater()
    return False


def datetime_text(when: datetime | None, *, seconds: bool = False) -> str:
    """``when`` in local time, in the default locale's short date and time format."""
    if when is None:
        return ""
    moment = QDateTime.fromMSecsSinceEpoch(round(when.timestamp() * 1000))
    locale = QLocale()
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in time_format:
        time_format = time_format.replace("mm", "mm:ss")
    date_format = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return locale.toString(moment, f"{date_format} {time_format}")
