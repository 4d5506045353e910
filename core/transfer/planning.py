"""What each row of an import becomes: the commands for a new book, or for the book it
matches — by its id in the file's source, then its ISBN, then (no ISBN) its title and author
ignoring case and accents; its copies and open loan are planned by ``holdings``.

The plan of a batch is made before it is written: its rows are first looked for among the
books this import already planned (an index kept in memory: repeats within the file, and
batches not committed yet), then, if the catalogue had books when the import began, in the
catalogue (one look-up per batch, ``core.service.import_matches``). A plain row — an ISBN
and nothing else — is not looked up in the catalogue: its registration is refused if the
ISBN is there, which costs nothing more (the hot path of big plain files).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from core.bus import GenericCommand
from core.domain.isbn import hyphenated_isbn
from core.domain.member import MemberId
from core.domain.messages import (
    ImportBook,
    ImportedReview,
    LinkBookSource,
    RegisterBook,
    ReviewBook,
    SetBookTags,
    UpdateReview,
)
from core.domain.model import BookId
from core.domain.tags import distinct_tags, same_tags
from core.service.import_matches import (
    ImportLookup,
    ImportMatches,
    NameKey,
    SourceKey,
    StoredBook,
    name_key,
)

from .csv_format import CsvRow
from .holdings import Holding, HoldingsPlanner
from .report import RowProblem
from .reviews import KnownReview, MemberReviews, written_at

type Command = GenericCommand[Any]
type NewBook = RegisterBook | ImportBook
"""The command a valid row makes: ``ImportBook`` when it has tags or a source id."""
type Matcher = Callable[[ImportLookup], Awaitable[ImportMatches]]
"""Finds the stored books of a look-up (the catalogue views' ``match_imported``)."""


@dataclass(slots=True)
class KnownBook:
    """A book this import has met: its id, its tags as they will be, the line that first
    named it (0: found in the catalogue), its copies and loans as they will be (``None``: one
    copy, not lent — as most books are, and every new one)."""

    id: BookId
    tags: list[str]
    line: int = 0
    holding: Holding | None = None


@dataclass(slots=True)
class RowPlan:
    """One row's commands (and what each is: "book", "tags", "source"); ``matched`` is the
    book it names, when it is not new; ``repeats`` the line that named it first."""

    line: int
    commands: list[Command] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    matched: KnownBook | None = None
    repeats: int = 0

    def add(self, kind: str, command: Command) -> None:
        """Append a command of this kind."""
        self.commands.append(command)
        self.kinds.append(kind)


def is_plain(row: CsvRow) -> bool:
    """Whether the row brings a book with an ISBN and nothing else (one copy at most)."""
    return bool(row.isbn) and not (
        row.tags
        or row.source_id
        or row.rating
        or row.review
        or row.loan
        or (row.copies is not None and row.copies > 1)
    )


LEFT_OUT_REVIEWS = "ratings and reviews: no member chosen to import them as (--member)"
LEFT_OUT_UNRATED = "reviews without a rating: a review needs a rate"
LEFT_OUT_INVALID_REVIEWS = "reviews that break the rules (a comment over 10,000 characters...)"


class ImportPlanner:
    """Plans the rows of one import; ``matcher`` is ``None`` when the catalogue was empty.
    ``left_out`` counts, by reason, what the rows had that is not imported. ``members`` are
    the club's members by nickname key (lending patrons are looked for among them)."""

    def __init__(
        self,
        matcher: Matcher | None,
        reviews: MemberReviews | None = None,
        members: dict[str, MemberId] | None = None,
    ) -> None:
        self._matcher = matcher
        self._reviews = reviews
        self.left_out: dict[str, int] = {}
        self._holdings = HoldingsPlanner(members or {}, self.left_out, date.today())
        self._sources: dict[SourceKey, KnownBook] = {}
        self._isbns: dict[str, KnownBook] = {}
        self._names: dict[NameKey, KnownBook] = {}

    async def match(self, rows: Sequence[tuple[CsvRow, NewBook]]) -> ImportMatches:
        """Look up, in one query per kind, the catalogue's books for the batch's rows that
        the import has not met yet (nothing when the catalogue was empty)."""
        if self._matcher is None:
            return ImportMatches()
        lookup = ImportLookup()
        for row, command in rows:
            if is_plain(row):
                continue
            if row.source_id and (row.source, row.source_id) not in self._sources:
                lookup.sources.add((row.source, row.source_id))
            if command.isbn and command.isbn not in self._isbns:
                lookup.isbns.add(command.isbn)
            elif not command.isbn:
                lookup.names.add(name_key(command.title, command.author))
            lookup.loans = lookup.loans or row.loan is not None
        return await self._matcher(lookup) if lookup else ImportMatches()

    def plan(self, row: CsvRow, command: NewBook, found: ImportMatches) -> RowPlan:
        """The commands of one row (a valid ``command`` made from it)."""
        if row.rating is not None or row.review:
            self._leave_out(row)
        isbn = command.isbn
        if is_plain(row) and isbn not in self._isbns:
            # The hot path of plain files: a new ISBN and nothing else to keep.
            self._isbns[isbn] = KnownBook(command.id, [], row.line)
            return RowPlan(row.line, [command], ["book"])
        plan = RowPlan(row.line)
        source = (row.source, row.source_id) if row.source_id else None
        link = source is not None and source not in self._sources
        known = self._known(row, command, found)
        if known is None:
            tags = command.tags if isinstance(command, ImportBook) else []
            known = KnownBook(command.id, distinct_tags(tags), row.line)
            plan.add("book", command)
            self._remember(row, command, known)
            new = command if isinstance(command, ImportBook) else None
            self._plan_review(plan, known.id, row, new)
            self._plan_holding(plan, known, row)
            return plan  # its tags, source id and review ride in the ImportBook
        if known.line:
            plan.repeats = known.line
        plan.matched = None if known.id == command.id else known
        self._remember(row, command, known)
        if row.tags:
            self._plan_tags(plan, known, row)
        self._plan_review(plan, known.id, row)
        self._plan_holding(plan, known, row)
        if link and source not in found.by_source:
            plan.add("source", _link(known.id, row))
        return plan

    def _known(self, row: CsvRow, command: NewBook, found: ImportMatches) -> KnownBook | None:
        if row.source_id:
            key = (row.source, row.source_id)
            known = self._sources.get(key) or _from(found.by_source.get(key))
            if known is not None:
                return known
        if command.isbn:
            return self._isbns.get(command.isbn) or _from(found.by_isbn.get(command.isbn))
        name = name_key(command.title, command.author)
        return self._names.get(name) or _from(found.by_name.get(name))

    def _remember(self, row: CsvRow, command: NewBook, known: KnownBook) -> None:
        if command.isbn:
            self._isbns.setdefault(command.isbn, known)
        else:
            self._names.setdefault(name_key(command.title, command.author), known)
        if row.source_id:
            self._sources.setdefault((row.source, row.source_id), known)

    def _leave_out(self, row: CsvRow) -> None:
        reviewed = row.rating is not None or bool(row.review)
        for reason, present in (
            (LEFT_OUT_REVIEWS, reviewed and self._reviews is None),
            (LEFT_OUT_UNRATED, self._reviews is not None and row.rating is None and row.review),
        ):
            if present:
                self.left_out[reason] = self.left_out.get(reason, 0) + 1

    def _plan_review(
        self, plan: RowPlan, book_id: BookId, row: CsvRow, new_book: ImportBook | None = None
    ) -> None:
        """The member's review of the book: new, changed (its rate or comment), or none. The
        review of a ``new_book`` rides in its command (completed here, before it is sent)."""
        reviews, rate = self._reviews, row.rating
        if reviews is None or rate is None:
            return
        known = reviews.by_book.get(book_id)
        try:
            if known is None and new_book is not None:
                review = ImportedReview(
                    member_id=reviews.member_id,
                    rate=rate,
                    comment=row.review,
                    written_at=written_at(row.read_on),
                )
                new_book.review = review
                reviews.by_book[book_id] = KnownReview(review.id, rate, row.review)
            elif known is None:
                new = ReviewBook(
                    member_id=reviews.member_id,
                    book_id=book_id,
                    rate=rate,
                    comment=row.review,
                    written_at=written_at(row.read_on),
                )
                reviews.by_book[book_id] = KnownReview(new.id, rate, row.review)
                plan.add("review", new)
            elif (known.rate, known.comment) != (rate, row.review):
                changed = UpdateReview(id=known.id, rate=rate, comment=row.review)
                reviews.by_book[book_id] = KnownReview(known.id, rate, row.review)
                plan.add("review", changed)
        except ValidationError:
            self.left_out[LEFT_OUT_INVALID_REVIEWS] = (
                self.left_out.get(LEFT_OUT_INVALID_REVIEWS, 0) + 1
            )

    def _plan_holding(self, plan: RowPlan, known: KnownBook, row: CsvRow) -> None:
        """The copies the book lacks and the row's open loan."""
        holding = known.holding
        if holding is None:
            if row.loan is None and (row.copies is None or row.copies <= 1):
                return  # one copy, as the book has: the hot path
            holding = known.holding = Holding()
        for kind, command in self._holdings.plan(known.id, holding, row):
            plan.add(kind, command)

    @staticmethod
    def _plan_tags(plan: RowPlan, known: KnownBook, row: CsvRow) -> None:
        tags = distinct_tags([*known.tags, *row.tags])
        if known.tags and same_tags(tags, known.tags):
            return
        try:
            command = SetBookTags(book_id=known.id, tags=tags)
        except ValidationError:
            return  # the formats keep tags within the rules: nothing to report
        known.tags = tags
        plan.add("tags", command)


def _from(stored: StoredBook | None) -> KnownBook | None:
    if stored is None:
        return None
    holding = None
    if stored.copies != 1 or stored.borrowers:
        holding = Holding(stored.copies, list(stored.borrowers))
    return KnownBook(stored.id, list(stored.tags), holding=holding)


def _link(book_id: BookId, row: CsvRow) -> LinkBookSource:
    return LinkBookSource(book_id=book_id, source=row.source, source_id=row.source_id)


def problem_of(plan: RowPlan, command: NewBook) -> RowProblem | None:
    """Why a row that writes nothing is listed: it repeats an earlier line, or its book is
    in the catalogue already (``None`` for a row that writes something)."""
    if plan.commands or plan.matched is None:
        return None
    reason = f"repeats line {plan.repeats}" if plan.repeats else "is already in the catalogue"
    if command.isbn:
        return RowProblem(plan.line, "isbn", reason, hyphenated_isbn(command.isbn))
    return RowProblem(plan.line, "row", reason)
