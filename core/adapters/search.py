"""The WHERE and ORDER BY clauses of the book list, per back-end.

A search (``core.domain.ordering.Search``) is folded terms that must all occur in
``search_text``. SQLite answers terms of three characters or more from an FTS5 trigram index
(``books_fts``, kept in sync by triggers); PostgreSQL uses ``LIKE``, which its pg_trgm GIN
index serves. Shorter terms scan ``search_text`` with ``LIKE`` on both. A tag (``tag:NAME``)
is a look-up of ``book_tags`` by its folded key.

On SQLite, a one- or two-letter term that no book holds is ruled out from the trigrams of the
search index instead of a scan of every book (:func:`absent_terms_statement`).
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
WALK_COST = 2
"""What walking the sort column's index costs a row walked, against collecting one match from
the search index and sorting it (at 100k: about 2.7 µs a row on the title's index, 1.4 µs a
match); with it, :func:`walk_pays` puts the line near :data:`COMMON_MATCHES` for a first page
at 1M."""

_FTS_ROWIDS = "SELECT rowid FROM books_fts WHERE books_fts MATCH :phrase"
_FTS_COUNT = sa.text("SELECT count(*) FROM books_fts WHERE books_fts MATCH :phrase")
_FTS_CAPPED_COUNT = sa.text(
    "SELECT count(*) FROM (SELECT 1 FROM books_fts WHERE books_fts MATCH :phrase LIMIT :cap)"
)
_FTS_CAPPED_COUNT_AND_ALL = sa.text(
    "SELECT count(*), (SELECT n FROM book_count) FROM"
    " (SELECT 1 FROM books_fts WHERE books_fts MATCH :phrase LIMIT :cap)"
)
_ALL_BOOKS = sa.text("(SELECT n FROM book_count)")
TERMS_TABLE = sa.text(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.books_fts_terms"
    " USING fts5vocab(main, 'books_fts', 'instance')"
)
"""The search index's trigrams, one row per occurrence, in the order of the terms: a view of
the index on the connection that makes it (nothing stored, no schema change, no cost to
writes)."""
TERMS_TABLE_MADE = "books_fts_terms"
"""Key of a connection's ``info``: :data:`TERMS_TABLE` was made on it."""
NON_ASCII_FIRSTS_WALKED = 64
"""How many different non-ASCII first characters of trigrams a one-letter term's check walks
(about 1.5 ms each at 1M) before it gives up and the term is scanned for."""
_STARTS_TRIGRAM = (
    "EXISTS (SELECT 1 FROM temp.books_fts_terms WHERE term >= :{0}_from AND term < :{0}_to)"
)
_TERM = "temp.books_fts_terms WHERE term"
_ENDS_AUTHOR = (
    "EXISTS (WITH RECURSIVE ascii(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM ascii"
    " WHERE c < 127), "
    f"firsts(x, k) AS (SELECT (SELECT substr(term, 1, 1) FROM {_TERM} >= char(128) LIMIT 1), 1"
    f" UNION ALL SELECT (SELECT substr(term, 1, 1) FROM {_TERM} >= char(unicode(x) + 1)"
    " LIMIT 1), k + 1 FROM firsts WHERE x IS NOT NULL AND unicode(x) < 1114111"
    " AND k < :walked) "
    f"SELECT 1 FROM ascii WHERE EXISTS (SELECT 1 FROM {_TERM} = char(c) || :{{0}} || char(31))"
    " UNION ALL SELECT 1 FROM firsts WHERE k = :walked"
    f" OR EXISTS (SELECT 1 FROM {_TERM} = x || :{{0}} || char(31)))"
)
"""A trigram "any character, the letter, SEP": the letter ends an author. Each ASCII character
is looked up (0.03 ms each); the index's first characters past ASCII are walked in order, up to
:data:`NON_ASCII_FIRSTS_WALKED` (beyond: unknown, as if found)."""
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


def plan_needs_count(dialect: str, search: Search) -> bool:
    """Whether the plan of ``search``'s page depends on how many books it finds: only when the
    search index answers some of its terms (SQLite, three letters or more). Otherwise every row
    is tested either way, and counting first would read every book twice for a rare term."""
    return bool(_fts_terms(dialect, search))


def is_common(matches: int) -> bool:
    """Whether a capped count says the search is common enough to test rows directly."""
    return matches >= COMMON_MATCHES


