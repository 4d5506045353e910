"""The Open Library adapter against a local server answering like openlibrary.org: what it
finds, how it fails, its manners (rate limit, Retry-After, User-Agent) and its disk cache."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from core.adapters.openlibrary import (
    OpenLibrary,
    RateLimiter,
    open_library_from_environment,
    user_agent,
)
from core.service.book_info import BookInfo, BookInfoUnavailable, UnavailableReason
from tests.adapters.openlibrary_answers import (
    FOX_EDITION,
    FOX_ISBN,
    SABRIEL_ISBN,
    UNKNOWN_ISBN,
    FakeClock,
    api_paths,
    closed_port_url,
    serve_document,
    serve_fox,
    serve_isbn_redirect,
    serve_not_found,
    serve_sabriel,
)
from tests.support.isbn import isbn13

type MakeSource = Callable[..., OpenLibrary]

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


@pytest.fixture
def clock() -> FakeClock:
    """The fake time of the rate limiter and of the waits for Retry-After."""
    return FakeClock()


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    """Where the adapter under test keeps its answers."""
    return tmp_path / "cache"


@pytest.fixture
async def make_source(
    httpserver: HTTPServer, cache_dir: Path, clock: FakeClock
) -> AsyncIterator[MakeSource]:
    """Makes adapters on the local server (covers under /covers), on the fake clock;
    keyword arguments override the defaults. All are closed after the test."""
    made: list[OpenLibrary] = []

    def make(**overrides: Any) -> OpenLibrary:
        options: dict[str, Any] = {
            "cache_dir": cache_dir,
            "user_agent": "ReadingClub/test",
            "api_url": httpserver.url_for("/"),
            "covers_url": httpserver.url_for("/covers"),
            "timeout": httpx.Timeout(2.0),
            "deadline": 5.0,
            "limiter": RateLimiter(3, 1.0, clock=clock, sleep=clock.sleep),
            "sleep": clock.sleep,
        }
        made.append(OpenLibrary(**(options | overrides)))
        return made[-1]

    yield make
    for source in made:
        await source.aclose()


@pytest.fixture
def source(make_source: MakeSource) -> OpenLibrary:
    """An adapter on the local server, with an empty cache."""
    return make_source()


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """An event a stalling server handler waits for; set when the test ends."""
    event = threading.Event()
    yield event
    event.set()


def kept_files(cache_dir: Path) -> list[Path]:
    """Every file in the cache."""
    return [path for path in cache_dir.rglob("*") if path.is_file()]


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


# What is found


async def test_an_isbn_is_found_through_its_redirect_with_its_authors_names(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """The /isbn/ redirect is followed to the edition, and the author key becomes a name."""
    serve_fox(httpserver)
    assert await source.by_isbn(FOX_ISBN) == FOX
    assert api_paths(httpserver) == [
        f"/isbn/{FOX_ISBN}.json",
        f"{FOX_EDITION}.json",
        "/authors/OL1980306A.json",
    ]


async def test_an_isbn_10_with_hyphens_is_looked_up_as_its_isbn_13(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """A typed ISBN-10 asks for the ISBN-13 and answers with its digits."""
    serve_fox(httpserver)
    found = await source.by_isbn("2-85940-637-9")
    assert found is not None
    assert found.isbn == FOX_ISBN


async def test_an_edition_without_authors_takes_them_from_its_work(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """Sabriel's edition names no author: its work's author_role entries are used."""
    serve_sabriel(httpserver)
    found = await source.by_isbn(SABRIEL_ISBN)
    assert found == BookInfo(
        isbn=SABRIEL_ISBN,
        title="Sabriel",
        authors=("Garth Nix",),
        publishers=("Harper Trophy",),
        publish_date="1996",
        pages=491,
        cover_id=None,
        key="/books/OL22951843M",
    )
    assert "/works/OL15832982W.json" in api_paths(httpserver)


async def test_a_merged_author_is_read_from_the_record_it_points_to(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """An author answer of type /type/redirect is followed to the surviving author."""
    serve_isbn_redirect(httpserver, FOX_ISBN, FOX_EDITION)
    httpserver.expect_request(f"{FOX_EDITION}.json").respond_with_json(
        {"key": FOX_EDITION, "title": "T", "authors": [{"key": "/authors/OL1A"}], "covers": [-1]}
    )
    httpserver.expect_request("/authors/OL1A.json").respond_with_json(
        {"type": {"key": "/type/redirect"}, "location": "/authors/OL2A", "key": "/authors/OL1A"}
    )
    httpserver.expect_request("/authors/OL2A.json").respond_with_json({"name": "A. Author"})
    found = await source.by_isbn(FOX_ISBN)
    assert found is not None
    assert (found.authors, found.cover_id) == (("A. Author",), None)


async def test_an_unknown_isbn_is_none(httpserver: HTTPServer, source: OpenLibrary) -> None:
    """Open Library's 404 for /isbn/ means "not found", not a failure."""
    serve_not_found(httpserver)
    assert await source.by_isbn(UNKNOWN_ISBN) is None


