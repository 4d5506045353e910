"""The SQL book repository: new books buffered for the transaction's flush, the rest by
Core statements on the unit of work's session."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.domain.model import Book, BookId
from core.domain.result import Err, Ok
from core.service.repositories import (
    AbstractEditableBookRepository,
    BookRepositoryError,
    BookRepositoryOperationResult,
    BookRepositoryResult,
)

from .rows import AUTHOR, ISBN, TITLE, book_row, book_values, json_text
from .sqlite_writer import SqliteWriter
from .tables import BOOKS
from .writes import SqlWrites

_BOOK_COLUMNS = (BOOKS.c.id, BOOKS.c.title, BOOKS.c.author, BOOKS.c.isbn)
_EDITED = ("title", "author", "isbn", "title_key", "author_key", "search_text")

type ReadSession = Callable[[], AsyncSession]


class SqlBookRepository(AbstractEditableBookRepository):
    """Books in the ``books`` table, within one transaction (:class:`SqlWrites`).

    ``add`` decides whether the id or ISBN is taken — in memory for the keys a batch announced
    (:meth:`expect`), with one query otherwise — and buffers the row. Other writes write
    through (after the buffered rows). Refusals are ``Err`` results, never exceptions. Added,
    updated and removed books go to ``seen``.
    """

    def __init__(
        self, writes: SqlWrites, read_session: ReadSession, writer: SqliteWriter | None = None
    ) -> None:
        super().__init__()
        self.writes = writes
        self._read_session = read_session
        self._writer = writer
        self._expected_ids: set[BookId] = set()
        self._expected_isbns: set[str] = set()
        self._taken_ids: set[BookId] = set()
        self._taken_isbns: set[str] = set()

    async def expect(
        self,
        keys: Iterable[tuple[BookId, str]],
        pending: Iterable[tuple[BookId, str]] = (),
    ) -> None:
        """Look the keys up in one query, on a connection that only reads (so that a batch
        takes the write lock only when it is written)."""
        ids, isbns = _split(keys)
        if not ids:
            return
        async with self._read_session() as session:
            taken = await _taken(session, self.writes.dialect, ids, isbns)
        pending_ids, pending_isbns = _split(pending)
        self._expected_ids.update(ids)
        self._expected_isbns.update(isbns)
        self._taken_ids.update({book_id for book_id, _ in taken}, pending_ids)
        self._taken_isbns.update({isbn for _, isbn in taken}, pending_isbns)

    async def add(self, model: Book) -> BookRepositoryOperationResult:
        """Buffer the book's row; ``Err(integrity_error)`` if its id or (non-empty) ISBN is
        taken."""
        writes, isbn = self.writes, model.isbn
        if model.id in writes.new_books or (isbn and isbn in writes.new_isbns):
            return Err(BookRepositoryError.integrity_error)
        if (
            model.id in self._expected_ids
            and (not isbn or isbn in self._expected_isbns)
            and not writes.hints_stale
        ):
            taken = (
                model.id in self._taken_ids
                or model.id in writes.flushed_ids
                or (isbn != "" and (isbn in self._taken_isbns or isbn in writes.flushed_isbns))
            )
        else:
            taken = await self._stored(model.id, isbn)
        if taken:
            return Err(BookRepositoryError.integrity_error)
        writes.add_book(model.id, book_row(writes.dialect, model))
        self.seen.append(model)
        return Ok(...)

    async def _stored(self, book_id: UUID, isbn: str) -> bool:
        """Whether a stored book holds the id or (non-empty) ISBN: inside the transaction once
        it has read or written through its session; before, outside it (nothing locked: on
        SQLite the commit then goes to the writer in one call). A book stored elsewhere after
        this look and before the commit fails the commit on the unique index, and
        ``Catalogue.run`` runs the command again."""
        session = self.writes.session
        if self._writer is not None and not session.in_transaction():
            if isbn:
                return bool(await self._writer.read(_HOLDS_ID_OR_ISBN, (book_id.hex, isbn)))
            return bool(await self._writer.read(_HOLDS_ID, (book_id.hex,)))
        holds = BOOKS.c.id == book_id
        if isbn:  # a book without an ISBN shares its "" with others
            holds = sa.or_(holds, BOOKS.c.isbn == isbn)
        query = sa.select(BOOKS.c.seq).where(holds).limit(1)
        if session.in_transaction():
            return (await session.execute(query)).first() is not None
        async with self._read_session() as reader:
            return (await reader.execute(query)).first() is not None

    async def by_id(self, id: BookId) -> BookRepositoryResult:
        """The book with this id, or ``Err(not_found)``."""
        row = self.writes.new_books.get(id)
        if row is not None:
            return Ok(_book(id, row[TITLE], row[AUTHOR], row[ISBN]))
        return await self._one(BOOKS.c.id == id)

    async def exists(self, id: BookId) -> bool:
        """Whether a book has this id: no query for a book this transaction added; asked on a
        connection that only reads while the transaction has written nothing through."""
        writes = self.writes
        if id in writes.new_books or id in writes.flushed_ids:
            return True
        query = sa.select(BOOKS.c.seq).where(BOOKS.c.id == id).limit(1)
        if writes.session.in_transaction():
            return (await writes.session.execute(query)).first() is not None
        async with self._read_session() as session:
            return (await session.execute(query)).first() is not None

    async def by_isbn(self, isbn: str) -> BookRepositoryResult:
        """The book with this canonical ISBN-13, or ``Err(not_found)`` (also for ``""``)."""
        if not isbn:
            return Err(BookRepositoryError.not_found)
        book_id = self.writes.new_isbns.get(isbn)
        if book_id is not None:
            row = self.writes.new_books[book_id]
            return Ok(_book(book_id, row[TITLE], row[AUTHOR], row[ISBN]))
        return await self._one(BOOKS.c.isbn == isbn)

    async def _one(self, condition: sa.ColumnElement[bool]) -> BookRepositoryResult:
        result = await self.writes.session.execute(sa.select(*_BOOK_COLUMNS).where(condition))
        row = result.first()
        if row is None:
            return Err(BookRepositoryError.not_found)
        return Ok(_book(row.id, row.title, row.author, row.isbn))

    async def update(self, model: Book) -> BookRepositoryOperationResult:
        """Replace the book's fields inside a savepoint, so a taken ISBN undoes only this."""
        await self.writes.before_write()
        values = {name: value for name, value in book_values(model).items() if name in _EDITED}
        statement = sa.update(BOOKS).where(BOOKS.c.id == model.id).values(values)
        session = self.writes.session
        try:
            async with session.begin_nested():
                result = await session.execute(statement)
        except IntegrityError:
            return Err(BookRepositoryError.integrity_error)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return Err(BookRepositoryError.not_found)
        self._forget_hints()
        self.seen.append(model)
        return Ok(...)

    async def remove(self, model: Book) -> BookRepositoryOperationResult:
        """Delete the book; ``Err(not_found)`` if it is not there."""
        await self.writes.before_write()
        statement = sa.delete(BOOKS).where(BOOKS.c.id == model.id)
        result = await self.writes.session.execute(statement)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return Err(BookRepositoryError.not_found)
        self._forget_hints()
        self.seen.append(model)
        return Ok(...)

    def _forget_hints(self) -> None:
        """An ISBN or id may be free again: from now on ``add`` asks the database."""
        for keys in (self._expected_ids, self._expected_isbns):
            keys.clear()


