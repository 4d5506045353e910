"""Batches of an import, pipelined: while one batch is committed, the next is handled.

Each batch is one transaction of the catalogue's unit of work, told beforehand which books it
will add (one look-up for the batch, ``expect``) so that each registration is decided without
a query and written with the others at commit. Batches commit and publish in the order they
were submitted; none is written after one that failed. If committing a batch conflicts with
another program's change (it took an ISBN meanwhile), that batch runs again command by command.

Another program writing to the same file (a second import, say) may hold the write lock for
longer than one busy timeout: it commits its batches back to back, and SQLite's waiting is not
fair. A batch refused as busy wrote nothing, so it is handled and written again, for up to
:data:`BUSY_PATIENCE_S` in all, and ``on_wait`` is told; two imports into one file both finish.
A batch whose connection to a shared catalogue's server was lost (the server ended it, the
network failed) is tried once more, on a fresh connection; lost again, the import stops.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from core.bus import GenericCommand as Command
from core.domain.messages import ImportBook, RegisterBook, RegisterBookV2
from core.domain.model import BookId

from .errors import CatalogueBusyError, CatalogueOfflineError, WriteConflictError

if TYPE_CHECKING:
    from .catalogue import Catalogue

type BookKeys = list[tuple[BookId, str]]

BUSY_PATIENCE_S = 300.0
"""How long a batch keeps trying while another program holds the write lock (each try waits
for the busy timeout); then the import stops with "the catalogue is busy"."""


class EarlierBatchFailedError(RuntimeError):
    """A batch was not written because a batch submitted before it failed."""

    def __init__(self) -> None:
        super().__init__("not written: an earlier batch failed")


def new_books(commands: Sequence[Command[Any]]) -> BookKeys:
    """The (id, ISBN) of the books the commands register."""
    new = (RegisterBook, RegisterBookV2, ImportBook)  # a tuple: checked faster than a union
    return [(c.id, c.isbn) for c in commands if isinstance(c, new)]


class BatchPipeline:
    """Submit batches one after the other; use it as an async context manager (leaving waits
    for every batch submitted).

    :meth:`submit` returns once the batch is handled, with a future of its results that
    resolves once it is committed and its events are published.
    """

    def __init__(self, catalogue: Catalogue, on_wait: Callable[[], None] | None = None) -> None:
        self._catalogue = catalogue
        self._on_wait = on_wait
        """Told each time a batch found the catalogue busy and will be tried again."""
        self._batches: list[asyncio.Task[list[Any]]] = []
        self._unwritten: list[BookKeys] = []
        """The new books of the batches submitted and not yet committed."""
        self._submitting = asyncio.Lock()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        batches, self._batches = self._batches, []
        if batches:
            await asyncio.wait(batches)  # their outcomes went to whoever submitted them

    async def submit(self, commands: Sequence[Command[Any]]) -> asyncio.Future[list[Any]]:
        """Handle ``commands``; the future of their results (one each, in order).

        A refused command (``Err``) is undone alone. The future raises if the batch could not
        be written, and then no later batch is written (:class:`EarlierBatchFailedError`).
        Cancelling the future does not stop the batch. Calls run one at a time.
        """
        async with self._submitting:
            previous = self._batches[-1] if self._batches else None
            if previous is not None and _failed(previous):
                raise EarlierBatchFailedError
            batch = _Batch(
                commands,
                keys=new_books(commands),
                pending=[key for keys in self._unwritten for key in keys],
                previous=previous,
                handled=asyncio.get_running_loop().create_future(),
            )
            task = asyncio.ensure_future(self._run(batch))
            self._unwritten.append(batch.keys)
            task.add_done_callback(lambda _: self._unwritten.remove(batch.keys))
            self._batches.append(task)
            either: list[asyncio.Future[Any]] = [batch.handled, task]
            await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
            return asyncio.shield(task)

    async def _run(self, batch: _Batch) -> list[Any]:
        catalogue = self._catalogue
        loop = asyncio.get_running_loop()
        give_up = loop.time() + BUSY_PATIENCE_S
        reconnected = False
        while True:
            try:
                with catalogue.translating():
                    return await self._write(batch)
            except WriteConflictError:
                # Another program took one of its books meanwhile: decide each command again.
                return await catalogue.execute_many(batch.commands, urgent=False)
            except CatalogueBusyError:
                if loop.time() >= give_up:
                    raise
                if self._on_wait is not None:
                    self._on_wait()
            except CatalogueOfflineError:
                if reconnected:
                    raise
                reconnected = True  # the pool replaces the lost connection

    async def _write(self, batch: _Batch) -> list[Any]:
        catalogue = self._catalogue
        turn = False
        try:
            async with catalogue.new_uow() as tx:
                await tx.uow.books.expect(batch.keys, batch.pending)
                results = await catalogue.handle_steps(batch.commands, tx, polite=True)
                if not batch.handled.done():  # handled again after a busy catalogue
                    batch.handled.set_result(None)
                if batch.previous is not None:
                    await asyncio.wait([batch.previous])
                    if _failed(batch.previous):
                        raise EarlierBatchFailedError
                await catalogue.turns.acquire(urgent=False)
                turn = True
                await tx.commit()
            # Published when the block ended, still in our turn: events go out in commit order.
        finally:
            if turn:
                catalogue.turns.release(urgent=False)
        return results


@dataclass(slots=True)
class _Batch:
    """A batch submitted: its commands, the books they add, the books of the batches still
    being written before it, the batch before it, and when it is handled."""

    commands: Sequence[Command[Any]]
    keys: BookKeys
    pending: BookKeys
    previous: asyncio.Future[Any] | None
    handled: asyncio.Future[None]


def _failed(batch: asyncio.Future[Any]) -> bool:
    return batch.done() and (batch.cancelled() or batch.exception() is not None)
