"""The ``Catalogue`` facade: run a command in its own transaction, a batch in one, read views.

It knows the bus, a unit-of-work factory, the views and the event feed — ports only; which
database is behind them is decided by ``core.bootstrap``. Writes take turns
(:class:`WriteTurns`), commands first, so that subscribers hear events in commit order and a
command from the form never waits behind the batches of an import.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from core.bus import (
    AsyncMessageBus,
    AsyncUnitOfWorkTransaction,
    EventstreamDeliveryError,
    Message,
)
from core.bus import GenericCommand as Command
from core.domain.result import Err

from .batches import BatchPipeline
from .errors import WriteConflictError
from .events import AbstractEventFeed, StatusSubscriber, Subscriber
from .uow import AbstractCatalogueUnitOfWork
from .views import AbstractCatalogueViews
from .write_turns import WriteTurns

type Transaction = AsyncUnitOfWorkTransaction[AbstractCatalogueUnitOfWork]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What running a command did: its handler's result, and the events its committed
    transaction published (in order)."""

    result: Any
    events: list[Message[Any]]


type Translate = Callable[[BaseException], BaseException | None]
"""Turns a storage error into the service error to raise instead (``core.service.errors``),
or ``None`` to let it through."""

CONFLICT_ATTEMPTS = 3
"""How many times a command runs when its commit conflicts with another program's change."""
HANDLE_SLICE = 100
"""Commands of a batch handled between two yields to the event loop (a few ms: the window
repaints, and a command typed meanwhile goes first)."""


class Catalogue:
    """An open catalogue. Built by ``core.bootstrap.open_catalogue``.

    ``execute`` runs one command in its own transaction; ``execute_many`` several in one
    (each refused command undone alone); ``batches()`` pipelines the batches of an import.
    ``views`` reads what the screens show; ``subscribe`` hears committed events.
    """

    def __init__(
        self,
        bus: AsyncMessageBus[Any],
        new_uow: Callable[[], AbstractCatalogueUnitOfWork],
        views: AbstractCatalogueViews,
        feed: AbstractEventFeed,
        translate: Translate,
        description: str,
    ) -> None:
        self.bus = bus
        self.new_uow = new_uow
        self.views = views
        self.feed = feed
        self.description = description
        """Where the catalogue is, for people (a file path, or a URL with the password
        masked)."""
        self._translate = translate
        self.turns = WriteTurns()

    @property
    def shared(self) -> bool:
        """Whether other desktops write to this catalogue too (PostgreSQL)."""
        return self.feed.shared

    @property
    def online(self) -> bool:
        """Whether other desktops' events arrive live (always true for a local file)."""
        return self.feed.online

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback`` with each committed event, in commit order; the returned
        function unsubscribes it."""
        return self.feed.subscribe(callback)

    def subscribe_status(self, callback: StatusSubscriber) -> Callable[[], None]:
        """Call ``callback`` with each change of the feed's connection state."""
        return self.feed.subscribe_status(callback)

    async def aclose(self) -> None:
        """Stop hearing other desktops."""
        await self.feed.aclose()

    async def execute(self, command: Command[Any]) -> Any:
        """Run ``command`` in its own transaction and return its handler's result.

        Commits unless the result is an ``Err``, which rolls back; an exception rolls back and
        propagates, translated into ``core.service.errors`` when it is the storage's (busy,
        offline...). A commit that conflicts with another program's change (``WriteConflictError``:
        the command was decided on what that change made stale) runs the command again. A
        committed transaction whose events could not be delivered raises
        ``EventstreamDeliveryError``: the data stays committed.
        """
        return (await self.run(command)).result

    async def run(self, command: Command[Any]) -> Outcome:
        """:meth:`execute`, also telling which events the committed transaction published
        (none when it rolled back): what an undo of it must revert."""
        async with self.turns.turn(urgent=True):
            for _ in range(CONFLICT_ATTEMPTS - 1):
                with contextlib.suppress(WriteConflictError):
                    return await self._run(command)
            return await self._run(command)

    async def _run(self, command: Command[Any]) -> Outcome:
        events: list[Message[Any]] = []
        with self.translating():
            async with self.new_uow() as tx:
                result = await self.bus.handle(command, tx)
                if isinstance(result, Err):
                    await tx.rollback()
                else:
                    events = list(tx.uow.messagestore.stream_buffer)
                    await tx.commit()
        return Outcome(result, events)

    async def execute_many(
        self, commands: Sequence[Command[Any]], urgent: bool = True
    ) -> list[Any]:
        """Run several commands in ONE transaction and return their results, in order.

        A command whose result is an ``Err`` is undone alone (its writes, stored messages and
        events), the others are kept. An exception rolls the whole transaction back.
        """
        return (await self.run_many(commands, urgent)).result  # type: ignore[no-any-return]

    async def run_many(self, commands: Sequence[Command[Any]], urgent: bool = True) -> Outcome:
        """:meth:`execute_many`, also telling which events the transaction published; the
        result is the list of the commands' results."""
        async with self.turns.turn(urgent=urgent):
            with self.translating():
                async with self.new_uow() as tx:
                    results = await self.handle_steps(commands, tx)
                    events = list(tx.uow.messagestore.stream_buffer)
                    await tx.commit()
        return Outcome(results, events)

    def batches(self, on_wait: Callable[[], None] | None = None) -> BatchPipeline:
        """A pipeline of batches for an import (see :class:`BatchPipeline`); ``on_wait`` is
        told when a batch waits for another program's write lock."""
        return BatchPipeline(self, on_wait)

    async def handle_steps(
        self, commands: Sequence[Command[Any]], tx: Transaction, polite: bool = False
    ) -> list[Any]:
        """Handle each command as one step of ``tx``: an ``Err`` undoes that step alone.

        Yields to the event loop every ``HANDLE_SLICE`` commands; ``polite`` (only for work
        that holds no turn) also waits meanwhile for the users' commands to be done.
        """
        results: list[Any] = []
        handle, uow = self.bus.handle, tx.uow
        for number, command in enumerate(commands):
            if number and not number % HANDLE_SLICE:
                await asyncio.sleep(0)
                if polite:
                    await self.turns.until_calm()
            step = await uow.begin_step()
            result = await handle(command, tx)
            await (step.undo() if isinstance(result, Err) else step.keep())
            results.append(result)
        return results

    def translated(self, error: BaseException) -> BaseException:
        """The service error for a storage error (or the error itself)."""
        return self._translate(error) or error

    @contextlib.contextmanager
    def translating(self) -> Iterator[None]:
        """Raise storage errors of the block as the service errors they mean (a delivery
        failure after commit passes as it is: the data is committed)."""
        try:
            yield
        except EventstreamDeliveryError:
            raise
        except Exception as error:
            raise self.translated(error) from error
