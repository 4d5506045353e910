"""The SQL answer to an import's look-up (``core.service.import_matches``): three indexed
queries per batch — sources by their primary key, ISBNs by their unique index, names by the
title sort key's index — and, when the rows lend books, one for the found books' open loans
(by the loans' book index)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.domain.member import MemberId
from core.domain.model import BookId
from core.service.import_matches import ImportLookup, ImportMatches, StoredBook

from .tables import BOOK_SOURCES, BOOKS, LOANS
from .tags import listed_tags, tags_column


async def match_imported(
    session: AsyncSession, dialect: str, lookup: ImportLookup
) -> ImportMatches:
    """The stored books the lookup's keys name."""
    found = ImportMatches()
    book = (BOOKS.c.id, tags_column(dialect), BOOKS.c.copy_count)
    by_source: dict[str, list[str]] = defaultdict(list)
    for source, source_id in lookup.sources:
        by_source[source].append(source_id)
    for source, ids in by_source.items():
        query = (
            sa.select(BOOK_SOURCES.c.source_id, *book)
            .join(BOOKS, BOOKS.c.id == BOOK_SOURCES.c.book_id)
            .where(BOOK_SOURCES.c.source == source, BOOK_SOURCES.c.source_id.in_(ids))
        )
        for source_id, *stored in await session.execute(query):
            found.by_source[source, source_id] = _stored(*stored)
    if lookup.isbns:
        query = sa.select(BOOKS.c.isbn, *book).where(BOOKS.c.isbn.in_(lookup.isbns))
        for isbn, *stored in await session.execute(query):
            found.by_isbn[isbn] = _stored(*stored)
    if lookup.names:
        titles = {title for title, _ in lookup.names}
        query = (
            sa.select(BOOKS.c.title_key, BOOKS.c.author_key, *book)
            .where(BOOKS.c.title_key.in_(titles))
            .order_by(BOOKS.c.seq)
        )
        for row in await session.execute(query):
            key = (str(row.title_key), str(row.author_key))
            if key in lookup.names:
                found.by_name.setdefault(key, _stored(*row[2:]))
    if lookup.loans:
        await _add_borrowers(session, found)
    return found


async def _add_borrowers(session: AsyncSession, found: ImportMatches) -> None:
    """Fill in who has each found book's open loans."""
    kinds = (found.by_source, found.by_isbn, found.by_name)
    ids = {stored.id for kind in kinds for stored in kind.values()}
    if not ids:
        return
    borrowers: dict[BookId, list[MemberId]] = defaultdict(list)
    query = sa.select(LOANS.c.book_id, LOANS.c.member_id).where(
        LOANS.c.book_id.in_(ids), LOANS.c.returned_on.is_(None)
    )
    for book_id, member_id in await session.execute(query):
        borrowers[book_id].append(member_id)
    _lent(found.by_source, borrowers)
    _lent(found.by_isbn, borrowers)
    _lent(found.by_name, borrowers)


def _lent[K](books: dict[K, StoredBook], borrowers: dict[BookId, list[MemberId]]) -> None:
    for key, stored in books.items():
        if stored.id in borrowers:
            books[key] = replace(stored, borrowers=tuple(borrowers[stored.id]))


def _stored(book_id: Any, tags: str | None, copies: int) -> StoredBook:
    return StoredBook(book_id, listed_tags(tags), copies)
