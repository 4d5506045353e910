"""Importing a CSV file of books: every row a ``RegisterBook`` through the bus, in batches.

A batch is one transaction: it is committed whole or not at all. Rows that fail validation
or repeat an ISBN are reported (line, field, reason) and the others are imported. The work
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
from collections.abc import Callable, Iterator, Sequence
from contextlib import (
    AbstractAsyncContextManager,
    AbstractContextManager,
    AsyncExitStack,
    nullcontext,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from core.domain.isbn import hyphenated_isbn
from core.domain.messages import RegisterBook
from core.domain.result import Err
from core.service.repositories import BookRepositoryError

from .csv_format import CsvBooks, CsvFormatError, CsvRow, atomic_text_file

BATCH_SIZE = 2000
"""Rows per transaction: SQLite's cost per row (FTS5 flush, commit, checkpoint) falls with
the batch's size (≈35 µs at 1,000, ≈25 µs at 2,000, ≈20 µs at 4,000); the bus, the
validation and the publishing yield to the event loop every few hundred rows, but a larger
batch made the window's longest repaint gap worse (4,000: 126 to 147 ms against ≈105 ms)."""
INTERACTIVE_BATCH_SIZE = 1000
"""Rows per transaction when someone may use the catalogue meanwhile (the window): a command
from the form waits at most for the batch being committed (measured at 100,000 rows: worst
360 ms with 2,000-row batches, 140 ms with 1,000), for about a fifth of the import's speed."""
IN_FLIGHT = 2
"""Batches submitted and not yet recorded: one committing while the next is handled. A cancel
request stops the import before the next batch is submitted: the batch being written when it
came is committed and counted too."""

LABELS = {"title": "Title", "author": "Author", "isbn": "ISBN", "row": "Row"}

_SLICE = 100
"""Rows validated between two yields to the event loop while a batch is written."""


class BatchWriter(Protocol):
    """Runs batches of commands through the bus, one transaction each, committed in the
    order submitted (``core.service.batches.BatchPipeline``)."""

    async def submit(self, commands: Sequence[RegisterBook]) -> asyncio.Future[list[Any]]:
        """Handle ``commands``; the future of their results (one each, in order), which
        resolves once the batch is committed, or raises why it could not be."""
        ...


type OpenWriter = Callable[[], AbstractAsyncContextManager[BatchWriter]]
"""Opens a :class:`BatchWriter` for one import; leaving it waits for the batches submitted."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was not imported: where, which field, why, and the value it had."""

    line: int
    field: str
    reason: str
    value: str = ""

    def text(self) -> str:
        """``line 12: ISBN "123" must have 10 or 13 digits``."""
        shown = f' "{self.value}"' if self.value else ""
        return f"line {self.line}: {LABELS.get(self.field, self.field)}{shown} {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """How far an import is: rows read, books imported, bytes read of the file's size."""

    rows: int
    imported: int
    bytes_read: int
    size: int

    @property
    def fraction(self) -> float:
        """Between 0 and 1."""
        return min(1.0, self.bytes_read / self.size) if self.size else 1.0


@dataclass(slots=True)
class ImportReport:
    """What an import did. ``skipped`` rows repeat an ISBN; ``failed`` rows are invalid."""

    imported: int = 0
    skipped: list[RowProblem] = field(default_factory=list)
    failed: list[RowProblem] = field(default_factory=list)
    cancelled: bool = False
    error: str = ""
    """Why the import stopped early (e.g. the database failed); batches before it are kept."""

    @property
    def complete(self) -> bool:
        """Every row was imported: nothing skipped, failed, cancelled or stopped."""
        return not (self.skipped or self.failed or self.cancelled or self.error)

    def summary(self) -> str:
        """One sentence: imported / skipped / failed, and cancel or stop."""
        text = (
            f"{self.imported:,} imported, {len(self.skipped):,} skipped (already registered), "
            f"{len(self.failed):,} failed (invalid)"
        )
        if self.cancelled:
            text += f"; cancelled: the {self.imported:,} books of committed batches are kept"
        if self.error:
            text += f"; stopped: {self.error}"
        return text

    def as_text(self) -> str:
        """The summary, then one line per skipped or failed row, in file order."""
        problems = sorted([*self.skipped, *self.failed], key=lambda problem: problem.line)
        return "\n".join([self.summary(), *(problem.text() for problem in problems)]) + "\n"


