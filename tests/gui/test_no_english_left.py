"""No English left in the French window: the same scenario runs in English and in French,
and every text shown at the same place must differ (unless it is a proper name or a code).

The scenario opens whatever needs no server: the window with its menus, the history dock and
the offline badge; a registration, an ISBN refused, an edit, a delete question, About, an
import's progress, summary (with its problems list: a row with a bad ISBN) and error, an
export. File choosers are left out: they are Qt's own dialogs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from core.bootstrap import open_catalogue
from gui.bridge import CatalogueBridge
from gui.i18n import install_translations
from gui.main_window import MainWindow
from tests.gui.conftest import close_window, next_emission, wait_for_signal, wait_until
from tests.gui.walk import Texts, untranslated, visible_texts

ALLOWED = {
    "Reading Club",
    "ISBN",
    "Open Library",
    "CSV",
    "OK",
    "Type",
    "English",
    "Français",
    "Date",
}
"""The same in English and French: proper names, codes, words both languages share, and
the languages' own names in the Language menu."""


class Questions:
    """A delete confirmation that remembers the question and answers No."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, question: str) -> bool:
        self.asked.append(question)
        return False


async def scenario(window: MainWindow, questions: Questions, folder: Path) -> Texts:
    """Everything the window shows along the way, keyed by place."""
    shown = visible_texts(window, "window")
    window.history.show()
    form = window.form
    for edit, text in zip(
        form._edits(), ("Dune", "Frank Herbert", "978-0-441-17271-9"), strict=True
    ):
        edit.setText(text)
    form.submit()
    await wait_until(lambda: window.model.total == 1 and not window.bridge.busy)
    shown["registered"] = form.message.text()
    shown["count"] = window.statusBar().currentMessage()
    for edit, text in zip(form._edits(), ("Emma", "Jane Austen", "123"), strict=True):
        edit.setText(text)
    form.submit()  # refused at once: the ISBN's rule, named in the user's language
    shown["invalid"] = form.message.text()
    window.table.setCurrentIndex(window.model.index(0, 0))
    window.edit_current()
    shown |= visible_texts(form, "editing")
    form.cancel_edit()
    window.delete_current()
    shown["delete question"] = questions.asked[-1]
    window.search_edit.setText("Dune")
    await wait_until(lambda: not window.bridge.busy and window.model.query.search == "Dune")
    await wait_until(lambda: "1" in window.statusBar().currentMessage())
    shown["search count"] = window.statusBar().currentMessage()
    window.search_edit.clear()
    shown |= await _about(window)
    shown |= await _import(window, folder)
    finished = next_emission(window.csv.exported)
    window.csv.export_csv(folder / "out.csv")
    await wait_for_signal(finished)
    shown["exported"] = window.statusBar().currentMessage()
    return shown


async def _about(window: MainWindow) -> Texts:
    box = window.help_menu.about()
    texts = visible_texts(box, "about")
    box.close()
    return texts


async def _import(window: MainWindow, folder: Path) -> Texts:
    run = window.csv.import_csv(folder / "books.csv")
    texts = visible_texts(window.csv.import_progress, "progress")
    await wait_for_signal(next_emission(run.finished), timeout=10)
    texts |= visible_texts(window.csv.import_summary, "summary")
    texts["import status"] = window.statusBar().currentMessage()
    window.csv.import_summary.close()
    failed = window.csv.import_csv(folder / "missing.csv")
    await wait_for_signal(next_emission(failed.failed), timeout=10)
    texts |= visible_texts(window.csv.import_error, "import error")
    window.csv.import_error.close()
    return texts


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    """A folder for each language's files, with a CSV file of one good and one bad row."""
    found = {}
    for language in ("en", "fr"):
        found[language] = folder = tmp_path / language
        folder.mkdir()
        text = "title,author,isbn\nDune,Frank Herbert,9780441172719\nX,Y,123\n"
        (folder / "books.csv").write_text(text, encoding="utf-8")
    return found


@pytest.fixture
async def french_bridge(tmp_path: Path) -> AsyncIterator[CatalogueBridge]:
    """A second fresh catalogue, for the French window."""
    async with open_catalogue(tmp_path / "french.sqlite3") as catalogue:
        bridge = CatalogueBridge(catalogue)
        yield bridge
        await bridge.aclose()


async def run_in(language: str, bridge: CatalogueBridge, folder: Path) -> Texts:
    """The scenario on a window built while ``language`` is installed."""
    install_translations(QApplication.instance(), language)  # type: ignore[arg-type]
    questions = Questions()
    window = MainWindow(bridge, confirm=questions)
    loaded = next_emission(window.model.refreshed)
    window.resize(1200, 700)  # every menu title fits: no overflow menu in either language
    window.show()
    try:
        await wait_for_signal(loaded)
        return await scenario(window, questions, folder)
    finally:
        await bridge.aclose()
        close_window(window)


async def test_the_french_window_shows_no_english(
    qtbot: QtBot,
    bridge: CatalogueBridge,
    french_bridge: CatalogueBridge,
    folders: dict[str, Path],
) -> None:
    """Every text of the French window differs from the English one at the same place."""
    try:
        english = await run_in("en", bridge, folders["en"])
        french = await run_in("fr", french_bridge, folders["fr"])
    finally:
        install_translations(QApplication.instance(), "en")  # type: ignore[arg-type]
    assert len(english) > 60
    assert any(place.endswith(".line2") for place in english)  # the import's problems were read
    assert sorted(english) == sorted(french)  # the same places were walked
    assert untranslated(english, french, ALLOWED) == []
