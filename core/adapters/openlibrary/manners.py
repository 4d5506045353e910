"""Good manners towards a public service: a request rate limit, ``Retry-After``, and bodies
read with a cap."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from email.utils import parsedate_to_datetime

import httpx

from core.service.book_info import BookInfoUnavailable, UnavailableReason

type Clock = Callable[[], float]
type Sleep = Callable[[float], Awaitable[None]]


class RateLimiter:
    """At most ``requests`` requests start in any window of ``period`` seconds.

    A sliding window over the last starts, shared by concurrent callers (they queue). The
    clock and the sleep are injectable so tests can run it on a fake clock.
    """

    def __init__(
        self,
        requests: int = 3,
        period: float = 1.0,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._starts: deque[float] = deque(maxlen=requests)
        self._period = period
        self._clock = clock
        self._sleep = sleep
        self._turn = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait until one more request may start, and count it as started."""
        async with self._turn:
            if len(self._starts) == self._starts.maxlen:
                wait = self._starts[0] + self._period - self._clock()
                if wait > 0:
                    await self._sleep(wait)
            self._starts.append(self._clock())


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """The wait a ``Retry-After`` header asks for (delta-seconds or an HTTP date, compared
    with ``now``, a Unix time), or ``None`` when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # an HTTP date is GMT; a naive one is read as such
        return None
    return max(0.0, moment.timestamp() - now)


async def read_capped(response: httpx.Response, cap: int) -> bytes:
    """The body of a streamed ``response``, refusing it as soon as it exceeds ``cap`` bytes
    (announced or received), so a huge answer is never held whole."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _too_large(f"{declared} bytes announced")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > cap:
            raise _too_large(f"more than {cap} bytes received")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(detail: str) -> BookInfoUnavailable:
    return BookInfoUnavailable(UnavailableReason.BAD_ANSWER, detail=f"answer too large: {detail}")
