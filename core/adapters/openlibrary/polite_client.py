"""GET with manners on ``httpx.AsyncClient``: rate-limited, ``Retry-After`` respected,
redirects followed one hop at a time, bodies capped, and every failure turned into a
:class:`BookInfoUnavailable`."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx

from core.adapters.openlibrary.manners import Clock, RateLimiter, Sleep, read_capped
from core.adapters.openlibrary.manners import retry_after_seconds as retry_after
from core.service.book_info import BookInfoUnavailable, UnavailableReason

TIMEOUT = httpx.Timeout(5.0, connect=3.0)  # read, write and pool 5 s; connect 3 s
DEADLINE = 10.0  # a whole request, even from a server that drips one byte at a time
MAX_REDIRECTS = 5
LONGEST_RETRY_WAIT = 5.0  # a longer Retry-After is passed on to the user instead
LONGEST_QUIET = 3600.0  # a Retry-After of days would otherwise silence us until restarted
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ASKS_TO_WAIT = {
    403: UnavailableReason.REFUSED,
    429: UnavailableReason.RATE_LIMITED,
    503: UnavailableReason.SERVER_ERROR,
}


@dataclass(frozen=True, slots=True)
class Answer:
    """A final (non-redirect) answer; ``body`` is read only for 200."""

    status: int
    body: bytes


class PoliteClient:
    """One ``httpx.AsyncClient`` used politely; ``limited`` requests share a
    :class:`RateLimiter`.

    Each redirect hop is a request of its own (so it is rate-limited too); a repeated URL or
    more than ``MAX_REDIRECTS`` hops is a bad answer. After a refusal with a long
    ``Retry-After`` no request of that kind is sent until the wait is over.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        limiter: RateLimiter,
        *,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        sleep: Sleep = asyncio.sleep,
        deadline: float = DEADLINE,
    ) -> None:
        self._client = client
        self._limiter = limiter
        self._clock = clock
        self._wall_clock = wall_clock
        self._sleep = sleep
        self._deadline = deadline
        # per kind of request (rate-limited API or covers): until when, and the status said
        self._quiet_until: dict[bool, tuple[float, int]] = {}

    async def get(self, url: httpx.URL, *, limited: bool, cap: int, accept: str) -> Answer:
        """The final answer to GET ``url``, after redirects; raises BookInfoUnavailable for
        a refusal that lasts, a network failure, a redirect loop or an over-large body."""
        seen: set[httpx.URL] = set()
        while len(seen) <= MAX_REDIRECTS:
            if url in seen:
                raise _bad(f"redirect loop at {url}")
            seen.add(url)
            status, location, body = await self._get_once_or_twice(url, limited, cap, accept)
            if status not in _REDIRECTS:
                return Answer(status, body)
            url = _redirect_target(url, location)
        raise _bad(f"more than {MAX_REDIRECTS} redirects")

    async def aclose(self) -> None:
        """Close the connections."""
        await self._client.aclose()

    async def _get_once_or_twice(
        self, url: httpx.URL, limited: bool, cap: int, accept: str
    ) -> tuple[int, str | None, bytes]:
        for attempt in (1, 2):
            self._check_quiet(limited)
            if limited:
                await self._limiter.acquire()
            status, headers, body = await self._send(url, cap, accept)
            if status not in _ASKS_TO_WAIT:
                return status, headers.get("location"), body
            wait = retry_after(headers.get("retry-after"), self._wall_clock())
            if attempt == 1 and wait is not None and wait <= LONGEST_RETRY_WAIT:
                await self._sleep(wait)
                continue
            if wait is not None:
                self._quiet_until[limited] = (self._clock() + min(wait, LONGEST_QUIET), status)
            raise BookInfoUnavailable(_ASKS_TO_WAIT[status], retry_after=wait, detail=f"{status}")
        raise AssertionError("unreachable")  # pragma: no cover

    def _check_quiet(self, limited: bool) -> None:
        until, status = self._quiet_until.get(limited, (0.0, 0))
        left = until - self._clock()
        if left > 0:
            raise BookInfoUnavailable(
                _ASKS_TO_WAIT[status], retry_after=left, detail=f"{status}, still waiting"
            )

    async def _send(
        self, url: httpx.URL, cap: int, accept: str
    ) -> tuple[int, httpx.Headers, bytes]:
        try:
            async with (
                asyncio.timeout(self._deadline),
                self._client.stream("GET", url, headers={"Accept": accept}) as response,
            ):
                ok = response.status_code == 200
                body = await read_capped(response, cap) if ok else b""
        except (TimeoutError, httpx.TimeoutException) as error:
            raise _unavailable(UnavailableReason.TIMEOUT, url, error) from None
        except httpx.DecodingError as error:
            raise _unavailable(UnavailableReason.BAD_ANSWER, url, error) from None
        except httpx.TransportError as error:
            raise _unavailable(UnavailableReason.OFFLINE, url, error) from None
        return response.status_code, response.headers, body


def _redirect_target(url: httpx.URL, location: str | None) -> httpx.URL:
    if not location:
        raise _bad(f"a redirect without a location from {url}")
    try:
        target = url.join(location)
    except httpx.InvalidURL:
        raise _bad(f"a redirect to an invalid location {location!r}") from None
    if target.scheme not in ("http", "https"):
        raise _bad(f"a redirect to {target.scheme}:")
    return target


def _unavailable(reason: UnavailableReason, url: httpx.URL, error: Exception) -> Exception:
    return BookInfoUnavailable(reason, detail=f"GET {url}: {type(error).__name__}: {error}")


def _bad(detail: str) -> BookInfoUnavailable:
    return BookInfoUnavailable(UnavailableReason.BAD_ANSWER, detail=detail)
