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


COMMON_MATCHES = 20_000
"""From this many matches on, a page is found faster by walking the sort column's index and
testing each row than by collecting every match from the search index and sorting them."""

_FTS_CAPPED_COUNT = sa.text(
    "SELECT count(*) FROM (SELECT 1 FROM books_fts WHERE books_fts MATCH :phrase LIMIT :cap)"
)


def _contains(folded: str) -> sa.ColumnElement[bool]:
    return BOOKS.c.search_text.like(_like_pattern(folded), escape="\\")


def search_filter(dialect: str, folded: str, common: bool = False) -> sa.ColumnElement[bool]:
    """Rows of ``books`` whose title, author or ISBN contains the folded needle.

    ``common`` (at least :data:`COMMON_MATCHES` matches) tests each row directly, so that a
    page ordered by an indexed column stops after its last row instead of sorting every match.
    """
    if uses_fts(dialect, folded) and not common:
        matching = _FTS_MATCH.bindparams(phrase=_fts_phrase(folded)).columns(sa.column("rowid"))
        return BOOKS.c.seq.in_(sa.select(matching.subquery().c.rowid))
    return _contains(folded)


def capped_count_statement(dialect: str, folded: str) -> sa.Executable:
    """How many books match the folded needle, counting no further than COMMON_MATCHES."""
    if uses_fts(dialect, folded):
        return _FTS_CAPPED_COUNT.bindparams(phrase=_fts_phrase(folded), cap=COMMON_MATCHES)
    first = sa.select(sa.literal(1)).where(_contains(folded)).limit(COMMON_MATCHES)
    return sa.select(sa.func.count()).select_from(first.subquery())


def is_common(matches: int) -> bool:
    """Whether a capped count says the needle is common enough to test rows directly."""
    return matches >= COMMON_MATCHES


def count_statement(dialect: str, folded: str) -> sa.Executable:
    """How many books match the folded needle (which is not empty)."""
    if uses_fts(dialect, folded):
        return _FTS_COUNT.bindparams(phrase=_fts_phrase(folded))
    return sa.select(sa.func.count()).select_from(BOOKS).where(_contains(folded))


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
