"""The WHERE and ORDER BY clauses of the book list, per back-end.

A search (``core.domain.ordering.Search``) is folded terms that must all occur in
``search_text``. SQLite answers terms of three characters or more from an FTS5 trigram index
(``books_fts``, kept in sync by triggers); PostgreSQL uses ``LIKE``, which its pg_trgm GIN
index serves. Shorter terms scan ``search_text`` with ``LIKE`` on both. A tag (``tag:NAME``)
is a look-up of ``book_tags`` by its folded key.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core.domain.ordering import BookSort, Search
from core.service.views import BookQuery

from .tables import BOOK_TAGS, BOOKS

FTS_MIN_LENGTH = 3
"""A trigram index cannot answer a term shorter than one trigram."""
COMMON_MATCHES = 20_000
"""From this many matches on, a page is found faster by walking the sort column's index and
testing each row than by collecting every match from the search index and sorting them."""

_FTS_ROWIDS = "SELECT rowid FROM books_fts WHERE books_fts MATCH :phrase"
_FTS_COUNT = sa.text("SELECT count(*) FROM books_fts WHERE books_fts MATCH :phrase")
_FTS_CAPPED_COUNT = sa.text(
    "SELECT count(*) FROM (SELECT 1 FROM books_fts WHERE books_fts MATCH :phrase LIMIT :cap)"
)
_SORT_COLUMNS: dict[BookSort, sa.ColumnElement[Any]] = {
    BookSort.title: BOOKS.c.title_key,
    BookSort.author: BOOKS.c.author_key,
    BookSort.isbn: BOOKS.c.isbn,
    BookSort.registered_at: BOOKS.c.registered_at,
    BookSort.rating: BOOKS.c.rating,
    BookSort.reviews: BOOKS.c.review_count,
    BookSort.availability: BOOKS.c.available,
}
_NULLABLE = (BookSort.registered_at, BookSort.rating)
"""Sort columns that may be NULL: NULLs come first ascending, as SQLite orders them."""


def is_common(matches: int) -> bool:
    """Whether a capped count says the search is common enough to test rows directly."""
    return matches >= COMMON_MATCHES


def _fts_terms(dialect: str, search: Search) -> list[str]:
    if dialect != "sqlite":
        return []
    return [term for term in search.terms if len(term) >= FTS_MIN_LENGTH]


def _fts_phrase(terms: list[str]) -> str:
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _contains(term: str) -> sa.ColumnElement[bool]:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return BOOKS.c.search_text.like(f"%{escaped}%", escape="\\")


def _tagged(key: str) -> sa.ColumnElement[bool]:
    tagged = sa.select(BOOK_TAGS.c.book_id).where(BOOK_TAGS.c.tag_key == key)
    return BOOKS.c.id.in_(tagged)


def search_filter(dialect: str, search: Search, common: bool = False) -> sa.ColumnElement[bool]:
    """Rows of ``books`` that ``search`` finds (it is not empty).

    ``common`` (at least :data:`COMMON_MATCHES` matches) tests each row directly, so that a
    page ordered by an indexed column stops after its last row instead of sorting every match.
    """
    if search.nothing:
        return sa.false()
    fts = [] if common else _fts_terms(dialect, search)
    conditions = [_contains(term) for term in search.terms if term not in fts]
    conditions += [_tagged(key) for key in search.tags]
    if fts:
        rowids = sa.text(_FTS_ROWIDS).bindparams(phrase=_fts_phrase(fts))
        matching = rowids.columns(sa.column("rowid")).subquery()
        conditions.insert(0, BOOKS.c.seq.in_(sa.select(matching.c.rowid)))
    return sa.and_(*conditions)


def _fts_only(dialect: str, search: Search) -> list[str] | None:
    """The terms when the FTS index answers every one of them, else ``None``."""
    fts = _fts_terms(dialect, search)
    return fts if fts and len(fts) == len(search.terms) and not search.tags else None


def indexed_terms_count_statement(dialect: str, search: Search) -> sa.Executable | None:
    """For a search mixing terms the search index answers with shorter ones or tags ("book 1"):
    how many books the indexed terms alone find, counting no further than
    :data:`COMMON_MATCHES`; ``None`` for any other search.

    When they are common, collecting their rows from the index costs more (every title has
    "book": a million row ids gathered, 1.5 s at 1M) than testing each row for every term."""
    fts = _fts_terms(dialect, search)
    if not fts or _fts_only(dialect, search) is not None:
        return None
    return _FTS_CAPPED_COUNT.bindparams(phrase=_fts_phrase(fts), cap=COMMON_MATCHES)


def capped_count_statement(
    dialect: str, search: Search, common_terms: bool = False
) -> sa.Executable:
    """How many books ``search`` finds, counting no further than :data:`COMMON_MATCHES`;
    ``common_terms``: its indexed terms alone are common (rows are tested directly)."""
    fts = _fts_only(dialect, search)
    if fts is not None:
        return _FTS_CAPPED_COUNT.bindparams(phrase=_fts_phrase(fts), cap=COMMON_MATCHES)
    matching = search_filter(dialect, search, common_terms)
    first = sa.select(sa.literal(1)).where(matching).limit(COMMON_MATCHES)
    return sa.select(sa.func.count()).select_from(first.subquery())


def count_statement(dialect: str, search: Search) -> sa.Executable:
    """How many books ``search`` finds (it is not empty)."""
    fts = _fts_only(dialect, search)
    if fts is not None:
        return _FTS_COUNT.bindparams(phrase=_fts_phrase(fts))
    return sa.select(sa.func.count()).select_from(BOOKS).where(search_filter(dialect, search))


def order_by(dialect: str, query: BookQuery) -> list[sa.UnaryExpression[Any]]:
    """The sort column then ``id``, both in the query's direction.

    Books without a registration time (or a rating) come first ascending and last descending,
    as SQLite does by itself; PostgreSQL is told so.
    """
    column = _SORT_COLUMNS[query.sort]
    if query.descending:
        ordered = [column.desc(), BOOKS.c.id.desc()]
        if dialect == "postgresql" and query.sort in _NULLABLE:
            ordered[0] = column.desc().nulls_last()
    else:
        ordered = [column.asc(), BOOKS.c.id.asc()]
        if dialect == "postgresql" and query.sort in _NULLABLE:
            ordered[0] = column.asc().nulls_first()
    return ordered
