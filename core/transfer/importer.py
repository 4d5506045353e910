"""Importing a file of books through the bus, in batches: every new book a ``RegisterBook``,
or an ``ImportBook`` with its tags and its id in the file's source (``planning`` decides what
each row becomes: a new book, or the one it matches).

A batch is one transaction: it is committed whole or not at all. Rows that fail validation
or repeat a book are reported (line, field, reason) and the others are imported. A dry run
(``dry_run``) plans every row and counts what would be written, and writes nothing. The work
is a pipeline on the event loop: while SQLite writes and commits a batch, the next one is read,
validated and handled. After each committed batch the import reports progress; a cancel
request stops it before the next batch, and the batches already handled are committed and
counted.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import (
    AbstractAsyncContextManager,
    AsyncExitStack,
    asynccontextmanager,
)
from typing import Any, Protocol

from core.domain.isbn import hyphenated_isbn
from core.domain.member import MemberId, nickname_key
from core.domain.messages import ImportBook
from core.domain.result import Err, Ok
from core.service.repositories import BookRepositoryError
from core.service.views import AbstractCatalogueViews

from .batching import (
    Batch,
    NoTuning,
    ProcessTuning,
    Upcoming,
    batches_of,
    command_or_problem,
)
from .csv_format import CsvBooks, CsvFormatError, CsvRow
from .planning import Command, ImportPlanner, NewBook, RowPlan, problem_of
from .report import ADDED, LABELS, ImportProgress, ImportReport, RowProblem, save_report
from .reviews import MemberReviews

__all__ = [
    "BATCH_SIZE",
    "LABELS",
    "BatchWriter",
    "CsvImport",
    "ImportProgress",
    "ImportReport",
    "RowProblem",
    "command_or_problem",
    "save_report",
]

BATCH_SIZE = 2000
"""Rows per transaction: SQLite's cost per row (FTS5 flush, commit, checkpoint) falls with
the batch's size (≈35 µs at 1,000, ≈25 µs at 2,000, ≈20 µs at 4,000); the bus, the
validation and the publishing yield to the event loop every few hundred rows, but a larger
batch made the window's longest repaint gap worse (4,000: 126 to 147 ms against ≈105 ms)."""
INTERACTIVE_BATCH_SIZE = 400
"""Rows per transaction when someone may use the catalogue meanwhile (the window): a command
from the form waits at most for the batch being committed. Measured with the club's tables
and indexes (``python -m bench.command_during_import``, 100,000 rows, quiet box): 1,000-row
batches 177 ms median / 325 ms worst, 400-row batches 96 ms / 208 ms (targets 100 / 250), and
the whole import no slower (34 s against 38 s)."""
IN_FLIGHT = 3
"""Batches submitted and not yet recorded: one committing, one handled, and room for one more,
so that a batch SQLite writes slowly (an FTS5 merge) does not leave the event loop waiting
(its waits for a commit: 4.6-5.5 µs a book at 2, 3.2-3.4 at 3, side by side; the form's
command during an import unchanged: median 54.4 against 54.7 ms). A cancel request stops the
import before the next batch is submitted: the batches being written when it came are
committed and counted too."""


class BatchWriter(Protocol):
    """Runs batches of commands through the bus, one transaction each, committed in the
    order submitted (``core.service.batches.BatchPipeline``)."""

    async def submit(self, commands: Sequence[Command]) -> asyncio.Future[list[Any]]:
        """Handle ``commands``; the future of their results (one each, in order), which
        resolves once the batch is committed, or raises why it could not be."""
        ...


type FindMember = Callable[[str, bool], Awaitable[MemberReviews]]
"""The member of a nickname and their reviews (created when missing, if told to)."""
type OpenWriter = Callable[[], AbstractAsyncContextManager[BatchWriter]]
"""Opens a :class:`BatchWriter` for one import; leaving it waits for the batches submitted."""


