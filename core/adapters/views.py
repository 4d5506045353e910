"""The SQL views: the book list, counts and the history, read on connections that only read."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.domain.model import BookId
from core.domain.ordering import Search, Shelf, parse_search
from core.service.import_matches import ImportLookup, ImportMatches
from core.service.views import (
    AbstractCatalogueViews,
    BookQuery,
    BookSummary,
    HistoryEntry,
    HistoryFilter,
)

from .book_details import SqlBookDetailsViews
from .club_views import SqlClubViews
from .history import HISTORY_COLUMNS, history_conditions, history_entry
from .import_matches import match_imported
from .loan_views import SqlLoanViews, shelf_filter
from .search import (
    TERMS_TABLE,
    TERMS_TABLE_MADE,
    absent_terms_statement,
    capped_count_statement,
    count_statement,
    indexed_terms_count_statement,
    is_common,
    order_by,
    plan_needs_count,
    search_filter,
    walk_pays,
)
from .tables import BOOK_TAGS, BOOKS, MESSAGES
from .tags import listed_tags, tags_column


def _summary(row: Any) -> BookSummary:
    book_id, title, author, isbn, registered_at, rating, reviews, *shelf, tags = row
    return BookSummary(
        book_id, title, author, isbn, registered_at, listed_tags(tags), rating, reviews, *shelf
    )


_SUMMARY_COLUMNS = (
    BOOKS.c.id,
    BOOKS.c.title,
    BOOKS.c.author,
    BOOKS.c.isbn,
    BOOKS.c.registered_at,
    BOOKS.c.rating,
    BOOKS.c.review_count,
    BOOKS.c.copy_count,
    BOOKS.c.available,
    BOOKS.c.due_on,
    BOOKS.c.borrower,
)
_COUNT_ALL = sa.text("SELECT n FROM book_count")
STREAM_ROWS = 1000
"""Rows fetched at a time by :meth:`SqlCatalogueViews.stream_books`."""
INTERRUPT_RETRY_S = 0.002
"""How often a cancelled read's statement is interrupted again until it has ended."""


async def _execute_or_interrupt(
    session: AsyncSession, statement: sa.Executable, dialect: str
) -> Any:
    """``session.execute(statement)``; if the caller is cancelled meanwhile (a search the user
    typed past), SQLite is told to stop the statement, so that a scan of every row for a one-
    or two-letter needle does not go on taking a core from the next keystroke's query.

    The statement itself is not cancelled but interrupted and awaited (shielded): an await
    cancelled inside SQLAlchemy invalidates its connection without closing it. On PostgreSQL
    it is awaited to its end, as before reads were cancelled."""
    raw = await (await session.connection()).get_raw_connection()
    running = asyncio.ensure_future(session.execute(statement))
    try:
        return await asyncio.shield(running)
    except asyncio.CancelledError:
        if dialect == "sqlite" and raw.driver_connection is not None:
            await _interrupt_until_ended(raw.driver_connection, running)
        with contextlib.suppress(Exception):
            await running  # on SQLite it ends at once: "interrupted"
        raise


async def _interrupt_until_ended(connection: Any, running: asyncio.Future[Any]) -> None:
    """Interrupt SQLite until ``running`` has ended: an interrupt only stops a statement already
    stepping, so one still on its way to the connection's thread (cancelled right after it was
    sent, as a keystroke cancels the count its previous keystroke just began) would start
    afterwards and scan to its end, taking a core from the next search (at 1M, a cancelled
    count of ``book 1`` went on for a second)."""
    while not running.done():
        await connection.interrupt()
        await asyncio.wait({running}, timeout=INTERRUPT_RETRY_S)


