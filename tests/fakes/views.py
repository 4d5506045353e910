"""In-memory views over an :class:`InMemoryUnitOfWork`, by the rules of core.domain.ordering."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from uuid import UUID

from core.bus import Message, MessageSerializer
from core.domain.loan import Loan
from core.domain.member import MemberId
from core.domain.model import BookId
from core.domain.ordering import Shelf, fold, matches, on_shelf, parse_search, sort_key
from core.domain.tags import distinct_tags, tag_key
from core.service.import_matches import ImportLookup, ImportMatches, StoredBook, name_key
from core.service.views import (
    AbstractCatalogueViews,
    BookQuery,
    BookSort,
    BookSummary,
    CopySummary,
    HistoryEntry,
    HistoryFilter,
    LoanSummary,
    MemberSummary,
    ReviewSummary,
)
from tests.fakes.book_details import InMemoryBookDetailsViews
from tests.fakes.uow import InMemoryUnitOfWork


class InMemoryCatalogueViews(InMemoryBookDetailsViews, AbstractCatalogueViews):
    """What the SQL views answer, computed from the fake's dicts."""

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self.uow = uow
        self.books = lambda: uow.books.books
        self.details = lambda: uow.book_details.details

    def _matching(self, query: BookQuery) -> list[BookSummary]:
        search = parse_search(query.search)
        registered = self.uow.book_list.registered_at
        rating = self.uow.ratings.rating
        tags = self.uow.tags.tags
        rows = [
            BookSummary(
                b.id,
                b.title,
                b.author,
                b.isbn,
                registered.get(b.id),
                tuple(tags.get(b.id, ())),
                *rating(b.id),
                *self._availability(b.id),
            )
            for b in self.uow.books.books.values()
            if matches(search, b.title, b.author, b.isbn, tags.get(b.id, ()))
        ]
        rows = [row for row in rows if on_shelf(query.shelf, row, query.day())]
        rows.sort(key=lambda row: sort_key(query.sort, row), reverse=query.descending)
        return rows

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        return self._matching(query)[query.offset : query.offset + query.limit]

    def _availability(self, book_id: BookId) -> tuple[int, int, date | None, str | None]:
        """Copies, available, earliest due date, the borrower of a single loan."""
        copies = [c.id for c in self.uow.copies.items.values() if c.book_id == book_id]
        out = [loan for loan in self.uow.loans.open_loans() if loan.copy_id in copies]
        due = min((loan.due_on for loan in out), default=None)
        borrower = self.uow.members.members[out[0].member_id].nickname if len(out) == 1 else None
        return len(copies), len(copies) - len(out), due, borrower

    def _borrowers(self, book_id: BookId) -> tuple[MemberId, ...]:
        """Who has the book's copies (one member per open loan)."""
        copies = {c.id for c in self.uow.copies.items.values() if c.book_id == book_id}
        out = self.uow.loans.open_loans()
        return tuple(loan.member_id for loan in out if loan.copy_id in copies)

    async def count_books(self, search: str = "", shelf: Shelf = Shelf.all) -> int:
        return len(self._matching(BookQuery(search=search, shelf=shelf)))

    def _loan(self, loan: Loan) -> LoanSummary:
        copy = self.uow.copies.items[loan.copy_id]
        return LoanSummary(
            loan.id,
            loan.copy_id,
            copy.book_id,
            self.uow.books.books[copy.book_id].title,
            copy.number,
            loan.member_id,
            self.uow.members.members[loan.member_id].nickname,
            loan.lent_on,
            loan.due_on,
            loan.returned_on,
        )

    async def loans(
        self,
        *,
        overdue_on: date | None = None,
        member_id: MemberId | None = None,
        book_id: BookId | None = None,
    ) -> list[LoanSummary]:
        found = [self._loan(loan) for loan in self.uow.loans.open_loans()]
        found = [
            loan
            for loan in found
            if (overdue_on is None or loan.due_on < overdue_on)
            and member_id in (None, loan.member_id)
            and book_id in (None, loan.book_id)
        ]
        return sorted(found, key=lambda loan: (loan.due_on, loan.id.hex))

    async def copies(self, book_id: BookId) -> list[CopySummary]:
        lent = {loan.copy_id: loan for loan in await self.loans(book_id=book_id)}
        return [
            CopySummary(c.id, c.book_id, c.number, c.added_on, lent.get(c.id))
            for c in await self.uow.copies.of_book(book_id)
        ]

    async def book_by_isbn(self, isbn: str) -> BookSummary | None:
        found = [row for row in self._matching(BookQuery()) if row.isbn == isbn]
        return found[0] if found else None

    async def book_by_id(self, book_id: BookId) -> BookSummary | None:
        found = [row for row in self._matching(BookQuery()) if row.id == book_id]
        return found[0] if found else None

    async def members(self) -> list[MemberSummary]:
        members = self.uow.members
        reviews = list(self.uow.reviews.reviews.values())
        current = [m for m in members.members.values() if m.id not in members.former]
        current.sort(key=lambda m: (fold(m.nickname), m.id.hex))
        return [
            MemberSummary(m.id, m.nickname, m.email, sum(r.member_id == m.id for r in reviews))
            for m in current
        ]

    async def reviews(
        self, book_id: BookId | None = None, member_id: UUID | None = None
    ) -> list[ReviewSummary]:
        members, books = self.uow.members, self.uow.books.books
        found = [
            ReviewSummary(
                r.id,
                r.book_id,
                books[r.book_id].title,
                r.member_id,
                members.members[r.member_id].nickname,
                r.member_id in members.former,
                r.rate,
                r.comment,
                r.written_at,
            )
            for r in self.uow.reviews.reviews.values()
            if book_id in (None, r.book_id) and member_id in (None, r.member_id)
        ]
        found.sort(key=lambda r: (r.written_at, r.id.hex), reverse=True)
        return found

    async def tags_in_use(self) -> list[tuple[str, int]]:
        counts: dict[str, tuple[str, int]] = {}
        for book_id, tags in self.uow.tags.tags.items():
            if book_id in self.uow.books.books:
                for tag in tags:
                    first, count = counts.get(tag_key(tag), (tag, 0))
                    counts[tag_key(tag)] = (min(first, tag), count + 1)
        return [counts[key] for key in sorted(counts)]

    async def match_imported(self, lookup: ImportLookup) -> ImportMatches:
        found = ImportMatches()
        tags = self.uow.tags.tags
        links = self.uow.sources.links
        for row in self._matching(BookQuery(sort=BookSort.registered_at)):
            stored = StoredBook(
                row.id,
                tuple(distinct_tags(tags.get(row.id, ()))),
                copies=row.copies,
                borrowers=self._borrowers(row.id) if lookup.loans else (),
            )
            if row.isbn in lookup.isbns:
                found.by_isbn[row.isbn] = stored
            if name_key(row.title, row.author) in lookup.names:
                found.by_name.setdefault(name_key(row.title, row.author), stored)
            for key, book_id in links.items():
                if book_id == row.id and key in lookup.sources:
                    found.by_source[key] = stored
        return found

    async def stream_books(self, query: BookQuery) -> AsyncIterator[BookSummary]:
        for row in self._matching(query):
            yield row

    async def history(
        self,
        offset: int = 0,
        limit: int = 200,
        *,
        filter: HistoryFilter | None = None,
    ) -> list[HistoryEntry]:
        serializer = MessageSerializer()
        keep = filter or HistoryFilter()
        kept = [m for m in reversed(self.uow.messagestore.messages) if _kept(m, keep)]
        entries = []
        for message in kept[offset : offset + limit]:
            serialized = serializer.serialize_message(message)
            entries.append(
                HistoryEntry(
                    message.message_id,
                    message.created_at,
                    serialized["type"],
                    message.metadata.model_dump(),
                    json.loads(serialized["payload"]),
                )
            )
        return entries


def _kept(message: Message[Any], keep: HistoryFilter) -> bool:
    """What the SQL history filter keeps, on the message itself."""
    if keep.events_only and not message.metadata.published:
        return False
    fields = message.model_dump(mode="json", exclude={"message_id", "created_at", "metadata"})
    if keep.about is not None and str(keep.about) not in (fields.get("id"), fields.get("book_id")):
        return False
    text = json.dumps(fields, ensure_ascii=False).casefold()
    return keep.text.strip().casefold() in text
