"""A transaction of a unit of work: what ``async with uow`` yields to handlers.

It keeps the order a transaction must follow (begin, commit or roll back once, leave the block,
then publish what a commit produced), apart from the unit of work that opens it, which an
application subclasses.
"""

from __future__ import annotations

import enum
import logging
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from .dependency import AsyncDependency
from .eventstream import EventstreamDeliveryError
from .messages import Message
from .observability import AbstractMetricsStore
from .repository import AsyncAbstractMessageStoreRepository, AsyncAbstractRepository

if TYPE_CHECKING:
    from .unit_of_work import AsyncAbstractUnitOfWork

log = logging.getLogger(__name__)


class TransactionError(RuntimeError):
    """A transaction was used out of order (commit twice, no commit, nested use...)."""


class TransactionStatus(enum.Enum):
    """Where a transaction is in its life."""

    running = "running"
    rolledback = "rolledback"
    committed = "committed"
    streaming = "streaming"
    closed = "closed"


def drain_seen(repositories: list[AsyncAbstractRepository[Any]]) -> list[Message[Any]]:
    """Take, in order, the messages raised by the models the repositories have seen."""
    collected: list[Message[Any]] = []
    for repo in repositories:
        seen = repo.seen
        if seen:
            for model in seen:
                if model.messages:
                    collected.extend(model.messages)
                    model.messages.clear()
            seen.clear()
    return collected


TAsyncUow = TypeVar("TAsyncUow", bound="AsyncAbstractUnitOfWork[Any, Any, Any]")


