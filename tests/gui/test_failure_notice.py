"""A read of the list failing in the background is said in the status bar, not only logged
(issue 20: each failure a user can cause shows a clear message)."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from gui.bridge import BookQuery, BookSummary
from gui.main_window import MainWindow


class FailingSearches:
    """The catalogue's views, except that a search fails as a lost server would."""

    def __init__(self, views: Any) -> None:
        self._views = views

    def __getattr__(self, name: str) -> Any:
        return getattr(self._views, name)

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """Fail for a search, read as usual otherwise."""
        if query.search:
            raise ConnectionError("the shared catalogue's server did not answer")
        return await self._views.list_books(query)


def test_a_failed_search_is_said_in_the_status_bar(qtbot: QtBot, main_window: MainWindow) -> None:
    """Typing a search whose read fails: the status bar says the catalogue could not be read
    and why (the list silently stayed unfiltered before)."""
    catalogue = main_window.bridge.catalogue
    catalogue.views = FailingSearches(catalogue.views)
    main_window.search_edit.setText("dune")
    qtbot.waitUntil(
        lambda: (
            main_window.statusBar().currentMessage()
            == "Could not read the catalogue: the shared catalogue's server did not answer;"
            " see the log"
        ),
        timeout=5000,
    )
