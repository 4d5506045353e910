"""The SQL answer to an import's look-up (``core.service.import_matches``): three indexed
queries per batch — sources by their primary key, ISBNs by their unique index, names by the
title sort key's index."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.service.import_matches import ImportLookup, ImportMatches, StoredBook

from .tables import BOOK_SOURCES, BOOKS
from .tags import listed_tags, tags_column


async def match_imported(
    session: AsyncSession, dialect: str, lookup: ImportLookup
) -> ImportMatches:
    """The stored books the lookup's keys name."""
    found = ImportMatches()
    book = (BOOKS.c.id, tags_column(dialect))
    by_source: dict[str, list[str]] = defaultdict(list)
    for source, source_id in lookup.sources:
        by_source[source].append(source_id)
    for source, ids in by_source.items():
        query = (
            sa.select(BOOK_SOURCES.c.source_id, *book)
            .join(BOOKS, BOOKS.c.id == BOOK_SOURCES.c.book_id)
            .where(BOOK_SOURCES.c.source == source, BOOK_SOURCES.c.source_id.in_(ids))
        )
        for source_id, book_id, tags in await session.execute(query):
            found.by_source[source, source_id] = _stored(book_id, tags)
    if lookup.isbns:
        query = sa.select(BOOKS.c.isbn, *book).where(BOOKS.c.isbn.in_(lookup.isbns))
        for isbn, book_id, tags in await session.execute(query):
            found.by_isbn[isbn] = _stored(book_id, tags)
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
                found.by_name.setdefault(key, _stored(row.id, row[3]))
    return found


def _stored(book_id: Any, tags: str | None) -> StoredBook:
    return StoredBook(book_id, listed_tags(tags))