_HOLDS_ID = "SELECT 1 FROM books WHERE id = ? LIMIT 1"
_HOLDS_ID_OR_ISBN = "SELECT 1 FROM books WHERE id = ? OR (isbn = ? AND isbn <> '') LIMIT 1"
"""Whether a stored book holds an id (or an id or an ISBN), in SQLite's SQL for the writer's
connection (``isbn <> ''`` lets SQLite use the partial unique index)."""

_TAKEN = {
    # One parameter per list: an IN of thousands of parameters costs more to build than to run.
    "sqlite": sa.text(
        "SELECT id, isbn FROM books WHERE isbn IN (SELECT value FROM json_each(:isbns))"
        " UNION SELECT id, isbn FROM books WHERE id IN (SELECT value FROM json_each(:ids))"
    ),
    "postgresql": sa.text(
        "SELECT id, isbn FROM books WHERE isbn = ANY(CAST(:isbns AS text[]))"
        " OR id = ANY(CAST(:ids AS uuid[]))"
    ),
}


async def _taken(
    session: AsyncSession, dialect: str, ids: set[BookId], isbns: set[str]
) -> list[tuple[BookId, str]]:
    """The (id, ISBN) of the stored books that hold one of ``ids`` or ``isbns``."""
    values: dict[str, object]
    if dialect == "sqlite":
        values = {"ids": json_text([i.hex for i in ids]), "isbns": json_text(list(isbns))}
        rows = (await session.execute(_TAKEN[dialect], values)).all()
        return [(UUID(hex=str(book_id)), isbn) for book_id, isbn in rows]
    values = {"ids": list(ids), "isbns": list(isbns)}  # asyncpg encodes a UUID as it is
    rows = (await session.execute(_TAKEN[dialect], values)).all()
    return [(UUID(str(book_id)), isbn) for book_id, isbn in rows]


def _split(keys: Iterable[tuple[BookId, str]]) -> tuple[set[BookId], set[str]]:
    ids: set[BookId] = set()
    isbns: set[str] = set()
    for book_id, isbn in keys:
        ids.add(book_id)
        if isbn:
            isbns.add(isbn)
    return ids, isbns


def _book(book_id: BookId, title: str, author: str, isbn: str) -> Book:
    """The domain book of a stored or buffered row."""
    # Rows were validated when written; reading must not fail on a rule that changed since.
    return Book.model_construct(id=book_id, title=title, author=author, isbn=isbn, messages=[])
