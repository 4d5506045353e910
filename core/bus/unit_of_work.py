"""Units of work.

``async with uow as tx:`` opens a transaction; the block must end with ``await tx.commit()`` or
``await tx.rollback()``. Published events leave only after a commit, when the block exits.
The transaction itself lives in :mod:`.transaction`.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Coroutine, Iterator, Sequence
from types import TracebackType
from typing import Any, Generic, Self, TypeVar, overload

from .lifecycle import (
    IN_PROGRESS,
    NO_START,
    TransactionError,
    TransactionHooks,
    TransactionStatus,
    drain_seen,
)
from .messages import Message
from .observability import AbstractMetricsStore, SinkholeMetricsStore
from .repository import (
    AsyncAbstractMessageStoreRepository,
    AsyncAbstractRepository,
    AsyncSinkholeMessageStoreRepository,
)
from .transaction import AsyncUnitOfWorkTransaction, TAsyncUow

__all__ = [
    "AsyncAbstractUnitOfWork",
    "AsyncUnitOfWorkTransaction",
    "TAsyncUow",
    "TransactionError",
    "TransactionStatus",
    "drain_seen",
]

T = TypeVar("T")
TRepositories = TypeVar("TRepositories", bound=AsyncAbstractRepository[Any], covariant=True)
TAsyncMessageStore = TypeVar("TAsyncMessageStore", bound=AsyncAbstractMessageStoreRepository)
TMetricsStore = TypeVar("TMetricsStore", bound=AbstractMetricsStore)


class _PerInstance(Generic[T]):
    """A class-level default that gives each instance its own value, made on first use."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> T | Self:
        if instance is None:
            return self
        value = self._factory()
        instance.__dict__[self._name] = value
        return value


class AsyncAbstractUnitOfWork(
    TransactionHooks, abc.ABC, Generic[TRepositories, TAsyncMessageStore, TMetricsStore]
):
    """A business transaction over some repositories.

    Subclass it, declare the repositories as instance attributes and implement :meth:`commit`
    and :meth:`rollback`; override :meth:`start_transaction` and :meth:`end_transaction` to
    open and release a transaction's resources. Each instance has its own ``messagestore``
    and ``metrics_store`` (sinkholes unless assigned). One transaction at a time per instance.
    """

    messagestore: TAsyncMessageStore = _PerInstance(AsyncSinkholeMessageStoreRepository)  # type: ignore[assignment]
    metrics_store: TMetricsStore = _PerInstance(SinkholeMetricsStore)  # type: ignore[assignment]
    _transaction: AsyncUnitOfWorkTransaction[Any] | None = None
    # Repositories whose ``seen`` a committed transaction left filled, emptied when the next
    # transaction begins.
    _kept_seen: Sequence[AsyncAbstractRepository[Any]] = ()
    _repository_names: list[str] | None = None

    @abc.abstractmethod
    async def commit(self) -> None:
        """Make the transaction's writes durable."""

    @abc.abstractmethod
    async def rollback(self) -> None:
        """Undo the transaction's writes."""

    def repository_names(self) -> list[str]:
        """The names of the instance attributes that hold repositories.

        Found once per instance; a subclass may put new repository objects under those names
        for each transaction (in :meth:`start_transaction`).
        """
        names = self._repository_names
        if names is None:
            names = [k for k, v in vars(self).items() if isinstance(v, AsyncAbstractRepository)]
            self._repository_names = names
        return names

    def repositories(self) -> list[AsyncAbstractRepository[Any]]:
        """The repositories declared on this unit of work."""
        return [getattr(self, name) for name in self.repository_names()]

    def collect_new_events(self) -> Iterator[Message[Any]]:
        """Drain the messages raised by the models its repositories have seen.

        After a commit the committed models stay in ``seen`` until the next transaction
        begins, so events raised outside the bus can still be collected after the block.
        """
        return iter(drain_seen(self.repositories()))

    async def __aenter__(self) -> AsyncUnitOfWorkTransaction[Self]:
        if self._transaction is not None:
            raise TransactionError(IN_PROGRESS)
        transaction = AsyncUnitOfWorkTransaction(self)
        if type(self).start_transaction is not NO_START:
            await self.start_transaction()
        transaction._begin()
        return transaction

    def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Coroutine[Any, Any, None]:
        # Not ``async def``: ``async with`` awaits what this returns, and a coroutine that only
        # awaits what ``exit()`` returns would cost a frame per transaction.
        transaction = self._transaction
        return _nothing() if transaction is None else transaction.exit(exc)


async def _nothing() -> None:
    """No transaction to leave."""
