"""Open Library adapters on the local test server, and helpers shared by their tests."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx
import pytest
from pytest_httpserver import HTTPServer

from core.adapters.openlibrary import OpenLibrary, RateLimiter
from core.service.book_info import BookInfo, BookInfoUnavailable
from tests.adapters.openlibrary_answers import FOX_EDITION, FOX_ISBN, FakeClock

FOX = BookInfo(
    isbn=FOX_ISBN,
    title="L'île des perroquets",
    authors=("Robert Margerit",),
    publishers=("Phébus",),
    publish_date="September 1, 1999",
    pages=None,
    cover_id=990870,
    key=FOX_EDITION,
)
JPEG = b"\xff\xd8\xff\xe0" + b"cover" * 100


class LocalOpenLibrary:
    """Makes adapters on ``server`` (covers under /covers) sharing ``cache_dir`` and a fake
    clock (the limiter's, and the waits for Retry-After); closes them all at the end."""

    def __init__(self, server: HTTPServer, cache_dir: Path) -> None:
        self.server = server
        self.cache_dir = cache_dir
        self.clock = FakeClock()
        self._made: list[OpenLibrary] = []

    def make(self, **overrides: Any) -> OpenLibrary:
        """A new adapter; keyword arguments override the test defaults."""
        options: dict[str, Any] = {
            "cache_dir": self.cache_dir,
            "user_agent": "ReadingClub/test",
            "api_url": self.server.url_for("/"),
            "covers_url": self.server.url_for("/covers"),
            "timeout": httpx.Timeout(2.0),
            "deadline": 5.0,
            "limiter": RateLimiter(3, 1.0, clock=self.clock, sleep=self.clock.sleep),
            "sleep": self.clock.sleep,
        }
        self._made.append(OpenLibrary(**(options | overrides)))
        return self._made[-1]

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for source in self._made:
            await source.aclose()

    def kept_files(self) -> list[Path]:
        """Every file in the cache."""
        return [path for path in self.cache_dir.rglob("*") if path.is_file()]


def age(path: Path, seconds: float) -> None:
    """Make ``path`` look written ``seconds`` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def corrupt(path: Path) -> None:
    """Replace the last bytes of ``path`` by a NUL, as a crash or a bad disk might."""
    path.write_bytes(path.read_bytes()[:-3] + b"\x00")


async def unavailable(source: OpenLibrary, isbn: str = FOX_ISBN) -> BookInfoUnavailable:
    """The error of looking ``isbn`` up, which must fail."""
    with pytest.raises(BookInfoUnavailable) as caught:
        await source.by_isbn(isbn)
    return caught.value
