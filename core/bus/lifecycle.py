"""The vocabulary of a transaction's life: its status and errors, the hooks a unit of work runs
as one begins and ends, and draining the events models raised.

The unit of work and its transaction both use these; here neither imports the other for them.
"""

from __future__ import annotations

import enum
from typing import Any

from .messages import Message
from .repository import AsyncAbstractRepository


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


IN_PROGRESS = (
    "this unit of work already has a transaction in progress; "
    "use one unit of work per concurrent task"
)


class TransactionHooks:
    """What a unit of work does as each of its transactions begins and once it has ended;
    nothing unless a subclass overrides them. A transaction does not await them while they
    are these defaults (an await costs more than the rest of beginning a transaction)."""

    async def start_transaction(self) -> None:
        """Prepare a new transaction (e.g. open a session and its repositories).

        Called by ``async with`` once no other transaction is running; does nothing by default.
        """

    async def end_transaction(self) -> None:
        """Release what :meth:`start_transaction` opened.

        Called once the transaction has ended — committed and its events published, or rolled
        back — when its block exits, or at ``close()`` for a detached one. Does nothing by
        default.
        """


NO_START = TransactionHooks.start_transaction
NO_END = TransactionHooks.end_transaction


def left_open_message(status: TransactionStatus, committed: bool) -> str:
    """Why leaving a block with its transaction at ``status`` is a :class:`TransactionError`."""
    if status is TransactionStatus.running:
        return "the transaction block ended without commit() or rollback(); it was rolled back"
    outcome = "its committed work stays" if committed else "it was rolled back"
    return f"the transaction block ended with its status set to {status.value}; {outcome}"
