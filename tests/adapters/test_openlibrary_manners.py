"""The Open Library adapter's manners: at most 3 API requests a second (covers apart) and a
User-Agent naming the application, its version and its address."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from core.adapters.openlibrary import OpenLibrary, open_library_from_environment, user_agent
from tests.adapters.openlibrary_answers import (
    FOX_ISBN,
    SABRIEL_ISBN,
    UNKNOWN_ISBN,
    serve_fox,
)
from tests.adapters.openlibrary_answers.local import (
    FOX,
    JPEG,
    LocalOpenLibrary,
)
from tests.support.isbn import isbn13


@pytest.fixture
async def local(httpserver: HTTPServer, tmp_path: Path) -> AsyncIterator[LocalOpenLibrary]:
    """Adapters on the local server with an empty cache, closed after the test."""
    async with LocalOpenLibrary(httpserver, tmp_path / "cache") as made:
        yield made


@pytest.fixture
def source(local: LocalOpenLibrary) -> OpenLibrary:
    """An adapter on the local server, with an empty cache."""
    return local.make()


async def test_at_most_3_api_requests_start_in_any_second(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """Ten look-ups in a row: every four consecutive requests span at least a second
    (times taken by the server from the limiter's fake clock)."""
    times: list[float] = []

    def not_found(_request: Request) -> Response:
        times.append(local.clock.now)
        return Response("{}", status=404)

    httpserver.expect_request(re.compile(r"/isbn/\d+\.json")).respond_with_handler(not_found)
    for number in range(10):
        assert await source.by_isbn(isbn13(number)) is None
    assert len(times) == 10
    assert all(later - earlier >= 1.0 for earlier, later in zip(times, times[3:], strict=False))
    assert times[-1] - times[0] == pytest.approx(3.0)  # no slower than the limit needs


async def test_the_rate_limit_holds_on_the_real_clock(
    httpserver: HTTPServer, local: LocalOpenLibrary
) -> None:
    """With the default limiter, the 4th request reaches the server about a second after
    the 1st (times taken by the server)."""
    times: list[float] = []

    def not_found(_request: Request) -> Response:
        times.append(time.monotonic())
        return Response("{}", status=404)

    httpserver.expect_request(re.compile(r"/isbn/\d+\.json")).respond_with_handler(not_found)
    source = local.make(limiter=None)
    for isbn in (FOX_ISBN, SABRIEL_ISBN, UNKNOWN_ISBN, "9780140328721"):
        assert await source.by_isbn(isbn) is None
    assert times[3] - times[0] >= 0.9  # the server's clock reads arrivals, a little jitter
    assert times[2] - times[0] < 0.9


async def test_covers_are_not_rate_limited(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """Six covers in a row never wait on the limiter."""
    httpserver.expect_request(re.compile(r"/covers/b/id/\d+-S\.jpg")).respond_with_data(JPEG)
    for cover_id in range(1, 7):
        assert await source.cover(cover_id, "S") == JPEG
    assert local.clock.sleeps == []


async def test_the_user_agent_names_the_app_its_version_and_its_address(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The adapter made from the environment uses its URLs and sends the User-Agent."""
    monkeypatch.setenv("READING_CLUB_OPENLIBRARY_URL", httpserver.url_for("/"))
    monkeypatch.setenv("READING_CLUB_COVERS_URL", httpserver.url_for("/covers"))
    serve_fox(httpserver)
    httpserver.expect_request("/covers/b/id/990870-M.jpg").respond_with_data(JPEG)
    async with open_library_from_environment(tmp_path) as source:
        assert await source.by_isbn(FOX_ISBN) == FOX
        assert await source.cover(990870) == JPEG
    sent = {request.headers["User-Agent"] for request, _ in httpserver.log}
    assert sent == {user_agent()}
    assert re.fullmatch(r"ReadingClub/\S+ \(\+https://github\.com/reading-club/\S+\)", user_agent())
