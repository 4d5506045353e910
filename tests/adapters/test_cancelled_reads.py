"""A list read cancelled part-way (the user typed past that search) ends, and the views go on
answering: on SQLite the statement is interrupted, on PostgreSQL it runs to its end; either
way its connection goes back to the pool, closed properly if replaced."""

from __future__ import annotations

import asyncio

from core.bootstrap import Catalogue
from core.domain.messages import RegisterBook
from core.service.views import BookQuery
from tests.support.isbn import isbn13


async def test_reads_cancelled_at_any_step_leave_the_views_answering(catalogue: Catalogue) -> None:
    """Each one-letter search is cancelled after one more step than the last; then a search
    and a count still give the right answers."""
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
