"""A list read cancelled part-way (the user typed past that search) ends, and the views go on
answering: on SQLite the statement is interrupted, on PostgreSQL it runs to its end; either
way its connection goes back to the pool, closed properly if replaced."""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa

from core.adapters.views import _execute_or_interrupt
from core.bootstrap import Catalogue, open_catalogue
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


ENDLESS = sa.text(
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
)
"""A statement that only an interrupt ends."""
GUARD_S = 30.0
"""Only so that a failure fails instead of hanging: each read ends at once when it passes."""


async def test_a_read_cancelled_before_sqlite_began_its_statement_is_stopped_too(
    sqlite_path: Path,
) -> None:
    """Cancelled at each step on the way to the connection's thread (an interrupt sent before
    SQLite steps the statement does nothing), a statement that never ends by itself ends."""
    async with open_catalogue(sqlite_path) as catalogue:
        sessions = catalogue.views._sessions  # type: ignore[attr-defined]
        for steps in range(12):
            async with sessions() as session:
                raw = await (await session.connection()).get_raw_connection()
                task = asyncio.create_task(_execute_or_interrupt(session, ENDLESS, "sqlite"))
                for _ in range(steps):
                    await asyncio.sleep(0)
                task.cancel()
                done, _ = await asyncio.wait({task}, timeout=GUARD_S)
                while not task.done():  # failed: stop it here, or the test never ends
                    await raw.driver_connection.interrupt()
                    await asyncio.wait({task}, timeout=0.1)
                assert done, f"still running, cancelled after {steps} steps"
        assert await catalogue.views.count_books() == 0