def save_report(report: ImportReport, path: Path) -> None:
    """Write the report's text to ``path`` atomically (UTF-8); ``OSError`` if it cannot."""
    with atomic_text_file(path, encoding="utf-8") as stream:
        stream.write(report.as_text())


def validation_problem(row: CsvRow, error: ValidationError) -> RowProblem:
    """The first problem of a row's validation, naming the field."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "row"
    reason = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        reason = "is required"
    value = {"title": row.title, "author": row.author, "isbn": row.isbn}.get(name, "")
    return RowProblem(row.line, name, reason, value[:80])


def _bad_text(row: CsvRow) -> RowProblem | None:
    if row.title.isascii() and row.author.isascii() and row.isbn.isascii():
        return None  # the usual case: ASCII text is UTF-8
    for name, text in (("title", row.title), ("author", row.author), ("isbn", row.isbn)):
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                return RowProblem(row.line, name, "is not UTF-8 text")
    return None


class CsvImport:
    """One import of ``books`` through a :class:`BatchWriter`; :meth:`run` it once,
    :meth:`cancel` it from anywhere on the loop. ``on_progress`` is called after each
    committed batch; ``tuning`` (the program's ``core.tuning.ImportTuning``, if it wants one)
    is entered while the import runs."""

    def __init__(
        self,
        books: CsvBooks,
        open_writer: OpenWriter,
        on_progress: Callable[[ImportProgress], None] | None = None,
        batch_size: int = BATCH_SIZE,
        tuning: AbstractContextManager[object] | None = None,
    ) -> None:
        self.books = books
        self._tuning = tuning or nullcontext()
        self.report = ImportReport()
        self._open_writer = open_writer
        self._on_progress = on_progress
        self._batch_size = batch_size
        self._cancelled = False
        self._rows = 0
        self._first_line: dict[str, int] = {}
        self._stopped_at: int | None = None

    def cancel(self) -> None:
        """Stop before the next batch; the batches already handled are committed."""
        self._cancelled = True

    async def run(self) -> ImportReport:
        """Import every row; raises ``CsvFormatError`` if the header is unusable."""
        try:
            rows = self.books.rows()
            first = next(rows, None)  # reads the header: a bad file fails before any batch
            batches = _batches(itertools.chain([first] if first else [], rows), self._batch_size)
            async with AsyncExitStack() as stack:
                stack.enter_context(self._tuning)
                try:
                    writer = await stack.enter_async_context(self._open_writer())
                except Exception as error:  # the database cannot be written: nothing is
                    self.report.error = f"nothing imported: {_reason(error)}"
                    return self.report
                await self._run(batches, writer)
        finally:
            self.books.close()
        return self.report

    async def _run(self, batches: Iterator[list[CsvRow]], writer: BatchWriter) -> None:
        submitted: deque[tuple[_Batch, asyncio.Future[list[Any]]]] = deque()
        try:
            upcoming = _Upcoming(batches)
            while True:
                try:
                    batch = upcoming.take()
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
                upcoming = _Upcoming(batches)
                try:
                    if batch.error is not None:
                        raise batch.error
                    committed = await writer.submit(batch.commands)
                except Exception as error:  # the database failed: keep what is done
                    self._stop(batch, error)
                    break
                submitted.append((batch, committed))
                if committed.done() and (committed.cancelled() or committed.exception()):
                    break  # it failed while handled: no later batch may be written
                # The next batch is read and validated while SQLite writes this one.
                await upcoming.prepare()
                if len(submitted) == IN_FLIGHT and not await self._committed(*submitted.popleft()):
                    return
        finally:
            while submitted:
                await self._committed(*submitted.popleft())

    async def _committed(self, batch: _Batch, results: asyncio.Future[list[Any]]) -> bool:
        """Record a submitted batch once committed; false if it failed (the import stops)."""
        try:
            done = await results
        except Exception as error:  # the database failed: later batches are not written
            self._stop(batch, error)
            return False
        for line, command, result in zip(batch.lines, batch.commands, done, strict=True):
            self._record(line, command, result)
        self._progress(batch.bytes_read)
        await asyncio.sleep(0)  # let the window repaint between batches
        return True

    def _stop_reading(self, error: CsvFormatError) -> None:
        """Say that the rest of the file could not be read (unless a batch failed before)."""
        if self._stopped_at is None:
            self._stopped_at = sys.maxsize  # a failed batch before it says more
            self.report.error = f"{error}; the rest of the file was not read"

    def _stop(self, batch: _Batch, error: Exception) -> None:
        """Say where the import stopped: at the first batch that failed."""
        if self._stopped_at is None or batch.first_line < self._stopped_at:
            self._stopped_at = batch.first_line
            self.report.error = f"line {batch.first_line} onwards not imported: {_reason(error)}"

    def _record(self, line: int, command: RegisterBook, result: object) -> None:
        if not isinstance(result, Err):
            self.report.imported += 1
            self._first_line.setdefault(command.isbn, line)
            return
        isbn = hyphenated_isbn(command.isbn)
        earlier = self._first_line.get(command.isbn)
        if result.error is not BookRepositoryError.integrity_error:
            self.report.failed.append(RowProblem(line, "row", f"was refused: {result.error}"))
        elif earlier is not None:
            self.report.skipped.append(RowProblem(line, "isbn", f"repeats line {earlier}", isbn))
        else:
            self.report.skipped.append(
                RowProblem(line, "isbn", "is already in the catalogue", isbn)
            )

    def _progress(self, bytes_read: int) -> None:
        if self._on_progress is not None:
            progress = ImportProgress(self._rows, self.report.imported, bytes_read, self.books.size)
            self._on_progress(progress)


def _reason(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def command_or_problem(row: CsvRow) -> RegisterBook | RowProblem:
    """The row's ``RegisterBook``, or the first problem found validating it."""
    problem = _bad_text(row)
    if problem is not None:
        return problem
    try:
        if row.registered_at is None:  # keyword arguments only when needed: a hot path
            return RegisterBook(title=row.title, author=row.author, isbn=row.isbn)
        return RegisterBook(
            title=row.title, author=row.author, isbn=row.isbn, registered_at=row.registered_at
        )
    except ValidationError as error:
        return validation_problem(row, error)


@dataclass(slots=True)
class _Batch:
    """A batch read and validated: its commands (and their lines) and its invalid rows."""

    first_line: int
    rows: int
    bytes_read: int
    lines: list[int] = field(default_factory=list)
    commands: list[RegisterBook] = field(default_factory=list)
    failed: list[RowProblem] = field(default_factory=list)
    error: Exception | None = None
    """What stopped the validation (not a row's problem: a bug or a resource)."""


class _Upcoming:
    """The next batch, prepared in slices: :meth:`prepare` yields to the loop between them
    (it runs while SQLite writes the previous batch); :meth:`take` finishes it."""

    def __init__(self, batches: Iterator[list[CsvRow]]) -> None:
        self._steps = self._prepare_steps(batches)
        self._batch: _Batch | None = None
        self._read_error: Exception | None = None

    async def prepare(self) -> None:
        """Read and validate the batch, yielding to the event loop every few rows."""
        for _ in self._steps:
            await asyncio.sleep(0)

    def take(self) -> _Batch | None:
        """The batch (``None`` at the end of the file); raises what reading it raised."""
        for _ in self._steps:
            pass
        if self._read_error is not None:
            raise self._read_error
        return self._batch

    def _prepare_steps(self, batches: Iterator[list[CsvRow]]) -> Iterator[None]:
        try:
            rows = next(batches, None)
        except Exception as error:
            self._read_error = error
            return
        if not rows:
            return
        batch = self._batch = _Batch(rows[0].line, len(rows), rows[-1].bytes_read)
        try:
            for start in range(0, len(rows), _SLICE):
                for row in rows[start : start + _SLICE]:
                    _add(batch, row)
                yield
        except Exception as error:
            batch.error = error


def _add(batch: _Batch, row: CsvRow) -> None:
    made = command_or_problem(row)
    if isinstance(made, RowProblem):
        batch.failed.append(made)
    else:
        batch.lines.append(row.line)
        batch.commands.append(made)


def _batches(rows: Iterator[CsvRow], size: int) -> Iterator[list[CsvRow]]:
    """Lists of ``size`` rows (the last one shorter); when reading fails, the rows read
    before the failure come as a batch first, then the error."""
    batch: list[CsvRow] = []
    try:
        for row in rows:
            batch.append(row)
            if len(batch) == size:
                yield batch
                batch = []
    except CsvFormatError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch
