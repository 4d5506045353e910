"""The list sorted by any column reads its first page from an index, in both directions, on
SQLite and PostgreSQL (no sort of every book: a page stays fast at 1M)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from core.adapters.search import order_by
from core.adapters.tables import BOOKS
from core.bootstrap import open_catalogue
from core.domain.ordering import BookSort
from core.service.views import BookQuery

INDEXES = {
    BookSort.title: "ix_books_title_key_id",
    BookSort.author: "ix_books_author_key_id",
    BookSort.isbn: "ix_books_isbn_id",
    BookSort.registered_at: "ix_books_registered_at_id",
    BookSort.rating: "ix_books_rating_id",
    BookSort.reviews: "ix_books_review_count_id",
    BookSort.availability: "ix_books_available_id",
}
QUERIES = [
    BookQuery(sort=sort, descending=descending) for sort in INDEXES for descending in (False, True)
]


def _page(dialect: str, query: BookQuery) -> str:
    statement = sa.select(BOOKS.c.id).order_by(*order_by(dialect, query)).limit(200)
    return str(
        statement.compile(dialect=_dialects[dialect], compile_kwargs={"literal_binds": True})
    )


_dialects = {
    "sqlite": sa.create_engine("sqlite://").dialect,
    "postgresql": sa.create_engine("postgresql+asyncpg://x@localhost/x").dialect,
}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.sort.name}-{q.descending}")
async def test_sqlite_walks_the_index_without_sorting(tmp_path: Path, query: BookQuery) -> None:
    """EXPLAIN QUERY PLAN: the index, and no temporary B-tree for the ORDER BY."""
    path = tmp_path / "library.sqlite3"
    async with open_catalogue(path):
        pass
    engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.connect() as connection:
            plan = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + _page("sqlite", query))
            details = " ".join(str(row[-1]) for row in plan)
    finally:
        await engine.dispose()
    assert INDEXES[query.sort] in details
    assert "TEMP B-TREE" not in details


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.sort.name}-{q.descending}")
async def test_postgresql_walks_the_index_without_sorting(
    pg_database: str, query: BookQuery
) -> None:
    """EXPLAIN: an index scan (forward or backward) and no Sort node; the planner is told to
    avoid sorts, as it would by itself on a large table."""
    async with open_catalogue(pg_database):
        pass
    engine = create_async_engine(pg_database)
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql("SET enable_sort = off")
            await connection.exec_driver_sql("SET enable_seqscan = off")
            plan = await connection.exec_driver_sql("EXPLAIN " + _page("postgresql", query))
            details = " ".join(str(row[0]) for row in plan)
    finally:
        await engine.dispose()
    assert INDEXES[query.sort] in details
    assert "Sort" not in details.replace("Sort Key", "")
