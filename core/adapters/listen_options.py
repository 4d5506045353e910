"""How a desktop listens to a shared catalogue (no asyncpg here: bootstrap imports it)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

type Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Backoff:
    """Capped exponential delays between reconnection attempts, in seconds."""

    first: float = 0.25
    factor: float = 2.0
    cap: float = 15.0

    def delays(self) -> Iterator[float]:
        """``first``, then each delay ``factor`` times the previous one, at most ``cap``."""
        delay = self.first
        while True:
            yield delay
            delay = min(delay * self.factor, self.cap)


@dataclass(frozen=True, slots=True)
class ListenOptions:
    """How a desktop listens; tests inject ``sleep`` (e.g. waiting on a gate) and delays."""

    backoff: Backoff = field(default_factory=Backoff)
    sleep: Sleep = asyncio.sleep
    connect_timeout_s: float = 5.0
    heartbeat_s: float = 10.0
    """How often the idle connection is pinged, so a silent network loss is noticed too."""
    echo_timeout_s: float = 5.0
    """How long a committing desktop waits to hear its own events before calling it a
    delivery failure (the data stays committed)."""
