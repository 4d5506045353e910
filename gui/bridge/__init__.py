"""The GUI's only door to the core: commands in, Qt signals out, views read for the widgets.

Every other module of ``gui/`` imports what it needs of the core from here (the names in
``__all__``), so the window depends on one small surface: commands and events, the list's
query and ordering rules, and the import/export jobs. ``tests/bus/test_layers.py`` enforces it.
The door is built in modules of readable size: this one (the names, and opening the
catalogue), ``gui/bridge/commands.py`` (``CatalogueBridge``: commands in, signals out),
``gui/bridge/outcomes.py`` (the sentences for refusals; which signal re-emits which event)
and ``gui/bridge/reads.py`` (its reads and file jobs); the rest of the window imports only
this one.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from core import cli
from core.bus import GenericCommand, Message
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
    BookImported,
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
from core.service.book_details import BookDetailsView
from core.service.book_info import AbstractBookInformation, BookInfo, BookInfoUnavailable
from core.service.fill_details import DetailsFiller, FillReport, details_command
from core.service.loan_views import CopySummary, LoanSummary
from core.service.projections.ratings import ReviewEvent, mean_after, tally_change
from core.service.undo import NotUndoableError, undo_commands
from core.service.views import (
    BookQuery,
    BookSummary,
    HistoryEntry,
    HistoryFilter,
    MemberSummary,
    ReviewSummary,
)
from core.transfer.csv_format import CsvFormatError
from core.transfer.importer import (
    INTERACTIVE_BATCH_SIZE,
    CsvImport,
    ImportProgress,
    ImportReport,
    RowProblem,
    save_report,
)
from gui.bridge.commands import CatalogueBridge, Change
from gui.bridge.outcomes import NOT_FOUND_MESSAGE

__all__ = [
    "DEFAULT_LOAN_DAYS",
    "DETAILS_BY_UNDO",
    "DETAILS_BY_YOU",
    "INTERACTIVE_BATCH_SIZE",
    "NOT_FOUND_MESSAGE",
    "AbstractBookInformation",
    "AddCopy",
    "BookDeleted",
    "BookDetailsChanged",
    "BookDetailsView",
    "BookId",
    "BookImported",
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
