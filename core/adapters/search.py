"""The WHERE and ORDER BY clauses of the book list, per back-end.

SQLite searches an FTS5 trigram index (``books_fts``, kept in sync by triggers) for needles of
three characters or more; PostgreSQL uses ``LIKE`` on ``search_text``, which its pg_trgm GIN
index serves. Shorter needles scan ``search_text`` with ``LIKE`` on both.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.service.repositories import BookQuery, BookSort

from .tables import BOOKS, fold

FTS_MIN_LENGTH = 3
"""A trigram index cannot answer a needle shorter than one trigram."""

_FTS_MATCH = sa.text("SELECT rowid FROM books_fts WHERE books_fts MATCH :phrase")
_FTS_COUNT = sa.text("SELECT count(*) FROM books_fts WHERE books_fts MATCH :phrase")

_SORT_COLUMNS: dict[BookSort, sa.ColumnElement[Any]] = {
    BookSort.title: BOOKS.c.title_key,
    BookSort.author: BOOKS.c.author_key,
    BookSort.isbn: BOOKS.c.isbn,
    BookSort.registered_at: BOOKS.c.registered_at,
}


def needle(search: str) -> str:
    """The folded search text; empty means no filter."""
    return fold(search.strip())


def _like_pattern(folded: str) -> str:
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(folded: str) -> str:
    return '"' + folded.replace('"', '""') + '"'


def uses_fts(dialect: str, folded: str) -> bool:
    """Whether the FTS5 index answers this needle."""
    return dialect == "sqlite" and len(folded) >= FTS_MIN_LENGTH


def search_filter(dialect: str, folded: str) -> sa.ColumnElement[bool]:
    """Rows of ``books`` whose title, author or ISBN contains the folded needle."""
    if uses_fts(dialect, folded):
        matching = _FTS_MATCH.bindparams(phrase=_fts_phrase(folded)).columns(sa.column("rowid"))
        return BOOKS.c.seq.in_(sa.select(matching.subquery().c.rowid))
    return BOOKS.c.search_text.like(_like_pattern(folded), escape="\\")


def count_statement(dialect: str, folded: str) -> sa.Executable:
    """How many books match the folded needle (which is not empty)."""
    if uses_fts(dialect, folded):
        return _FTS_COUNT.bindparams(phrase=_fts_phrase(folded))
    return sa.select(sa.func.count()).select_from(BOOKS).where(search_filter(dialect, folded))


def order_by(dialect: str, query: BookQuery) -> list[sa.UnaryExpression[Any]]:
    """The sort column then ``id``, both in the query's direction.

    Books without a registration time come first ascending and last descending, as SQLite
    does by itself; PostgreSQL is told so.
    """
    column = _SORT_COLUMNS[query.sort]
    if query.descending:
        ordered = [column.desc(), BOOKS.c.id.desc()]
        if dialect == "postgresql" and query.sort is BookSort.registered_at:
            ordered[0] = column.desc().nulls_last()
    else:
        ordered = [column.asc(), BOOKS.c.id.asc()]
        if dialect == "postgresql" and query.sort is BookSort.registered_at:
            ordered[0] = column.asc().nulls_first()
    return ordered