def walk_pays(matches: int, total: int, window: int) -> bool:
    """Whether a page ending ``window`` rows into the order is found faster by walking the
    sort column's index, testing each row (about ``window * total / matches`` rows walked),
    than by collecting the ``matches`` (capped at :data:`COMMON_MATCHES`) of ``total`` books
    from the search index and sorting them; always from :data:`COMMON_MATCHES` on. A tenth of
    100k books (a three-letter prefix) walks for a first page: 13.6 -> 6.8 ms."""
    return is_common(matches) or matches * matches >= WALK_COST * window * total


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


def _ruled_out_by_trigrams(term: str) -> bool:
    """Whether the trigrams of the search index tell if ``term`` occurs at all.

    A search text is ``title SEP author SEP isbn`` (the ISBN: empty or 13 digits; no term holds
    SEP), so a term that is not only digits can only stand in the last two characters as one
    letter ending the author of a book without ISBN; anywhere else, three characters begin
    where it does: a trigram that begins with the term. ASCII only: SQLite's case folding of
    the index leaves folded ASCII alone, not necessarily every other folded character."""
    return len(term) < FTS_MIN_LENGTH and term.isascii() and not term.isdigit()


def absent_terms_statement(dialect: str, search: Search) -> sa.Executable | None:
    """SQLite: whether one of the search's one- or two-letter terms occurs in no book (so it
    finds nothing), answered from :data:`TERMS_TABLE` (a trigram beginning with the term; for
    one letter, else a trigram "letter, the term, SEP": the end of an author) in
    milliseconds, where ``LIKE`` scans every book (140 ms at 1M); ``None`` when no term can be
    ruled out that way."""
    terms = sorted((term for term in search.terms if _ruled_out_by_trigrams(term)), key=len)
    terms.reverse()  # two letters first: one look-up, where one letter may walk the index
    if dialect != "sqlite" or not terms:
        return None
    params: dict[str, Any] = {}
    absent = []
    for number, term in enumerate(terms):
        name = f"t{number}"
        params |= {f"{name}_from": term, f"{name}_to": _successor(term)}
        found = [_STARTS_TRIGRAM.format(name)]
        if len(term) == 1:
            found.append(_ENDS_AUTHOR.format(name))
            params |= {name: term, "walked": NON_ASCII_FIRSTS_WALKED}
        cases = " ".join(f"WHEN {check} THEN 0" for check in found)
        absent.append(f"WHEN (CASE {cases} ELSE 1 END) THEN 1")
    # CASE tries its WHENs in turn and stops at the first true one (OR works out both sides)
    return sa.text(f"SELECT CASE {' '.join(absent)} ELSE 0 END").bindparams(**params)


def _successor(prefix: str) -> str:
    """The first text after every text beginning with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


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
    """How many books ``search`` finds, counting no further than :data:`COMMON_MATCHES`, and
    how many books there are (for :func:`walk_pays`); ``common_terms``: its indexed terms alone
    are common, so rows are tested directly whatever the count, and only whether one matches
    is asked (``book 12`` at 1M: 36 ms to count 20,000 matches, against 4 ms for its page)."""
    fts = _fts_only(dialect, search)
    if fts is not None:
        return _FTS_CAPPED_COUNT_AND_ALL.bindparams(phrase=_fts_phrase(fts), cap=COMMON_MATCHES)
    matching = search_filter(dialect, search, common_terms)
    first = sa.select(sa.literal(1)).where(matching).limit(1 if common_terms else COMMON_MATCHES)
    return sa.select(sa.func.count(), _ALL_BOOKS).select_from(first.subquery())


def count_statement(
    dialect: str,
    search: Search,
    common_terms: bool = False,
    condition: sa.ColumnElement[bool] | None = None,
) -> sa.Executable:
    """How many books ``search`` finds (it is not empty) among those ``condition`` keeps.

    ``common_terms``: its indexed terms alone are common, so each row is tested for every term
    (a scan: 185 ms for ``book 1`` at 1M) instead of gathering a million row ids from the search
    index first (387 ms)."""
    fts = _fts_only(dialect, search)
    if fts is not None and condition is None:
        return _FTS_COUNT.bindparams(phrase=_fts_phrase(fts))
    counted = sa.select(sa.func.count()).select_from(BOOKS)
    counted = counted.where(search_filter(dialect, search, common_terms))
    return counted if condition is None else counted.where(condition)


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
