"""The observability port: counters and timers the bus and transactions report to."""

from __future__ import annotations

import abc
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from .messages import GenericCommand, Metadata

if TYPE_CHECKING:
    from .unit_of_work import TransactionStatus


class AbstractMetricsStore(abc.ABC):
    """Receives the bus's metrics; implement it to export them (Prometheus, logs, ...)."""

    @abc.abstractmethod
    def inc_beginned_transaction_count(self) -> None:
        """A transaction was entered."""

    @abc.abstractmethod
    def inc_transaction_failed(self) -> None:
        """A transaction's block raised."""

    @abc.abstractmethod
    def inc_transaction_closed_count(self, status: TransactionStatus) -> None:
        """A transaction ended with ``status`` (committed or rolled back)."""

    @abc.abstractmethod
    def inc_messages_processed_total(self, msg_metadata: Metadata) -> None:
        """The bus processed one message with this metadata."""

    @abc.abstractmethod
    def command_processing_timer(
        self, command: GenericCommand[Any]
    ) -> AbstractContextManager[None]:
        """A context manager timing one ``handle()`` of ``command``."""


_NO_TIMER: AbstractContextManager[None] = nullcontext()


class SinkholeMetricsStore(AbstractMetricsStore):
    """Drops every metric."""

    def inc_beginned_transaction_count(self) -> None:
        """Do nothing."""

    def inc_transaction_failed(self) -> None:
        """Do nothing."""

    def inc_transaction_closed_count(self, status: TransactionStatus) -> None:
        """Do nothing."""

    def inc_messages_processed_total(self, msg_metadata: Metadata) -> None:
        """Do nothing."""

    def command_processing_timer(
        self, command: GenericCommand[Any]
    ) -> AbstractContextManager[None]:
        """A timer that measures nothing."""
        return _NO_TIMER
