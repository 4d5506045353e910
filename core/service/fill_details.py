"""Fill in missing details: look up every book without details and store what the source
knows, in batches, with progress and cancel.

Each found book becomes one ``SetBookDetails`` (source: the book information source's name,
``if_unchanged``: no details), so a book given details meanwhile is left alone and each change
shows in the history and undoes like any edit. A batch is one transaction; a cancel keeps what
was already looked up; a source that cannot answer stops the run with its one-line reason
(every other book would fail the same way).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.bus import Message
from core.domain.book_details import MAX_PAGES, DetailsState, year_of
from core.domain.control import without_control
from core.domain.isbn import MAX_TEXT_LENGTH
from core.domain.messages import SetBookDetails
from core.domain.model import BookId
from core.domain.result import Err

from .book_details import BookToFill
from .book_info import AbstractBookInformation, BookInfo, BookInfoUnavailable
from .catalogue import Catalogue

FILL_BATCH = 20
"""Books looked up before their details are written in one transaction (about 7 s of
Open Library's rate limit: a cancel or a crash loses little)."""


NO_DETAILS = DetailsState()


def _fit(text: str) -> str:
    """``text`` as a detail may hold it: no control characters, at most 500 characters."""
    kept = without_control(text)
    return kept.strip()[:MAX_TEXT_LENGTH].strip()


def found_details(info: BookInfo) -> DetailsState:
    """What ``info`` tells beyond title and author, as details (what cannot be a detail, such
    as 0 pages, is left out)."""
    pages = info.pages if info.pages is not None and 1 <= info.pages <= MAX_PAGES else None
    return DetailsState(
        subtitle=_fit(info.subtitle),
        publisher=_fit(info.publishers[0]) if info.publishers else "",
        year=year_of(info.publish_date),
        pages=pages,
        cover_id=info.cover_id if info.cover_id is not None and info.cover_id > 0 else None,
    )


def details_command(
    book_id: BookId, info: BookInfo, if_unchanged: DetailsState | None = NO_DETAILS
) -> SetBookDetails | None:
    """The command keeping what ``info`` found for the book (by default only if it still has
    no details), or ``None`` when it found nothing beyond title and author."""
    state = found_details(info)
    if state.empty:
        return None
    return SetBookDetails(
        book_id=book_id, source=info.source, if_unchanged=if_unchanged, **state.model_dump()
    )


@dataclass
class FillReport:
    """What a fill did so far: books looked up, given details, unknown to the source, left
    alone (nothing more known, or changed meanwhile); ``stopped`` is the source's reason when
    it could not answer; ``events`` what the written batches published (for undo)."""

    total: int = 0
    looked_up: int = 0
    filled: int = 0
    not_found: int = 0
    left_alone: int = 0
    cancelled: bool = False
    stopped: str = ""
    events: list[Message[Any]] = field(default_factory=list)


type Progress = Callable[[FillReport], None]
type Answer = BookInfo | None


class _Cancelled(Exception):
    """The user cancelled the fill while a book was looked up."""


class DetailsFiller:
    """One run of "Fill in missing details…" over a catalogue and a book information source.

    ``on_progress`` hears the report after each book; :meth:`cancel` stops at once (the look-up
    in flight is abandoned, the books looked up before it are still written).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        source: AbstractBookInformation,
        on_progress: Progress | None = None,
        batch_size: int = FILL_BATCH,
    ) -> None:
        self._catalogue = catalogue
        self._source = source
        self._on_progress = on_progress or (lambda _report: None)
        self._batch_size = batch_size
        self._cancelled = asyncio.Event()
        self.report = FillReport()

    def cancel(self) -> None:
        """Stop after writing what was looked up."""
        self._cancelled.set()

    async def run(self, among: Collection[BookId] | None = None) -> FillReport:
        """Fill the books of ``among`` (or all) that have no details; the report."""
        books = await self._catalogue.views.books_without_details(among)
        self.report.total = len(books)
        self._on_progress(self.report)
        for start in range(0, len(books), self._batch_size):
            commands = await self._look_up(books[start : start + self._batch_size])
            await self._write(commands)
            if self.report.cancelled or self.report.stopped:
                break
        return self.report

    async def _look_up(self, books: Sequence[BookToFill]) -> list[SetBookDetails]:
        commands: list[SetBookDetails] = []
        for book in books:
            try:
                info = await self._unless_cancelled(self._source.by_isbn(book.isbn))
            except _Cancelled:
                self.report.cancelled = True
                break
            except BookInfoUnavailable as error:
                self.report.stopped = str(error)
                break
            self.report.looked_up += 1
            command = None if info is None else details_command(book.id, info)
            if info is None:
                self.report.not_found += 1
            elif command is None:
                self.report.left_alone += 1
            else:
                commands.append(command)
            self._on_progress(self.report)
        return commands

    async def _unless_cancelled(self, look_up: Coroutine[Any, Any, BookInfo | None]) -> Answer:
        """``look_up``'s answer; :class:`_Cancelled` (the look-up abandoned) on cancel."""
        if self._cancelled.is_set():
            look_up.close()
            raise _Cancelled
        answer = asyncio.ensure_future(look_up)
        cancelled = asyncio.ensure_future(self._cancelled.wait())
        try:
            await asyncio.wait((answer, cancelled), return_when=asyncio.FIRST_COMPLETED)
        finally:
            cancelled.cancel()
            abandoned = answer.cancel()  # False when it has answered
        if abandoned:
            raise _Cancelled
        return answer.result()

    async def _write(self, commands: list[SetBookDetails]) -> None:
        if not commands:
            return
        outcome = await self._catalogue.run_many(commands, urgent=False)
        refused = sum(isinstance(result, Err) for result in outcome.result)
        self.report.filled += len(commands) - refused
        self.report.left_alone += refused
        self.report.events.extend(outcome.events)
        self._on_progress(self.report)
