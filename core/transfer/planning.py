"""What each row of an import becomes: the commands for a new book, or for the book it
matches — by its id in the file's source, then its ISBN, then (no ISBN) its title and author
ignoring case and accents.

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
from typing import Any

from pydantic import ValidationError

from core.bus import GenericCommand
from core.domain.isbn import hyphenated_isbn
from core.domain.messages import LinkBookSource, RegisterBook, SetBookTags
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
from .report import RowProblem

type Command = GenericCommand[Any]
type Matcher = Callable[[ImportLookup], Awaitable[ImportMatches]]
"""Finds the stored books of a look-up (the catalogue views' ``match_imported``)."""


@dataclass(slots=True)
class KnownBook:
    """A book this import has met: its id, its tags as they will be, the line that first
    named it (0: found in the catalogue)."""

    id: BookId
    tags: list[str]
    line: int = 0


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
    """Whether the row brings a book with an ISBN and nothing else."""
    return bool(row.isbn) and not (row.tags or row.source_id or row.rating or row.review)


class ImportPlanner:
    """Plans the rows of one import; ``matcher`` is ``None`` when the catalogue was empty."""

    def __init__(self, matcher: Matcher | None) -> None:
        self._matcher = matcher
        self._sources: dict[SourceKey, KnownBook] = {}
        self._isbns: dict[str, KnownBook] = {}
        self._names: dict[NameKey, KnownBook] = {}

    async def match(self, rows: Sequence[tuple[CsvRow, RegisterBook]]) -> ImportMatches:
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
        return await self._matcher(lookup) if lookup else ImportMatches()

    def plan(self, row: CsvRow, command: RegisterBook, found: ImportMatches) -> RowPlan:
        """The commands of one row (a valid ``command`` made from it)."""
        plan = RowPlan(row.line)
        source = (row.source, row.source_id) if row.source_id else None
        link = source is not None and source not in self._sources
        known = self._known(row, command, found)
        if known is None:
            known = KnownBook(command.id, [], row.line)
            plan.add("book", command)
        elif known.line:
            plan.repeats = known.line
        plan.matched = None if known.id == command.id else known
        self._remember(row, command, known)
        if row.tags:
            self._plan_tags(plan, known, row)
        if link and source not in found.by_source:
            plan.add("source", _link(known.id, row))
        return plan

    def _known(self, row: CsvRow, command: RegisterBook, found: ImportMatches) -> KnownBook | None:
        if row.source_id:
            key = (row.source, row.source_id)
            known = self._sources.get(key) or _from(found.by_source.get(key))
            if known is not None:
                return known
        if command.isbn:
            return self._isbns.get(command.isbn) or _from(found.by_isbn.get(command.isbn))
        name = name_key(command.title, command.author)
        return self._names.get(name) or _from(found.by_name.get(name))

    def _remember(self, row: CsvRow, command: RegisterBook, known: KnownBook) -> None:
        if command.isbn:
            self._isbns.setdefault(command.isbn, known)
        else:
            self._names.setdefault(name_key(command.title, command.author), known)
        if row.source_id:
            self._sources.setdefault((row.source, row.source_id), known)

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
    return None if stored is None else KnownBook(stored.id, list(stored.tags))


def _link(book_id: BookId, row: CsvRow) -> LinkBookSource:
    return LinkBookSource(book_id=book_id, source=row.source, source_id=row.source_id)


def problem_of(plan: RowPlan, command: RegisterBook) -> RowProblem | None:
    """Why a row that writes nothing is listed: it repeats an earlier line, or its book is
    in the catalogue already (``None`` for a row that writes something)."""
    if plan.commands or plan.matched is None:
        return None
    reason = f"repeats line {plan.repeats}" if plan.repeats else "is already in the catalogue"
    if command.isbn:
        return RowProblem(plan.line, "isbn", reason, hyphenated_isbn(command.isbn))
    return RowProblem(plan.line, "row", reason)