async def test_a_wrong_check_digit_is_refused_without_a_request(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """An ISBN with a wrong checksum raises the ISBN rules' ValueError and sends nothing."""
    with pytest.raises(ValueError, match="wrong check digit"):
        await source.by_isbn("9782859406371")
    assert httpserver.log == []


# How it fails


async def test_a_server_that_does_not_answer_is_a_timeout(
    httpserver: HTTPServer, make_source: MakeSource, release: threading.Event
) -> None:
    """No answer within the read timeout is reason "timeout"."""

    def stall(_request: Request) -> Response:
        release.wait(10)
        return Response("{}")

    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_handler(stall)
    source = make_source(timeout=httpx.Timeout(0.2))
    assert (await unavailable(source)).reason is UnavailableReason.TIMEOUT


async def test_a_refused_connection_is_offline(make_source: MakeSource) -> None:
    """Nothing listening (or no network) is reason "offline", a normal state."""
    source = make_source(api_url=closed_port_url())
    assert (await unavailable(source)).reason is UnavailableReason.OFFLINE


async def test_a_short_retry_after_is_waited_for_and_the_request_repeated_once(
    httpserver: HTTPServer, source: OpenLibrary, clock: FakeClock
) -> None:
    """429 with Retry-After: 2 waits 2 s and asks again, which then succeeds."""
    httpserver.expect_oneshot_request(f"/isbn/{FOX_ISBN}.json").respond_with_data(
        "Too Many Requests", status=429, headers={"Retry-After": "2"}
    )
    serve_fox(httpserver)
    assert await source.by_isbn(FOX_ISBN) == FOX
    assert 2.0 in clock.sleeps
    assert api_paths(httpserver)[:2] == [f"/isbn/{FOX_ISBN}.json"] * 2


async def test_a_second_429_after_the_wait_is_rate_limited(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """The request is repeated once only: a second 429 raises reason "rate_limited"."""
    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    error = await unavailable(source)
    assert (error.reason, error.retry_after) == (UnavailableReason.RATE_LIMITED, 1.0)
    assert len(httpserver.log) == 2


async def test_a_long_retry_after_is_passed_on_and_respected(
    httpserver: HTTPServer, source: OpenLibrary, clock: FakeClock
) -> None:
    """429 with Retry-After: 120 raises at once, and the next look-up sends nothing."""
    httpserver.expect_request(re.compile("/isbn/.*")).respond_with_data(
        "", status=429, headers={"Retry-After": "120"}
    )
    error = await unavailable(source)
    assert (error.reason, error.retry_after) == (UnavailableReason.RATE_LIMITED, 120.0)
    assert "try again in 2 min" in str(error)
    assert (await unavailable(source, SABRIEL_ISBN)).reason is UnavailableReason.RATE_LIMITED
    assert (len(httpserver.log), clock.sleeps) == (1, [])


async def test_a_retry_after_date_is_read_as_a_wait(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """Retry-After may be an HTTP date; one an hour away is a wait of about an hour."""
    in_an_hour = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 3600))
    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_data(
        "", status=429, headers={"Retry-After": in_an_hour}
    )
    error = await unavailable(source)
    assert error.retry_after is not None
    assert 3500 < error.retry_after <= 3600


async def test_a_403_is_refused(httpserver: HTTPServer, source: OpenLibrary) -> None:
    """403 without Retry-After raises reason "refused" after one request."""
    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_data("", status=403)
    assert (await unavailable(source)).reason is UnavailableReason.REFUSED
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_a_5xx_is_a_server_error(
    httpserver: HTTPServer, source: OpenLibrary, status: int
) -> None:
    """Any 5xx answer is reason "server_error"."""
    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_data("oops", status=status)
    assert (await unavailable(source)).reason is UnavailableReason.SERVER_ERROR


async def test_a_failure_after_the_edition_fails_the_look_up(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """A 5xx on the author's answer fails the whole look-up (no half-filled book)."""
    serve_isbn_redirect(httpserver, FOX_ISBN, FOX_EDITION)
    serve_document(httpserver, FOX_EDITION)
    httpserver.expect_request("/authors/OL1980306A.json").respond_with_data("", status=502)
    assert (await unavailable(source)).reason is UnavailableReason.SERVER_ERROR


@pytest.mark.parametrize(
    "body",
    ['{"title": "Sabriel", ', "<html>Internal error</html>", "[]", '{"key": "/books/OL1M"}'],
    ids=["truncated", "html", "array", "no-title"],
)
async def test_a_malformed_answer_is_a_bad_answer_and_is_not_kept(
    httpserver: HTTPServer, source: OpenLibrary, body: str
) -> None:
    """Broken JSON, not an object, or an edition without a title: reason "bad_answer",
    and the next look-up asks again rather than reading it from the cache."""
    serve_isbn_redirect(httpserver, FOX_ISBN, FOX_EDITION)
    httpserver.expect_request(f"{FOX_EDITION}.json").respond_with_data(
        body, content_type="application/json"
    )
    assert (await unavailable(source)).reason is UnavailableReason.BAD_ANSWER
    assert (await unavailable(source)).reason is UnavailableReason.BAD_ANSWER
    assert len(httpserver.log) == 4


def ten_megabytes(announced: bool) -> Callable[[Request], Response]:
    """A handler answering a 10 MB JSON-looking body, with or without Content-Length."""

    def handle(_request: Request) -> Response:
        chunks = (b" " * 65_536 for _ in range(160))
        if announced:
            return Response(b"".join(chunks), content_type="application/json")
        return Response(chunks, content_type="application/json", direct_passthrough=True)

    return handle


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "streamed"])
async def test_a_10_mb_answer_is_a_bad_answer(
    httpserver: HTTPServer, source: OpenLibrary, announced: bool
) -> None:
    """A body over 2 MB is refused, whether its length is announced or it just keeps coming."""
    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_handler(
        ten_megabytes(announced)
    )
    error = await unavailable(source)
    assert error.reason is UnavailableReason.BAD_ANSWER
    assert "too large" in error.detail


