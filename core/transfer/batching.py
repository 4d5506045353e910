"""A file's rows in batches: read, validated (each valid row a ``RegisterBook`` or an
``ImportBook``) and planned (``planning``), in slices that yield to the event loop, while the
previous batch is written."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import ValidationError

from core.domain.messages import ImportBook, RegisterBook

from .csv_format import CsvFormatError, CsvRow
from .planning import Command, ImportPlanner, NewBook, RowPlan
from .report import RowProblem

_SLICE = 100
"""Rows validated between two yields to the event loop while a batch is written."""


class ProcessTuning(AbstractContextManager[object], Protocol):
    """The program's process tuning (``core.tuning.ImportTuning``), entered while an import
    runs and told when a batch is committed."""

    def between_batches(self) -> None:
        """A batch is committed: what it left may be collected."""


class NoTuning(nullcontext[None]):
    """The import of a program that tunes nothing."""

    def between_batches(self) -> None:
        """Nothing to do."""


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


def command_or_problem(row: CsvRow) -> NewBook | RowProblem:
    """The row's ``RegisterBook`` (``ImportBook`` when it has tags or a source id), or the
    first problem found validating it."""
    problem = _bad_text(row)
    if problem is not None:
        return problem
    try:
        if row.tags or row.source_id:
            return ImportBook(
                title=row.title,
                author=row.author,
                isbn=row.isbn,
                registered_at=row.registered_at,
                tags=list(row.tags),
                source=row.source,
                source_id=row.source_id,
            )
        if row.registered_at is None:  # keyword arguments only when needed: a hot path
            return RegisterBook(title=row.title, author=row.author, isbn=row.isbn)
        return RegisterBook(
            title=row.title, author=row.author, isbn=row.isbn, registered_at=row.registered_at
        )
    except ValidationError as error:
        return validation_problem(row, error)


@dataclass(slots=True)
class Batch:
    """A batch read, validated and planned: its valid rows (each with the command
    made from it), their plans, the commands of the plans in order, and its invalid rows."""

    first_line: int
    rows: int
    bytes_read: int
    valid: list[tuple[CsvRow, NewBook]] = field(default_factory=list)
    plans: list[RowPlan] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)
    failed: list[RowProblem] = field(default_factory=list)
    error: Exception | None = None
    """What stopped the validation (not a row's problem: a bug or a resource)."""

    @property
    def registrations(self) -> list[NewBook]:
        """The new-book command of each planned row, in order."""
        return [command for _, command in self.valid]


class Upcoming:
    """The next batch, prepared in slices: :meth:`prepare` yields to the loop between them
    (it runs while SQLite writes the previous batch); :meth:`take` finishes it."""

    def __init__(self, batches: Iterator[list[CsvRow]], planner: ImportPlanner) -> None:
        self._steps = self._prepare_steps(batches)
        self._planner = planner
        self._batch: Batch | None = None
        self._read_error: Exception | None = None
        self._planned = False

    async def prepare(self) -> None:
        """Read, validate and plan the batch, yielding to the event loop every few rows."""
        for _ in self._steps:
            await asyncio.sleep(0)
        await self._plan(polite=True)

    async def take(self) -> Batch | None:
        """The batch (``None`` at the end of the file); raises what reading it raised."""
        for _ in self._steps:
            pass
        if self._read_error is not None:
            raise self._read_error
        await self._plan(polite=False)
        return self._batch

    async def _plan(self, polite: bool) -> None:
        batch = self._batch
        if self._planned or batch is None or batch.error is not None:
            return
        self._planned = True
        try:
            found = await self._planner.match(batch.valid)
            for start in range(0, len(batch.valid), _SLICE):
                for row, command in batch.valid[start : start + _SLICE]:
                    plan = self._planner.plan(row, command, found)
                    batch.plans.append(plan)
                    batch.commands.extend(plan.commands)
                if polite:
                    await asyncio.sleep(0)
        except Exception as error:
            batch.error = error

    def _prepare_steps(self, batches: Iterator[list[CsvRow]]) -> Iterator[None]:
        try:
            rows = next(batches, None)
        except Exception as error:
            self._read_error = error
            return
        if not rows:
            return
        batch = self._batch = Batch(rows[0].line, len(rows), rows[-1].bytes_read)
        try:
            for start in range(0, len(rows), _SLICE):
                for row in rows[start : start + _SLICE]:
                    _add(batch, row)
                yield
        except Exception as error:
            batch.error = error


def _add(batch: Batch, row: CsvRow) -> None:
    made = command_or_problem(row)
    if isinstance(made, RowProblem):
        batch.failed.append(made)
    else:
        batch.valid.append((row, made))


def batches_of(rows: Iterator[CsvRow], size: int) -> Iterator[list[CsvRow]]:
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