class AsyncUnitOfWorkTransaction(Generic[TAsyncUow]):
    """The object ``async with uow`` yields: handlers receive it and reach repositories
    through it (``tx.books``); other attributes are read from the unit of work.

    The bus binds the unit of work's repositories to the transaction when it first handles a
    message in it, so handlers reach them as plain attributes.
    """

    def __init__(self, uow: TAsyncUow) -> None:
        self.uow = uow
        self.status = TransactionStatus.running
        self._committed = False
        self._rolled_back = False
        self._ended = False  # committed or rolled back, reported, and what it produced let go
        self._in_block = False  # between entering and leaving its ``async with`` block
        self._hooks: list[AsyncDependency] = []
        self._repositories: list[AsyncAbstractRepository[Any]] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.uow, name)

    async def __aenter__(self) -> Self:
        """Begin the transaction, as ``async with uow`` does for the transaction it creates.

        Raises :class:`TransactionError` unless this transaction is running and its unit of
        work has no other transaction in progress.
        """
        self._check_can_begin()
        await self.uow.start_transaction()
        self._begin()
        return self

    def _check_can_begin(self) -> None:
        """Raise :class:`TransactionError` unless this transaction can begin."""
        if self.status is not TransactionStatus.running or self._ended:
            raise TransactionError(f"cannot enter a transaction that is {self.status.value}")
        if self.uow._transaction is not None:
            raise TransactionError(
                "this unit of work already has a transaction in progress; "
                "use one unit of work per concurrent task"
            )

    def _begin(self) -> None:
        """Make this the unit of work's transaction (once its resources are open); the models
        a committed transaction left in the repositories' ``seen`` lists are dropped now."""
        uow = self.uow
        kept = uow._kept_seen
        if kept:
            uow._kept_seen = ()
            for repository in kept:
                repository.seen.clear()
        uow._transaction = self
        self._in_block = True
        uow.metrics_store.inc_beginned_transaction_count()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.exit(exc)

    @property
    def messagestore(self) -> AsyncAbstractMessageStoreRepository:
        """The unit of work's message store."""
        return self.uow.messagestore  # type: ignore[no-any-return]

    @property
    def metrics_store(self) -> AbstractMetricsStore:
        """The unit of work's metrics store."""
        return self.uow.metrics_store  # type: ignore[no-any-return]

    def add_listener(self, listener: AsyncDependency) -> AsyncDependency:
        """Tell ``listener`` how this transaction ends."""
        self._hooks.append(listener)
        return listener

    def collect_new_messages(self) -> list[Message[Any]]:
        """Drain, in order, the messages raised by models the repositories have seen."""
        return drain_seen(self.bound_repositories())

    async def commit(self) -> None:
        """Commit the unit of work; then the after-commit hooks run.

        Raises :class:`TransactionError` unless the transaction is running.
        """
        if self.status is not TransactionStatus.running:
            raise TransactionError(f"cannot commit a transaction that is {self.status.value}")
        await self.uow.commit()
        self.status = TransactionStatus.committed
        self._committed = True
        for hook in self._hooks:
            await hook.on_after_commit()

    async def rollback(self) -> None:
        """Roll back and discard everything the transaction produced; a second call does nothing.

        Raises :class:`TransactionError` if the transaction was committed or has ended.
        """
        if self._committed or self._ended:
            raise TransactionError(f"cannot roll back a transaction that is {self.status.value}")
        if not self._rolled_back:
            await self._rollback()

    async def _rollback(self) -> None:
        self._rolled_back = True
        try:
            await self.uow.rollback()
        finally:
            self._discard()
            self.status = TransactionStatus.rolledback
        for hook in self._hooks:
            await hook.on_after_rollback()

    async def detach(self) -> None:
        """Leave the ``async with`` block open-ended; finish later with :meth:`close`."""
        self.status = TransactionStatus.streaming

    async def close(self) -> None:
        """Finish a detached transaction: roll back unless it was committed, then close.

        It belongs after the block: called inside it, the block's exit raises
        :class:`TransactionError` (as in messagebus), though the transaction is finished.
        """
        if self._ended:
            raise TransactionError("the transaction is already closed")
        if not self._committed:
            await self.rollback()
        try:
            publish = self._finish()
            self.status = TransactionStatus.closed
            if publish:
                await self._publish(quiet=False)
        finally:
            await self.uow.end_transaction()

    async def exit(self, exc: BaseException | None) -> None:
        """End the ``async with`` block; an exception rolls back uncommitted work.

        A block that ends normally, committed or rolled back, leaves the transaction closed.
        One that ends in an error (its own exception, or :class:`TransactionError` because it
        neither committed nor rolled back) leaves the status at how the transaction ended:
        ``rolledback``, or ``committed`` for work committed before the error.
        """
        self._in_block = False
        if self._ended:  # close() ran inside the block
            self._free()
            if exc is None:
                raise TransactionError(
                    "the transaction was closed inside its block; "
                    "close() finishes a detached transaction after its block"
                )
            return
        if exc is None and self.status is TransactionStatus.streaming:
            return
        try:
            await self._end(exc)
        finally:
            if not self._ended:  # _end raised before finishing (a failed rollback)
                self._free()
            await self.uow.end_transaction()

    async def _end(self, exc: BaseException | None) -> None:
        status = self.status
        if exc is None and self._committed and status is TransactionStatus.committed:
            publish = self._finish()  # the usual way out
            self.status = TransactionStatus.closed
            if publish:
                await self.uow.messagestore.publish_eventstream()
            return
        if exc is not None:
            self.metrics_store.inc_transaction_failed()
        left_open = exc is None and not (
            self._rolled_back and status is TransactionStatus.rolledback
        )
        if not (self._committed or self._rolled_back):
            await self._rollback()
        publish = self._finish()
        failed = exc is not None or left_open
        self.status = self._outcome() if failed else TransactionStatus.closed
        if publish:
            await self._publish(quiet=failed)
        if left_open:
            raise TransactionError(_left_open(status, self._committed))

    def _outcome(self) -> TransactionStatus:
        return TransactionStatus.committed if self._committed else TransactionStatus.rolledback

    def _finish(self) -> bool:
        """End the transaction: report how it ended and let go of what it produced; true
        when committed events wait to be published."""
        committed = self._committed
        self.metrics_store.inc_transaction_closed_count(
            TransactionStatus.committed if committed else TransactionStatus.rolledback
        )
        self._ended = True
        uow = self.uow
        if not self._in_block and uow._transaction is self:
            uow._transaction = None
        self._discard()
        return committed and bool(self.uow.messagestore.stream_buffer)

    def _free(self) -> None:
        """Let the unit of work begin its next transaction."""
        if self.uow._transaction is self:
            self.uow._transaction = None

    async def _publish(self, quiet: bool) -> None:
        try:
            await self.uow.messagestore.publish_eventstream()
        except EventstreamDeliveryError:
            if not quiet:
                raise

    def _discard(self) -> None:
        repositories = self.bound_repositories()
        if self._committed:
            # Committed models stay in ``seen`` until the next transaction begins: events a
            # handler raised outside the bus can still be collected after the block.
            for repository in repositories:
                if repository.seen:
                    self.uow._kept_seen = repositories
                    break
        else:
            drain_seen(repositories)
            self.messagestore.discard_eventstream()

    def bound_repositories(self) -> list[AsyncAbstractRepository[Any]]:
        """The unit of work's repositories, bound to this transaction on first use."""
        if self._repositories is None:
            self.bind_repositories()
        return self._repositories  # type: ignore[return-value]

    def bind_repositories(self) -> None:
        """Read the unit of work's repositories once, and make them attributes of this
        transaction (``tx.books`` then costs no attribute forwarding)."""
        uow, repositories = self.uow, []
        for name in uow.repository_names():
            repository = getattr(uow, name)
            setattr(self, name, repository)
            repositories.append(repository)
        self._repositories = repositories


def _left_open(status: TransactionStatus, committed: bool) -> str:
    if status is TransactionStatus.running:
        return "the transaction block ended without commit() or rollback(); it was rolled back"
    outcome = "its committed work stays" if committed else "it was rolled back"
    return f"the transaction block ended with its status set to {status.value}; {outcome}"
