"""Save ``docs/book-page.png``: a book's page with its reviews, offscreen, on a temporary
catalogue filled through the bus.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/book_page_screenshot.py``
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from PySide6.QtCore import Qt

from core.bootstrap import open_catalogue
from core.domain.messages import RegisterBook, RegisterMember, RemoveMember, ReviewBook
from docs.screenshot import save_screenshot
from gui.bridge import CatalogueBridge
from gui.main_window import MainWindow

OUTPUT = Path(__file__).with_name("book-page.png")
BOOKS = [
    RegisterBook(title="Le Petit Prince", author="Antoine de Saint-Exupéry", isbn="9782070612758"),
    RegisterBook(title="Refactoring", author="Martin Fowler", isbn="9780134757599"),
]
MEMBERS = [RegisterMember(nickname=n) for n in ("Amélie", "Bastien", "Chloé", "Dmitri")]
REVIEWS = [
    (0, 9, "Read it again as an adult: the fox's secret lands differently.", (2026, 10, 2)),
    (
        1,
        8,
        "Short chapters, good for the club's first meeting.\nThe drawings matter.",
        (2026, 10, 9),
    ),
    (2, 10, "", (2026, 10, 12)),
    (3, 6, "Charming, a little thin for a whole evening.", (2026, 9, 30)),
]


async def shoot(folder: Path) -> None:
    """Fill the catalogue, select the reviewed book, grab its page."""
    async with open_catalogue(folder / "library.sqlite3") as catalogue:
        for command in (*BOOKS, *MEMBERS):
            await catalogue.execute(command)
        for member, rate, comment, day in REVIEWS:
            when = datetime(*day, 19, 30, tzinfo=UTC)
            review = ReviewBook(
                member_id=MEMBERS[member].id,
                book_id=BOOKS[0].id,
                rate=rate,
                comment=comment,
                written_at=when,
            )
            await catalogue.execute(review)
        await catalogue.execute(RemoveMember(id=MEMBERS[3].id))
        bridge = CatalogueBridge(catalogue)
        window = MainWindow(bridge)
        loaded = asyncio.get_running_loop().create_future()
        window.model.refreshed.connect(lambda: loaded.done() or loaded.set_result(None))
        window.resize(1400, 560)
        window.show()
        await loaded
        page = window.club.book_page
        reviews = asyncio.get_running_loop().create_future()
        page.loaded.connect(lambda: page.reviews and (reviews.done() or reviews.set_result(None)))
        window.table.selectRow(0)
        await reviews
        window.resizeDocks([window.club.book_dock], [640], Qt.Orientation.Horizontal)
        page.review_table.resizeColumnToContents(0)
        await asyncio.sleep(0.2)  # let the offscreen platform lay out and paint
        window.club.book_dock.grab().save(str(OUTPUT))
        await bridge.aclose()
        window.close()


def main() -> int:
    """Write the screenshot."""
    return save_screenshot(shoot, OUTPUT)


if __name__ == "__main__":
    sys.exit(main())
