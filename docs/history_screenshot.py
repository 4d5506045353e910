"""Save ``docs/history.png``: the history panel in words, offscreen, on a temporary catalogue.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/history_screenshot.py``
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout


from core.bootstrap import Origin, open_catalogue
from core.domain.messages import DeleteBook, RegisterBook, UpdateBook
from docs.screenshot import BOOKS, save_screenshot
from gui.bridge import CatalogueBridge
from gui.main_window import MainWindow

OUTPUT = Path(__file__).with_name("history.png")


async def shoot(folder: Path) -> None:
    """A few changes through the bus by two members on two desktops, then the window with its
    history shown, grabbed."""
    path = folder / "library.sqlite3"
    async with open_catalogue(path, origin=Origin("alice", "club-laptop")) as catalogue:
        registered = [
            RegisterBook(title=title, author=author, isbn=isbn) for title, author, isbn in BOOKS
        ]
        for command in registered:
            await catalogue.execute(command)
    async with open_catalogue(path, origin=Origin("bob", "front-desk")) as catalogue:
        ddd, refactoring = registered[0], registered[1]
        await catalogue.execute(
            UpdateBook(id=ddd.id, title="Domain-Driven Design", author=ddd.author, isbn=ddd.isbn)
        )
        await catalogue.execute(DeleteBook(id=refactoring.id))
        bridge = CatalogueBridge(catalogue)
        window = MainWindow(bridge)
        window.resize(980, 860)
        loaded = asyncio.get_running_loop().create_future()
        window.history.model.loaded.connect(lambda: loaded.done() or loaded.set_result(None))
        window.show()
        window.history.show()
        await loaded
        window.history.table.selectRow(0)  # the deletion: "Restore this book" is offered
        await asyncio.sleep(0.2)  # let the offscreen platform lay out and paint
        window.grab().save(str(OUTPUT))
        await bridge.aclose()
        window.close()


def main() -> int:
    """Write the screenshot, with the English plurals ("5 books")."""
    return save_screenshot(shoot, OUTPUT, language="en")


if __name__ == "__main__":
    sys.exit(main())
