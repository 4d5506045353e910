"""``CatalogueBridge``: the GUI's door to the core for commands and events — commands run on
the qasync loop in their own transactions, outcomes and published events turned into Qt
signals. Its reads are in ``gui/bridge/reads.py``; the window imports both through the
package (``gui/bridge/__init__.py``, ``tests/bus/test_layers.py``), which keeps the names it
re-exports and the opening of the catalogue.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from core.bus import EventstreamDeliveryError, GenericCommand, Message
from core.domain.result import Err, Ok
from core.service.book_info import AbstractBookInformation
from core.service.catalogue import Catalogue
from core.service.errors import (
    CatalogueBusyError,
    CatalogueGoneError,
    CatalogueOfflineError,
    CatalogueReadOnlyError,
)
from core.service.events import LinkState
from core.tuning import ImportTuning
from gui.bridge.outcomes import failure_text, offline_text, refusal_text, signal_name
from gui.bridge.reads import CatalogueReads

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    """A user's change that committed: the commands asked for and the events published (what
    an undo must revert)."""

    commands: tuple[GenericCommand[Any], ...]
    events: tuple[Message[Any], ...]


class CatalogueBridge(QObject, CatalogueReads):
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

    def read[T](self, coroutine: Coroutine[Any, Any, T]) -> asyncio.Task[T] | None:
        """Run a read as :meth:`spawn` does, unless the bridge is closing: nothing would show
        its answer (a closing window's last paint, a signal after the close), so it is
        dropped (``None``)."""
        if self._closed:
            coroutine.close()
            return None
        return self.spawn(coroutine)

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
                self.command_failed.emit(command, failure_text(error))
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
            return failure_text(error)
        self.message_stored.emit()
        if isinstance(outcome.result, Err):
            command = next(iter(commands), None)
            return await self._explain(command, outcome.result.error)
        return Change(tuple(commands), tuple(outcome.events))

    async def _execute(self, command: GenericCommand[Any]) -> None:
        events: list[Message[Any]] = []
        try:
            outcome = await (await self.opened()).run(command)
            result, events = outcome.result, outcome.events
        except CatalogueOfflineError as error:
            log.warning("command %s failed: %s", type(command).__name__, error)
            self.command_failed.emit(command, offline_text(error))
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
        return await refusal_text(command, error, self.catalogue.views.book_by_isbn)

    def _on_event(self, event: Message[Any]) -> None:
        name = signal_name(event)
        if name is not None:
            getattr(self, name).emit(event)

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

    def submit_in_turn(self, commands: Sequence[GenericCommand[Any]]) -> asyncio.Task[None]:
        """Run ``commands`` one after the other, each in its own transaction, as
        :meth:`submit` does (e.g. a new member, then their review)."""

        async def in_turn() -> None:
            for command in commands:
                await self._execute(command)

        return self.spawn(in_turn())

    def stored(self) -> None:
        """Say that messages were stored outside :meth:`submit` (a fill, an import)."""
        self.message_stored.emit()

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
