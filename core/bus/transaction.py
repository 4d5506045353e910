"""A transaction of a unit of work: what ``async with uow`` yields to handlers.

It keeps the order a transaction must follow (begin, commit or roll back once, leave the block,
then publish what a commit produced), apart from the unit of work that opens it, which an
application subclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from .dependency import AsyncDependency
from .eventstream import EventstreamDeliveryError
from .lifecycle import (
    IN_PROGRESS,
    NO_END,
    NO_START,
    TransactionError,
    TransactionStatus,
    drain_seen,
    left_open_message,
)
from .messages import Message
from .observability import AbstractMetricsStore
from .repository import AsyncAbstractMessageStoreRepository, AsyncAbstractRepository

if TYPE_CHECKING:
    from .unit_of_work import AsyncAbstractUnitOfWork

log = logging.getLogger(__name__)

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
        uow = self.uow
        if type(uow).start_transaction is not NO_START:
            await uow.start_transaction()
        self._begin()
        return self

    def _check_can_begin(self) -> None:
        """Raise :class:`TransactionError` unless this transaction can begin."""
        if self.status is not TransactionStatus.running or self._ended:
            raise TransactionError(f"cannot enter a transaction that is {self.status.value}")
        if self.uow._transaction is not None:
            raise TransactionError(IN_PROGRESS)

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
            if self._close():
                await self.uow.messagestore.publish_eventstream()
        finally:
            uow = self.uow
            if type(uow).end_transaction is not NO_END:
                await uow.end_transaction()

    def exit(self, exc: BaseException | None) -> Coroutine[Any, Any, None]:
        """End the ``async with`` block; an exception rolls back uncommitted work. Returns
        what is left to await (``async with uow`` awaits what ``__aexit__`` returns).

        A block that ends normally, committed or rolled back, leaves the transaction closed.
        One that ends in an error (its own exception, or :class:`TransactionError` because it
        neither committed nor rolled back) leaves the status at how the transaction ended:
        ``rolledback``, or ``committed`` for work committed before the error.
        """
        uow = self.uow
        if (
            exc is None
            and self.status is TransactionStatus.committed
            and self._committed
            and not self._ended
            and type(uow).end_transaction is NO_END
        ):
            # The usual way out, without a coroutine of its own: only publishing is awaited.
            self._in_block = False
            try:
                publish = self._close()
            except BaseException:
                self._free()
                raise
            return uow.messagestore.publish_eventstream() if publish else _nothing()
        return self._exit(exc)

    async def _exit(self, exc: BaseException | None) -> None:
        self._in_block = False
        if self._ended:  # close() ran inside the block
            self._free()
            if exc is None:
                raise TransactionError(
                    "the transaction was closed inside its block; "
                    "close() finishes a detached transaction after its block"
                )
            return
        status = self.status
        if exc is None and status is TransactionStatus.streaming:
            return
        uow = self.uow
        try:
            if exc is None and self._committed and status is TransactionStatus.committed:
                if self._close():
                    await uow.messagestore.publish_eventstream()
            else:
                await self._end(exc, status)
        finally:
            if not self._ended:  # _end raised before finishing (a failed rollback)
                self._free()
            if type(uow).end_transaction is not NO_END:
                await uow.end_transaction()

    async def _end(self, exc: BaseException | None, status: TransactionStatus) -> None:
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
            raise TransactionError(left_open_message(status, self._committed))

    def _close(self) -> bool:
        """Finish a transaction committed in its block, which closes it; true when committed
        events wait to be published."""
        publish = self._finish()
        self.status = TransactionStatus.closed
        return publish

    def _outcome(self) -> TransactionStatus:
        return TransactionStatus.committed if self._committed else TransactionStatus.rolledback

    def _finish(self) -> bool:
        """End the transaction: report how it ended and let go of what it produced; true
        when committed events wait to be published."""
        committed, uow = self._committed, self.uow
        uow.metrics_store.inc_transaction_closed_count(
            TransactionStatus.committed if committed else TransactionStatus.rolledback
        )
        self._ended = True
        if not self._in_block and uow._transaction is self:
            uow._transaction = None
        if not committed:
            self._discard()
            return False
        # Committed models stay in ``seen`` until the next transaction begins: events a
        # handler raised outside the bus can still be collected after the block.
        repositories = self._repositories
        if repositories is None:
            repositories = self.bind_repositories()
        for repository in repositories:
            if repository.seen:
                uow._kept_seen = repositories
                break
        return bool(uow.messagestore.stream_buffer)

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
        """Drop what a transaction that was not committed produced."""
        drain_seen(self.bound_repositories())
        self.messagestore.discard_eventstream()

    def bound_repositories(self) -> list[AsyncAbstractRepository[Any]]:
        """The unit of work's repositories, bound to this transaction on first use."""
        repositories = self._repositories
        return self.bind_repositories() if repositories is None else repositories

    def bind_repositories(self) -> list[AsyncAbstractRepository[Any]]:
        """Read the unit of work's repositories once, and make them attributes of this
        transaction (``tx.books`` then costs no attribute forwarding); returns them."""
        uow, repositories = self.uow, []
        for name in uow.repository_names():
            repository = getattr(uow, name)
            setattr(self, name, repository)
            repositories.append(repository)
        self._repositories = repositories
        return repositories


async def _nothing() -> None:
    """Nothing left to await."""
