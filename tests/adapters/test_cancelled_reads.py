"""A list read cancelled part-way (the user typed past that search) is stopped, and the SQLite
views go on answering: the statement interrupted, its connection back in the pool or replaced."""

from __future__ import annotations

import asyncio
from pathlib import Path

from core.bootstrap import open_catalogue
from core.domain.messages import RegisterBook
from core.service.views import BookQuery
from tests.support.isbn import isbn13


async def test_reads_cancelled_at_any_step_leave_the_views_answering(sqlite_path: Path) -> None:
    """Each one-letter search is cancelled after one more step than the last; then a search
    and a count still give the right answers."""
    async with open_catalogue(sqlite_path) as catalogue:
        commands = [
            RegisterBook(title=f"Book {n:03}", author="Someone", isbn=isbn13(n)) for n in range(300)
        ]
        await catalogue.execute_many(commands)
        for steps in range(12):
            task = asyncio.create_task(catalogue.views.list_books(BookQuery(search="q")))
            for _ in range(steps):
                await asyncio.sleep(0)  # let the read go one step further each time
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

        page = await catalogue.views.list_books(BookQuery(search="book 123"))
        assert [book.title for book in page] == ["Book 123"]
        assert await catalogue.views.count_books("k") == 300
