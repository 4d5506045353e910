"""The GUI's only door to the core: commands in, Qt signals out, views read for the widgets.

Every other module of ``gui/`` imports what it needs of the core from here (the names in
``__all__``), so the window depends on one small surface: commands and events, the list's
query and ordering rules, and the import/export jobs. ``tests/bus/test_layers.py`` enforces it.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from PySide6.QtCore import QObject, Signal

from core import cli
from core.bus import EventstreamDeliveryError, GenericCommand, Message
from core.cli.common import program_version
from core.domain.book_details import UNDO as DETAILS_BY_UNDO
from core.domain.book_details import YOU as DETAILS_BY_YOU
from core.domain.isbn import canonical_isbn, hyphenated_isbn
from core.domain.loan import DEFAULT_LOAN_DAYS
from core.domain.member import nickname_key
from core.domain.messages import (
    AddCopy,
    BookDeleted,
    BookDetailsChanged,
    BookRegistered,
    BookRestored,
    BookReviewed,
    BookTagsChanged,
    BookUpdated,
    CopyAdded,
    CopyLent,
    CopyRemoved,
    CopyRestored,
    CopyReturned,
    DeleteBook,
    LendBook,
    LendCopy,
    LoanCancelled,
    LoanRenewed,
    LoanReopened,
    LoanRestored,
    MemberRegistered,
    MemberRemoved,
    MemberRestored,
    MemberUpdated,
    RegisterBook,
    RegisterMember,
    RemoveMember,
    RenewLoan,
    RestoreBook,
    ReturnCopy,
    ReviewBook,
    ReviewDeleted,
    ReviewRestored,
    ReviewUpdated,
    SetBookDetails,
    SetBookTags,
    UpdateBook,
    UpdateMember,
    UpdateReview,
)
from core.domain.model import BookId
from core.domain.ordering import BookSort, Shelf, matches, parse_search, sort_key
from core.domain.result import Err, Ok
from core.service.book_details import BookDetailsView
from core.service.book_info import AbstractBookInformation, BookInfo, BookInfoUnavailable
from core.service.catalogue import Catalogue
from core.service.club_repositories import ClubError
from core.service.errors import (
    CatalogueBusyError,
    CatalogueGoneError,
    CatalogueOfflineError,
    CatalogueReadOnlyError,
)
from core.service.events import LinkState
from core.service.fill_details import DetailsFiller, FillReport, details_command
from core.service.import_matches import ImportLookup, name_key
from core.service.loan_views import CopySummary, LoanSummary
from core.service.projections.availability import SHELF_EVENTS
from core.service.projections.ratings import REVIEW_EVENTS, ReviewEvent, mean_after, tally_change
from core.service.repositories import BookRepositoryError
from core.service.undo import NotUndoableError, undo_commands
from core.service.views import (
    BookQuery,
    BookSummary,
    HistoryEntry,
    HistoryFilter,
    MemberSummary,
    ReviewSummary,
)
from core.transfer.catalogue_files import describe_file, export_csv, open_import
from core.transfer.csv_format import CsvFormatError
from core.transfer.importer import (
    INTERACTIVE_BATCH_SIZE,
    CsvImport,
    ImportProgress,
    ImportReport,
    RowProblem,
    save_report,
)
from core.tuning import ImportTuning
from gui.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "DEFAULT_LOAN_DAYS",
    "DETAILS_BY_UNDO",
    "DETAILS_BY_YOU",
    "INTERACTIVE_BATCH_SIZE",
    "AbstractBookInformation",
    "AddCopy",
    "BookDeleted",
    "BookDetailsChanged",
    "BookDetailsView",
    "BookId",
    "BookInfo",
    "BookInfoUnavailable",
    "BookQuery",
    "BookRegistered",
    "BookRestored",
    "BookReviewed",
    "BookSort",
    "BookSummary",
    "BookTagsChanged",
    "BookUpdated",
    "CatalogueBridge",
    "Change",
    "CopyAdded",
    "CopyLent",
    "CopyRemoved",
    "CopyRestored",
    "CopyReturned",
    "CopySummary",
    "CsvFormatError",
    "CsvImport",
    "DeleteBook",
    "DetailsFiller",
    "FillReport",
    "GenericCommand",
    "HistoryEntry",
    "HistoryFilter",
    "ImportProgress",
    "ImportReport",
    "LendBook",
    "LendCopy",
    "LoanCancelled",
    "LoanRenewed",
    "LoanReopened",
    "LoanRestored",
    "LoanSummary",
    "MemberRegistered",
    "MemberRemoved",
    "MemberRestored",
    "MemberSummary",
    "MemberUpdated",
    "Message",
    "NotUndoableError",
    "RegisterBook",
    "RegisterMember",
    "RemoveMember",
    "RenewLoan",
    "RestoreBook",
    "ReturnCopy",
    "ReviewBook",
    "ReviewDeleted",
    "ReviewEvent",
    "ReviewRestored",
    "ReviewSummary",
    "ReviewUpdated",
    "RowProblem",
    "SetBookDetails",
    "SetBookTags",
    "Shelf",
    "UpdateBook",
    "UpdateMember",
    "UpdateReview",
    "cannot_open",
    "canonical_isbn",
    "command_line",
    "details_command",
    "hyphenated_isbn",
    "matches",
    "mean_after",
    "nickname_key",
    "open_bridge",
    "open_catalogue_later",
    "parse_search",
    "program_version",
    "save_report",
    "sort_key",
    "tally_change",
    "undo_commands",
]

log = logging.getLogger(__name__)

_MEMBER_EVENTS = (MemberRegistered, MemberUpdated, MemberRemoved, MemberRestored)

NOT_FOUND_MESSAGE = QT_TRANSLATE_NOOP("CatalogueBridge", "This book no longer exists")
STALE_MESSAGE = QT_TRANSLATE_NOOP(
    "CatalogueBridge", "it was changed since (here or on another desktop)"
)
OFFLINE_MESSAGE = QT_TRANSLATE_NOOP(
    "CatalogueBridge", "The shared catalogue is offline: {reason}; try again once it is back"
)


def command_line(argv: Sequence[str] | None = None) -> int:
    """Run ``reading-club`` (``python -m gui``): the window, or a subcommand."""
    return cli.main(sys.argv[1:] if argv is None else argv)


@asynccontextmanager
async def open_bridge(database: str) -> AsyncIterator[CatalogueBridge]:
    """A bridge over the catalogue at ``database`` (an error :func:`cannot_open` recognises
    if it cannot be opened) and the book information source of the environment; leaving
    waits for its work and closes both."""
    bridge = CatalogueBridge()
    async with open_catalogue_later(bridge, database):
        yield bridge


@asynccontextmanager
async def open_catalogue_later(bridge: CatalogueBridge, database: str) -> AsyncIterator[None]:
    """Open the catalogue at ``database`` and the book information source for ``bridge``
    (made before them: the window paints first); close them on leaving, after the bridge's
    work.

    The database stack (SQLAlchemy, SQLModel, the drivers) is imported here, not when the
    window's modules are: the window is painted before that wait.
    """
    from core.bootstrap import open_book_information, open_catalogue  # after the first paint

    async with open_catalogue(database) as catalogue, open_book_information() as book_info:
        bridge.attach(catalogue, book_info)
        try:
            yield
        finally:
            await bridge.aclose()


def cannot_open(error: BaseException) -> bool:
    """Whether ``error`` says the catalogue cannot be opened (not a file of ours, a newer
    schema, an unreachable server...): a message for the user rather than a crash."""
    if "core.bootstrap" not in sys.modules:
        return False
    from core.bootstrap import CatalogueOpenError  # imported already

    return isinstance(error, CatalogueOpenError)


@dataclass(frozen=True, slots=True)
class Change:
    """A user's change that committed: the commands asked for and the events published (what
    an undo must revert)."""

    commands: tuple[GenericCommand[Any], ...]
    events: tuple[Message[Any], ...]


class CatalogueBridge(QObject):
    """Runs commands on the running asyncio (qasync) loop and turns outcomes into signals.

    ``command_succeeded(command, result)`` or ``command_failed(command, message)`` follows
    every :meth:`submit`; events published by committed transactions are re-emitted as
    ``book_registered`` (a ``BookRegistered`` or ``BookRestored``)/``book_updated``/
    ``book_deleted``/``book_details_changed``; ``committed(Change)`` tells what a user's
    change published (undo). Reads for the list, the history and a book's details go through
    the async helpers, so widgets never see SQL. ``book_info`` is the book information
    source (``None``: no look-ups, or not open yet: ``catalogue_opened`` says when it is).

    On a shared catalogue, ``online_changed(False)`` says other desktops' changes no longer
    arrive; ``online_changed(True)`` and ``resync_requested`` follow the reconnection, and
    whatever is shown must be read again.
    """

    committed = Signal(object)
    """A :meth:`submit`/:meth:`submit_many` committed and published events (a ``Change``)."""
    command_succeeded = Signal(object, object)
    command_failed = Signal(object, str)
    book_registered = Signal(object)
    book_updated = Signal(object)
    book_deleted = Signal(object)
    review_changed = Signal(object)
    """A review was written, changed, deleted or restored (the event)."""
    member_changed = Signal(object)
    """A member joined, was renamed, left or came back (the event)."""
    book_tags_changed = Signal(object)
    book_details_changed = Signal(object)
    shelf_changed = Signal(object)
    """A copy was added, removed or restored, or a loan made, returned, renewed or undone
    (the event: its ``book_id`` says whose availability changed)."""
    message_stored = Signal()
    """Something was written to the message store (a command ran)."""
    online_changed = Signal(bool)
    """The shared catalogue went offline (False) or is live again (True)."""
    resync_requested = Signal()
    """Events may have been missed: reload what is shown from the database."""
    background_failed = Signal(str)
    """A read or other background task failed: why, for the user (the log has the rest)."""
    catalogue_opened = Signal()
    """The catalogue (and the book information source) are attached: reads can start."""

    def __init__(
        self,
        catalogue: Catalogue | None = None,
        parent: QObject | None = None,
        book_info: AbstractBookInformation | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue: Catalogue | None = None
        self.book_info: AbstractBookInformation | None = None
        self._opened = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._unsubscribe: Callable[[], None] = lambda: None
        self._unsubscribe_status: Callable[[], None] = lambda: None
        self._tuning = ImportTuning()
        self._closed = False
        if catalogue is not None:
            self.attach(catalogue, book_info)

    def attach(
        self, catalogue: Catalogue, book_info: AbstractBookInformation | None = None
    ) -> None:
        """Work on ``catalogue`` (and look books up in ``book_info``) from now on; reads and
        commands asked for before wait for this (a bridge made without a catalogue: the
        window shows before it is open)."""
        self._catalogue = catalogue
        self.book_info = book_info
        self._unsubscribe = catalogue.subscribe(self._on_event)
        self._unsubscribe_status = catalogue.subscribe_status(self._on_status)
        self._opened.set()
        self.online_changed.emit(catalogue.online)
        self.catalogue_opened.emit()

    @property
    def catalogue(self) -> Catalogue:
        """The open catalogue (``RuntimeError`` before it is attached)."""
        if self._catalogue is None:
            raise RuntimeError("the catalogue is not open yet")
        return self._catalogue

    async def opened(self) -> Catalogue:
        """The catalogue, once it is open."""
        await self._opened.wait()
        return self.catalogue

    @property
    def online(self) -> bool:
        """Whether changes of other desktops arrive live (always, for a local file)."""
        return self._catalogue is None or self._catalogue.online

    @property
    def description(self) -> str:
        """Where the catalogue is, for people (no password)."""
        return self._catalogue.description if self._catalogue is not None else ""

    @property
    def closed(self) -> bool:
        """Whether the bridge is closing or closed (nothing more may be spawned)."""
        return self._closed

    @property
    def busy(self) -> bool:
        """Whether any command or read is still running."""
        return any(not task.done() for task in self._tasks)

    def submit(self, command: GenericCommand[Any]) -> asyncio.Task[None]:
        """Run ``command`` in its own transaction; the outcome arrives as a signal."""
        return self.spawn(self._execute(command))

    def spawn[T](self, coroutine: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Run ``coroutine`` as a task kept alive (and awaited by :meth:`aclose`)."""
        if self._closed:
            coroutine.close()
            raise RuntimeError("the catalogue bridge is closed")
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("background task failed", exc_info=error)
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            self.background_failed.emit(reason)

    def submit_many(self, commands: Sequence[GenericCommand[Any]]) -> asyncio.Task[None]:
        """Run ``commands`` in one transaction (e.g. a bulk delete: one undo step); a refused
        command is undone alone. One ``command_succeeded``/``command_failed`` per command."""
        return self.spawn(self._execute_many(tuple(commands)))

    async def _execute_many(self, commands: tuple[GenericCommand[Any], ...]) -> None:
        try:
            outcome = await (await self.opened()).run_many(commands)
        except Exception as error:
            log.exception("%d commands failed", len(commands))
            for command in commands:
                self.command_failed.emit(command, self._failure(error))
            return
        self.message_stored.emit()
        if outcome.events:
            self.committed.emit(Change(commands, tuple(outcome.events)))
        for command, result in zip(commands, outcome.result, strict=True):
            if isinstance(result, Err):
                self.command_failed.emit(command, await self._explain(command, result.error))
            else:
                self.command_succeeded.emit(command, result)

    async def perform(self, commands: Sequence[GenericCommand[Any]]) -> Change | str:
        """Run ``commands`` all or none (an undo or a redo): the change, or the sentence why
        it was refused. Not announced by ``committed``: the undo stack asked for it."""
        try:
            outcome = await (await self.opened()).run_all(commands)
        except Exception as error:
            log.exception("undo/redo failed")
            return self._failure(error)
        self.message_stored.emit()
        if isinstance(outcome.result, Err):
            command = next(iter(commands), None)
            return await self._explain(command, outcome.result.error)
        return Change(tuple(commands), tuple(outcome.events))

    def _failure(self, error: Exception) -> str:
        if isinstance(error, CatalogueOfflineError):
            return self.tr(OFFLINE_MESSAGE).format(reason=error)
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return self.tr("Could not save: {reason}").format(reason=reason)

    async def _execute(self, command: GenericCommand[Any]) -> None:
        events: list[Message[Any]] = []
        try:
            outcome = await (await self.opened()).run(command)
            result, events = outcome.result, outcome.events
        except CatalogueOfflineError as error:
            log.warning("command %s failed: %s", type(command).__name__, error)
            self.command_failed.emit(command, self.tr(OFFLINE_MESSAGE).format(reason=error))
            return
        except (CatalogueBusyError, CatalogueReadOnlyError, CatalogueGoneError) as error:
            log.warning("command %s failed: %s", type(command).__name__, error)
            self.command_failed.emit(
                command, self.tr("Could not save: {reason}").format(reason=error)
            )
            return
        except EventstreamDeliveryError:
            # Committed, only the announcement failed: the command succeeded, and the list
            # learns of it by reading the database again.
            log.warning("%s saved, its events not delivered; reloading", type(command).__name__)
            result = Ok(...)
            self.resync_requested.emit()
        except Exception as error:
            log.exception("command %s failed", type(command).__name__)
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            self.command_failed.emit(
                command, self.tr("Could not save: {reason}; see the log").format(reason=reason)
            )
            return
        self.message_stored.emit()
        if isinstance(result, Err):
            self.command_failed.emit(command, await self._explain(command, result.error))
        else:
            if events:
                self.committed.emit(Change((command,), tuple(events)))
            self.command_succeeded.emit(command, result)

    async def _explain(self, command: GenericCommand[Any] | None, error: object) -> str:
        """The sentence the form shows for a refused command."""
        if error is BookRepositoryError.not_found:
            return self.tr(NOT_FOUND_MESSAGE)
        if error is BookRepositoryError.stale:
            return self.tr(STALE_MESSAGE)
        isbn = getattr(command, "isbn", None)
        if error is BookRepositoryError.integrity_error and isbn:
            holder = await self.catalogue.views.book_by_isbn(isbn)
            if holder is not None:
                return self.tr(
                    'ISBN {isbn} is already registered for "{title}" by {author}'
                ).format(
                    isbn=hyphenated_isbn(holder.isbn), title=holder.title, author=holder.author
                )
            return self.tr("ISBN {isbn} is already registered").format(isbn=hyphenated_isbn(isbn))
        if isinstance(error, ClubError):
            return error.message
        return self.tr("Could not save: {reason}").format(reason=getattr(error, "value", error))

    def _on_event(self, event: Message[Any]) -> None:
        if isinstance(event, BookRegistered | BookRestored):
            self.book_registered.emit(event)
        elif isinstance(event, BookUpdated):
            self.book_updated.emit(event)
        elif isinstance(event, BookDeleted):
            self.book_deleted.emit(event)
        elif isinstance(event, BookTagsChanged):
            self.book_tags_changed.emit(event)
        elif isinstance(event, BookDetailsChanged):
            self.book_details_changed.emit(event)
        elif isinstance(event, REVIEW_EVENTS):
            self.review_changed.emit(event)
        elif isinstance(event, _MEMBER_EVENTS):
            self.member_changed.emit(event)
        elif isinstance(event, SHELF_EVENTS):
            self.shelf_changed.emit(event)

    def _on_status(self, state: LinkState) -> None:
        if state is LinkState.offline:
            self.online_changed.emit(False)
        else:
            self.online_changed.emit(True)
            self.resync_requested.emit()

    def storage_problem(self) -> str | None:
        """Why nothing could be saved now (the catalogue's file deleted), or ``None`` (also
        before the catalogue is open)."""
        catalogue = self._catalogue
        return None if catalogue is None else catalogue.storage_problem()

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

    def submit_in_turn(self, commands: Sequence[GenericCommand[Any]]) -> asyncio.Task[None]:
        """Run ``commands`` one after the other, each in its own transaction, as
        :meth:`submit` does (e.g. a new member, then their review)."""

        async def in_turn() -> None:
            for command in commands:
                await self._execute(command)

        return self.spawn(in_turn())

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

    def stored(self) -> None:
        """Say that messages were stored outside :meth:`submit` (a fill, an import)."""
        self.message_stored.emit()

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

    async def aclose(self) -> None:
        """Stop listening and wait for every running task (commands finish, reads too)."""
        self._closed = True
        if not self._opened.is_set():  # never opened: what waits for it would wait forever
            for task in self._tasks:
                task.cancel()
        self._unsubscribe()
        self._unsubscribe_status()
        # Finished tasks leave the set in a done-callback; wait only for the running ones.
        while running := [task for task in self._tasks if not task.done()]:
            await asyncio.wait(running)