class SqlCatalogueViews(SqlClubViews, SqlLoanViews, SqlBookDetailsViews, AbstractCatalogueViews):
    """Queries made for the screens: sorted, filtered and paged in SQL.

    ``sessions`` must only read (on SQLite they take no write lock, so a search never queues
    behind an import's commit); ``engine`` streams long listings.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine) -> None:
        self._sessions = sessions
        self._engine = engine
        self._dialect = engine.dialect.name
        self._columns = (*_SUMMARY_COLUMNS, tags_column(self._dialect))

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """One page, filtered, sorted and windowed in SQL; ties broken by id.

        A search the search index serves first counts its matches up to
        ``search.COMMON_MATCHES`` (one cheap query) to pick its plan: nothing to page, the search
        index, or the sort column's index (``search.walk_pays``: for a large share of the books,
        or many matches); one of only short terms has a single plan.
        """
        search = parse_search(query.search)
        statement = sa.select(*self._columns).order_by(*order_by(self._dialect, query))
        shelf = shelf_filter(query.shelf, query.day())
        if shelf is not None:
            statement = statement.where(shelf)
        async with self._sessions() as session:
            if not search.everything:
                if search.nothing or await self._finds_nothing(session, search):
                    return []
                common = False
                if plan_needs_count(self._dialect, search):
                    common_terms = await self._common_indexed_terms(session, search)
                    capped = capped_count_statement(self._dialect, search, common_terms)
                    counted = await _execute_or_interrupt(session, capped, self._dialect)
                    matches, total = counted.one()
                    if matches == 0:
                        return []
                    window = query.offset + query.limit
                    common = common_terms or walk_pays(int(matches), int(total), window)
                statement = statement.where(search_filter(self._dialect, search, common))
            statement = statement.offset(query.offset).limit(query.limit)
            result = await _execute_or_interrupt(session, statement, self._dialect)
            return [_summary(row) for row in result]

    async def _finds_nothing(self, session: AsyncSession, search: Search) -> bool:
        """Whether a one- or two-letter term of ``search`` occurs in no book, from the search
        index (SQLite); ``False`` when unknown."""
        statement = absent_terms_statement(self._dialect, search)
        if statement is None:
            return False
        connection = await session.connection()
        if TERMS_TABLE_MADE not in connection.info:
            await _execute_or_interrupt(session, TERMS_TABLE, self._dialect)
            connection.info[TERMS_TABLE_MADE] = True
        answer = await _execute_or_interrupt(session, statement, self._dialect)
        return bool(answer.scalar_one())

    async def _common_indexed_terms(self, session: AsyncSession, search: Search) -> bool:
        """Whether the search index's terms of a mixed search are common on their own."""
        statement = indexed_terms_count_statement(self._dialect, search)
        if statement is None:
            return False
        counted = await _execute_or_interrupt(session, statement, self._dialect)
        return is_common(int(counted.scalar_one()))

    async def count_books(self, search: str = "", shelf: Shelf = Shelf.all) -> int:
        """How many books match; all books come from a counter kept by triggers. A search whose
        indexed terms are common tests each row for every term, as its page does."""
        parsed = parse_search(search)
        if parsed.nothing:
            return 0
        condition = shelf_filter(shelf, date.today())
        async with self._sessions() as session:
            statement: sa.Executable
            if parsed.everything:
                every = sa.select(sa.func.count()).select_from(BOOKS)
                statement = _COUNT_ALL if condition is None else every.where(condition)
            elif await self._finds_nothing(session, parsed):
                return 0
            else:
                common = await self._common_indexed_terms(session, parsed)
                statement = count_statement(self._dialect, parsed, common, condition)
            return int(
                (await _execute_or_interrupt(session, statement, self._dialect)).scalar_one()
            )

    async def book_by_isbn(self, isbn: str) -> BookSummary | None:
        """The book holding this canonical ISBN-13, or ``None``."""
        statement = sa.select(*self._columns).where(BOOKS.c.isbn == isbn)
        async with self._sessions() as session:
            row = (await session.execute(statement)).first()
        return None if row is None else _summary(row)

    async def tags_in_use(self) -> list[tuple[str, int]]:
        """One grouped query over the tags' index."""
        statement = (
            sa.select(sa.func.min(BOOK_TAGS.c.tag), sa.func.count())
            .group_by(BOOK_TAGS.c.tag_key)
            .order_by(BOOK_TAGS.c.tag_key)
        )
        async with self._sessions() as session:
            return [(str(tag), int(count)) for tag, count in await session.execute(statement)]

    async def match_imported(self, lookup: ImportLookup) -> ImportMatches:
        """The stored books an import's rows name, in one read transaction."""
        async with self._sessions() as session:
            return await match_imported(session, self._dialect, lookup)

    async def book_by_id(self, book_id: BookId) -> BookSummary | None:
        """The book with this id, or ``None``."""
        statement = sa.select(*self._columns).where(BOOKS.c.id == book_id)
        async with self._sessions() as session:
            row = (await session.execute(statement)).first()
        return None if row is None else _summary(row)

    async def stream_books(self, query: BookQuery) -> AsyncIterator[BookSummary]:
        """Every matching book in the query's order, read in one transaction."""
        search = parse_search(query.search)
        statement = sa.select(*self._columns).order_by(*order_by(self._dialect, query))
        if search.nothing:
            return
        shelf = shelf_filter(query.shelf, query.day())
        if shelf is not None:
            statement = statement.where(shelf)
        if not search.everything:
            statement = statement.where(search_filter(self._dialect, search))
        async with self._engine.connect() as connection:
            result = await connection.stream(statement.execution_options(yield_per=STREAM_ROWS))
            async for row in result:
                yield _summary(row)

    async def history(
        self,
        offset: int = 0,
        limit: int = 200,
        *,
        filter: HistoryFilter | None = None,
    ) -> list[HistoryEntry]:
        """Stored messages, newest first (the order they were stored in), one page."""
        statement = sa.select(*HISTORY_COLUMNS).order_by(MESSAGES.c.seq.desc())
        for condition in history_conditions(self._dialect, filter or HistoryFilter()):
            statement = statement.where(condition)
        statement = statement.offset(offset).limit(limit)
        async with self._sessions() as session:
            result = await session.execute(statement)
            return [history_entry(row) for row in result]

    async def transaction_messages(self, tx: UUID) -> list[HistoryEntry]:
        """The messages one transaction stored, in order (other desktops read a batch's
        events with it)."""
        statement = sa.select(*HISTORY_COLUMNS).where(MESSAGES.c.tx == tx)
        async with self._sessions() as session:
            result = await session.execute(statement.order_by(MESSAGES.c.seq))
            return [history_entry(row) for row in result]
