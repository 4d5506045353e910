"""Save ``docs/screenshot.png``: the window, offscreen, on a temporary catalogue.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshot.py``
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

import qasync
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from core.bootstrap import open_catalogue
from core.domain.messages import RegisterBook
from gui.bridge import CatalogueBridge
from gui.i18n import install_translations
from gui.main_window import MainWindow

OUTPUT = Path(__file__).with_name("screenshot.png")
BOOKS = [
    ("Domain Driven Design", "Eric Evans", "0-321-12521-5"),
    ("Refactoring", "Martin Fowler", "978-0-13-475759-9"),
    ("The Pragmatic Programmer", "Andrew Hunt, David Thomas", "978-0-13-595705-9"),
    ("Clean Architecture", "Robert C. Martin", "978-0-13-449416-6"),
    ("Le Petit Prince", "Antoine de Saint-Exupéry", "978-2-07-061275-8"),
    ("Architecture Patterns with Python", "Harry Percival, Bob Gregory", "978-1-4920-5220-3"),
]


async def shoot(folder: Path) -> None:
    """Register the books through the bus, show the window and grab it."""
    async with open_catalogue(folder / "library.sqlite3") as catalogue:
        for title, author, isbn in BOOKS:
            await catalogue.execute(RegisterBook(title=title, author=author, isbn=isbn))
        bridge = CatalogueBridge(catalogue)
        window = MainWindow(bridge)
        loaded = asyncio.get_running_loop().create_future()
        window.model.refreshed.connect(lambda: loaded.done() or loaded.set_result(None))
        window.resize(980, 560)
        window.show()
        await loaded
        window.table.selectRow(2)
        window.form.title_edit.setText("Domain Driven Design")
        window.form.author_edit.setText("Eric Evans")
        window.form.isbn_edit.setText("0-321-12521-6")
        window.form.submit()  # shows the field error, as a user would see it
        await asyncio.sleep(0.2)  # let the offscreen platform lay out and paint
        window.grab().save(str(OUTPUT))
        await bridge.aclose()
        window.close()


def save_screenshot(
    shoot: Callable[[Path], Awaitable[None]], output: Path, language: str | None = None
) -> int:
    """Run ``shoot`` (it saves ``output``) on a qasync loop, the window's translations in
    ``language`` if given; settings go to a temporary folder, never the user's."""
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    if language is not None:
        install_translations(app, language)
    with tempfile.TemporaryDirectory() as folder:
        QCoreApplication.setOrganizationName("reading-club-screenshot")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        asyncio.run(shoot(Path(folder)), loop_factory=qasync.QEventLoop)
    print(f"wrote {output}")
    return 0


def main() -> int:
    """Write the screenshot."""
    return save_screenshot(shoot, OUTPUT)


if __name__ == "__main__":
    sys.exit(main())
