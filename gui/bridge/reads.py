"""The reads of the GUI's door to the core: the views the widgets show (the list's pages and
counts, loans, copies, members, reviews, history, a book's details) and the jobs that read or
write files (import, export, loan reminders, filling in details).

A mixin of ``CatalogueBridge`` (``gui/bridge/commands.py``), apart from the commands and
signals because widgets only ask these and wait for the answer. Part of the door:
``gui/bridge/__init__.py`` alone re-exports it to the window (``tests/bus/test_layers.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

from core.domain.model import BookId
from core.domain.ordering import Shelf
from core.service.book_details import BookDetailsView
from core.service.book_info import AbstractBookInformation
from core.service.catalogue import Catalogue
from core.service.fill_details import DetailsFiller, FillReport
from core.service.import_matches import ImportLookup, name_key
from core.service.loan_views import CopySummary, LoanSummary
from core.service.views import (
    BookQuery,
    BookSummary,
    HistoryEntry,
    HistoryFilter,
    MemberSummary,
    ReviewSummary,
)
from core.transfer.catalogue_files import describe_file, export_csv, open_import
from core.transfer.importer import INTERACTIVE_BATCH_SIZE, CsvImport, ImportProgress
from core.tuning import ImportTuning


class CatalogueReads:
    """Reads and file jobs on the catalogue, each waiting until it is open."""

    book_info: AbstractBookInformation | None
    _tuning: ImportTuning

    async def opened(self) -> Catalogue:
        """The catalogue, once it is open (``CatalogueBridge`` says when)."""
        raise NotImplementedError

    @property
    def catalogue(self) -> Catalogue:
        """The open catalogue (``CatalogueBridge`` holds it)."""
        raise NotImplementedError

    async def list_books(self, query: BookQuery) -> list[BookSummary]:
        """One page of the book list."""
        return await (await self.opened()).views.list_books(query)

    async def count_books(self, search: str = "", shelf: Shelf = Shelf.all) -> int:
        """How many books match ``search`` and ``shelf``."""
        return await (await self.opened()).views.count_books(search, shelf)

    async def book_by_isbn(self, isbn: str) -> BookSummary | None:
        """The book holding this canonical ISBN, or ``None``."""
        return await (await self.opened()).views.book_by_isbn(isbn)

    async def book(self, book_id: UUID) -> BookSummary | None:
        """One row of the book list as stored now (``None`` if the book is gone)."""
        return await (await self.opened()).views.book_by_id(book_id)

    async def loans(
        self, member_id: UUID | None = None, book_id: UUID | None = None
    ) -> list[LoanSummary]:
        """Open loans by due date: all, a member's or a book's."""
        return await (await self.opened()).views.loans(member_id=member_id, book_id=book_id)

    async def copies(self, book_id: UUID) -> list[CopySummary]:
        """A book's copies by number, each with its open loan."""
        return await (await self.opened()).views.copies(book_id)

    async def export_reminders(self, path: Path) -> int:
        """Write the open loans to ``path`` as an iCalendar file; how many."""
        from core.transfer.reminders import reminders  # icalendar: 0.1 s of the start-up

        loans = await (await self.opened()).views.loans()
        await asyncio.to_thread(path.write_bytes, reminders(loans))
        return len(loans)

    async def tags_in_use(self) -> list[tuple[str, int]]:
        """Every tag some book has, with how many books have it, sorted as read."""
        return await (await self.opened()).views.tags_in_use()

    async def likely_duplicate(self, title: str, author: str) -> bool:
        """Whether a book with this title and author (case and accents ignored) is there."""
        lookup = ImportLookup(names={name_key(title, author)})
        return bool((await (await self.opened()).views.match_imported(lookup)).by_name)

    async def history(
        self, offset: int = 0, limit: int = 200, keep: HistoryFilter | None = None
    ) -> list[HistoryEntry]:
        """Stored commands and events, newest first (those ``keep`` keeps)."""
        return await (await self.opened()).views.history(offset, limit, filter=keep)

    async def members(self) -> list[MemberSummary]:
        """The current members, by nickname."""
        return await (await self.opened()).views.members()

    async def reviews(
        self, book_id: UUID | None = None, member_id: UUID | None = None
    ) -> list[ReviewSummary]:
        """Reviews newest first: all, a book's or a member's."""
        return await (await self.opened()).views.reviews(book_id=book_id, member_id=member_id)

    async def book_details(self, book_id: BookId) -> BookDetailsView | None:
        """The book's details, or ``None`` when it has none."""
        return await (await self.opened()).views.book_details(book_id)

    def details_filler(self, on_progress: Callable[[FillReport], None]) -> DetailsFiller:
        """A "Fill in missing details…" run from the book information source (which must be
        set); ``run(among)`` it with :meth:`spawn`, then :meth:`stored` to refresh."""
        assert self.book_info is not None, "no book information source"
        return DetailsFiller(self.catalogue, self.book_info, on_progress)

    def open_import(
        self,
        path: Path,
        on_progress: Callable[[ImportProgress], None] | None = None,
        batch_size: int = INTERACTIVE_BATCH_SIZE,
        on_wait: Callable[[], None] | None = None,
        *,
        dry_run: bool = False,
        member: str = "",
    ) -> CsvImport:
        """An import of the CSV file at ``path``, ready to ``run()`` (``CsvFormatError`` if
        the file cannot be used); the window's process tuning applies while it runs;
        ``on_wait`` is told when a batch waits for another program's write lock;
        ``dry_run`` only checks it; ratings and reviews go to ``member``."""
        return open_import(
            self.catalogue,
            path,
            on_progress,
            batch_size,
            self._tuning,
            on_wait,
            dry_run=dry_run,
            member=member,
        )

    def recognise(self, path: Path) -> str:
        """The format and encoding ``path`` is read as ("Goodreads, UTF-8"); raises
        ``CsvFormatError`` if it cannot be used."""
        return describe_file(path)

    async def export_csv(self, path: Path, query: BookQuery) -> int:
        """Write the books of ``query`` to ``path``; how many (``OSError`` if it cannot)."""
        return await export_csv(await self.opened(), path, query)