class CsvImport:
    """One import of ``books`` through a :class:`BatchWriter`; :meth:`run` it once,
    :meth:`cancel` it from anywhere on the loop. ``on_progress`` is called after each
    committed batch; ``tuning`` (the program's ``core.tuning.ImportTuning``, if it wants one)
    is entered while the import runs. ``views`` finds the rows' books in the catalogue (without
    them, only repeats within the file are matched); ``dry_run`` writes nothing."""

    def __init__(
        self,
        books: CsvBooks,
        open_writer: OpenWriter,
        on_progress: Callable[[ImportProgress], None] | None = None,
        batch_size: int = BATCH_SIZE,
        tuning: ProcessTuning | None = None,
        *,
        views: AbstractCatalogueViews | None = None,
        dry_run: bool = False,
        member: str = "",
        find_member: FindMember | None = None,
    ) -> None:
        self.books = books
        self._tuning = tuning or NoTuning()
        self.report = ImportReport(dry_run=dry_run)
        self._open_writer: OpenWriter = _dry_writer if dry_run else open_writer
        self._on_progress = on_progress
        self._batch_size = batch_size
        self._views = views
        self.member = member
        self._find_member = find_member
        """The nickname whose ratings and reviews the file holds ("": they are left out)."""
        self._cancelled = False
        self._rows = 0
        self._stopped_at: int | None = None

    def cancel(self) -> None:
        """Stop before the next batch; the batches already handled are committed."""
        self._cancelled = True

    async def run(self) -> ImportReport:
        """Import every row; raises ``CsvFormatError`` if the header is unusable."""
        try:
            rows = self.books.rows()
            first = next(rows, None)  # reads the header: a bad file fails before any batch
            self.report.read_as = f"{self.books.format}, {self.books.encoding}"
            batches = batches_of(itertools.chain([first] if first else [], rows), self._batch_size)
            reviews = None
            if self.member and self._find_member is not None:
                reviews = await self._find_member(self.member, not self.report.dry_run)
            planner = ImportPlanner(await self._matcher(), reviews, await self._members())
            self.report.left_out = planner.left_out  # counted as the rows are planned
            async with AsyncExitStack() as stack:
                stack.enter_context(self._tuning)
                try:
                    writer = await stack.enter_async_context(self._open_writer())
                except Exception as error:  # the database cannot be written: nothing is
                    self.report.error = f"nothing imported: {_reason(error)}"
                    return self.report
                await self._run(batches, planner, writer)
        finally:
            self.books.close()
        return self.report

    async def _matcher(self) -> Any:
        """The catalogue's look-up of stored books, unless it has none (then every row is new
        but for repeats within the file)."""
        views = self._views
        if views is None or await views.count_books() == 0:
            return None
        return views.match_imported

    async def _members(self) -> dict[str, MemberId]:
        """The club's members by nickname key: whom the file's lending patrons may be."""
        views = self._views
        members = [] if views is None else await views.members()
        return {nickname_key(member.nickname): member.id for member in members}

    async def _run(
        self, batches: Iterator[list[CsvRow]], planner: ImportPlanner, writer: BatchWriter
    ) -> None:
        submitted: deque[tuple[Batch, asyncio.Future[list[Any]]]] = deque()
        try:
            upcoming = Upcoming(batches, planner)
            while True:
                try:
                    batch = await upcoming.take()
                except CsvFormatError as error:  # the rows before it are imported
                    self._stop_reading(error)
                    break
                if batch is None:
                    break
                if self._cancelled:
                    self.report.cancelled = True
                    break
                self._rows += batch.rows
                self.report.failed.extend(batch.failed)
                upcoming = Upcoming(batches, planner)
                try:
                    if batch.error is not None:
                        raise batch.error
                    committed = await self._submit(writer, batch, upcoming)
                except Exception as error:  # the database failed: keep what is done
                    self._stop(batch, error)
                    break
                submitted.append((batch, committed))
                if committed.done() and (committed.cancelled() or committed.exception()):
                    break  # it failed while handled: no later batch may be written
                if len(submitted) == IN_FLIGHT and not await self._committed(*submitted.popleft()):
                    return
        finally:
            while submitted:
                await self._committed(*submitted.popleft())

    @staticmethod
    async def _submit(
        writer: BatchWriter, batch: Batch, upcoming: Upcoming
    ) -> asyncio.Future[list[Any]]:
        """Submit ``batch`` and, meanwhile, read, validate and plan the next one: the event
        loop has that to do while the batch's books are looked up (and the batch before is
        written) instead of waiting."""
        handling = asyncio.ensure_future(writer.submit(batch.commands))
        try:
            await upcoming.prepare()
        except BaseException:
            handling.cancel()
            raise
        return await handling

    async def _committed(self, batch: Batch, results: asyncio.Future[list[Any]]) -> bool:
        """Record a submitted batch once committed; false if it failed (the import stops)."""
        try:
            done = await results
        except Exception as error:  # the database failed: later batches are not written
            self._stop(batch, error)
            return False
        each = iter(done)
        for plan, command in zip(batch.plans, batch.registrations, strict=True):
            self._record(plan, command, [next(each) for _ in plan.commands])
        self._tuning.between_batches()
        self._progress(batch.bytes_read)
        await asyncio.sleep(0)  # let the window repaint between batches
        return True

    def _stop_reading(self, error: CsvFormatError) -> None:
        """Say that the rest of the file could not be read (unless a batch failed before)."""
        if self._stopped_at is None:
            self._stopped_at = sys.maxsize  # a failed batch before it says more
            self.report.error = f"{error}; the rest of the file was not read"

    def _stop(self, batch: Batch, error: Exception) -> None:
        """Say where the import stopped: at the first batch that failed."""
        if self._stopped_at is None or batch.first_line < self._stopped_at:
            self._stopped_at = batch.first_line
            self.report.error = f"line {batch.first_line} onwards not imported: {_reason(error)}"

    def _record(self, plan: RowPlan, command: NewBook, results: list[Any]) -> None:
        """Count what a row did, once its batch is committed."""
        report = self.report
        problem = problem_of(plan, command)
        if problem is not None:
            report.skipped.append(problem)
            return
        changed = False
        for kind, result, sent in zip(plan.kinds, results, plan.commands, strict=True):
            if isinstance(result, Err):
                self._refused(plan, command, kind, result)
                if kind == "book":
                    return
            elif kind == "book":
                report.imported += 1
                if isinstance(sent, ImportBook):
                    report.tagged += bool(sent.tags)
                    report.reviews += sent.review is not None
            elif kind in ADDED:
                report.count_added(kind)
                changed = True
        if plan.matched is not None:
            if changed:
                report.updated += 1
            else:
                report.unchanged += 1

    def _refused(self, plan: RowPlan, command: NewBook, kind: str, result: Err[Any]) -> None:
        if kind == "book" and result.error is BookRepositoryError.integrity_error:
            isbn = hyphenated_isbn(command.isbn)
            problem = RowProblem(plan.line, "isbn", "is already in the catalogue", isbn)
            self.report.skipped.append(problem)
        elif kind == "book" or result.error is not BookRepositoryError.not_found:
            label = "row" if kind == "book" else kind
            self.report.failed.append(RowProblem(plan.line, label, f"was refused: {result.error}"))

    def _progress(self, bytes_read: int) -> None:
        if self._on_progress is not None:
            progress = ImportProgress(self._rows, self.report.imported, bytes_read, self.books.size)
            self._on_progress(progress)


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


class _DryWriter:
    """A writer that writes nothing: every command would succeed (a dry run)."""

    async def submit(self, commands: Sequence[Command]) -> asyncio.Future[list[Any]]:
        """A resolved future of one ``Ok`` per command."""
        done: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        done.set_result([Ok(...)] * len(commands))
        return done


@asynccontextmanager
async def _dry_writer() -> AsyncIterator[BatchWriter]:
    yield _DryWriter()