async def test_a_redirect_loop_is_a_bad_answer(httpserver: HTTPServer, source: OpenLibrary) -> None:
    """/isbn/ → /books/ → /isbn/ again is caught at the repeated address."""
    serve_isbn_redirect(httpserver, FOX_ISBN, FOX_EDITION)
    httpserver.expect_request(f"{FOX_EDITION}.json").respond_with_data(
        "", status=302, headers={"Location": f"/isbn/{FOX_ISBN}.json"}
    )
    error = await unavailable(source)
    assert (error.reason, len(httpserver.log)) == (UnavailableReason.BAD_ANSWER, 2)
    assert "redirect loop" in error.detail


async def test_an_endless_chain_of_redirects_is_a_bad_answer(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """Redirects to ever new addresses stop after 5 hops."""

    def onwards(request: Request) -> Response:
        hop = int(request.args.get("hop", "0")) + 1
        return Response("", status=307, headers={"Location": f"{request.path}?hop={hop}"})

    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_handler(onwards)
    assert (await unavailable(source)).reason is UnavailableReason.BAD_ANSWER
    assert len(httpserver.log) == 6


def test_every_reason_reads_as_one_short_sentence() -> None:
    """Each failure's message is one line, one sentence, naming the source."""
    for reason in UnavailableReason:
        message = str(BookInfoUnavailable(reason, retry_after=30))
        assert message.startswith("Open Library ")
        assert message.endswith(".")
        assert "\n" not in message
        assert len(message) < 80


# Manners


async def test_at_most_3_api_requests_start_in_any_second(
    httpserver: HTTPServer, source: OpenLibrary, clock: FakeClock
) -> None:
    """Ten look-ups in a row: every four consecutive requests span at least a second
    (times taken by the server from the limiter's fake clock)."""
    times: list[float] = []

    def not_found(_request: Request) -> Response:
        times.append(clock.now)
        return Response("{}", status=404)

    httpserver.expect_request(re.compile(r"/isbn/\d+\.json")).respond_with_handler(not_found)
    for number in range(10):
        assert await source.by_isbn(isbn13(number)) is None
    assert len(times) == 10
    assert all(later - earlier >= 1.0 for earlier, later in zip(times, times[3:], strict=False))
    assert times[-1] - times[0] == pytest.approx(3.0)  # no slower than the limit needs


async def test_the_rate_limit_holds_on_the_real_clock(
    httpserver: HTTPServer, make_source: MakeSource
) -> None:
    """With the default limiter, the 4th request reaches the server about a second after
    the 1st (times taken by the server)."""
    times: list[float] = []

    def not_found(_request: Request) -> Response:
        times.append(time.monotonic())
        return Response("{}", status=404)

    httpserver.expect_request(re.compile(r"/isbn/\d+\.json")).respond_with_handler(not_found)
    source = make_source(limiter=None)
    for isbn in (FOX_ISBN, SABRIEL_ISBN, UNKNOWN_ISBN, "9780140328721"):
        assert await source.by_isbn(isbn) is None
    assert times[3] - times[0] >= 0.9  # the server's clock reads arrivals, a little jitter
    assert times[2] - times[0] < 0.9


async def test_covers_are_not_rate_limited(
    httpserver: HTTPServer, source: OpenLibrary, clock: FakeClock
) -> None:
    """Six covers in a row never wait on the limiter."""
    httpserver.expect_request(re.compile(r"/covers/b/id/\d+-S\.jpg")).respond_with_data(JPEG)
    for cover_id in range(1, 7):
        assert await source.cover(cover_id, "S") == JPEG
    assert clock.sleeps == []


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


# The cache


async def test_a_second_look_up_sends_no_request(
    httpserver: HTTPServer, source: OpenLibrary, make_source: MakeSource
) -> None:
    """The same ISBN again, from this adapter or a new one on the same cache, sends nothing."""
    serve_sabriel(httpserver)
    first = await source.by_isbn(SABRIEL_ISBN)
    asked = len(httpserver.log)
    assert await source.by_isbn(SABRIEL_ISBN) == first
    assert await make_source().by_isbn(SABRIEL_ISBN) == first
    assert len(httpserver.log) == asked


async def test_not_found_is_kept_too(httpserver: HTTPServer, source: OpenLibrary) -> None:
    """An unknown ISBN asked twice is asked for once."""
    serve_not_found(httpserver)
    assert await source.by_isbn(UNKNOWN_ISBN) is None
    assert await source.by_isbn(UNKNOWN_ISBN) is None
    assert len(httpserver.log) == 1


async def test_kept_answers_expire(
    httpserver: HTTPServer, source: OpenLibrary, cache_dir: Path
) -> None:
    """A "not found" older than a day is asked for again."""
    serve_not_found(httpserver)
    await source.by_isbn(UNKNOWN_ISBN)
    for kept in kept_files(cache_dir):
        age(kept, 86_401)
    await source.by_isbn(UNKNOWN_ISBN)
    assert len(httpserver.log) == 2


async def test_a_corrupted_cache_file_is_ignored(
    httpserver: HTTPServer, source: OpenLibrary, cache_dir: Path
) -> None:
    """Garbage in the kept answers and covers is a miss: they are asked for again."""
    serve_fox(httpserver)
    httpserver.expect_request("/covers/b/id/990870-M.jpg").respond_with_data(JPEG)
    await source.by_isbn(FOX_ISBN)
    await source.cover(990870)
    kept = kept_files(cache_dir)
    for path in kept:
        corrupt(path)
    assert await source.by_isbn(FOX_ISBN) == FOX
    assert await source.cover(990870) == JPEG
    assert len(kept) == 3
    assert len(httpserver.log) == 8


async def test_an_unwritable_cache_still_looks_up(
    httpserver: HTTPServer, make_source: MakeSource, tmp_path: Path
) -> None:
    """When the cache directory cannot be made, look-ups work, uncached."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    serve_fox(httpserver)
    assert await make_source(cache_dir=blocker / "cache").by_isbn(FOX_ISBN) == FOX


async def test_no_temporary_files_are_left_in_the_cache(
    httpserver: HTTPServer, source: OpenLibrary, cache_dir: Path
) -> None:
    """Writes go through a temporary file that is renamed: none remain."""
    serve_sabriel(httpserver)
    await source.by_isbn(SABRIEL_ISBN)
    assert sorted(path.name for path in kept_files(cache_dir)) == [
        f"{SABRIEL_ISBN}.json",
        "OL15832982W.json",
        "OL382982A.json",
    ]


# Covers


async def test_a_cover_is_fetched_without_a_default_image_and_kept(
    httpserver: HTTPServer, source: OpenLibrary, make_source: MakeSource
) -> None:
    """The cover is asked for with default=false, and kept: asked for once."""
    httpserver.expect_request(
        "/covers/b/id/990870-M.jpg", query_string="default=false"
    ).respond_with_data(JPEG, content_type="image/jpeg")
    assert await source.cover(990870) == JPEG
    assert await make_source().cover(990870) == JPEG
    assert len(httpserver.log) == 1


async def test_a_cover_redirected_to_its_archive_is_followed(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """covers.openlibrary.org redirects to archive storage; the image is read there."""
    httpserver.expect_request("/covers/b/id/990870-L.jpg").respond_with_data(
        "", status=302, headers={"Location": "/view_archive.php?file=990870-L.jpg"}
    )
    httpserver.expect_request("/view_archive.php").respond_with_data(JPEG)
    assert await source.cover(990870, "L") == JPEG


async def test_a_missing_cover_is_none_and_kept(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """404 (what default=false gives) is "no cover", asked for once."""
    httpserver.expect_request("/covers/b/id/1-M.jpg").respond_with_data("", status=404)
    assert await source.cover(1) is None
    assert await source.cover(1) is None
    assert len(httpserver.log) == 1


@pytest.mark.parametrize(("cover_id", "size"), [(990870, "XL"), (0, "M"), (-1, "M")])
async def test_a_wrong_cover_size_or_id_is_refused_without_a_request(
    httpserver: HTTPServer, source: OpenLibrary, cover_id: int, size: str
) -> None:
    """Sizes are S, M and L; ids are positive (Open Library's -1 means none)."""
    with pytest.raises(ValueError, match="cover"):
        await source.cover(cover_id, size)
    assert httpserver.log == []
