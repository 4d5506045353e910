"""The Open Library adapter against a local server answering like openlibrary.org: what it
finds, and how it fails (each fault is one :class:`BookInfoUnavailable` reason)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from core.adapters.openlibrary import OpenLibrary
from core.service.book_info import BookInfo, BookInfoUnavailable, UnavailableReason
from tests.adapters.openlibrary_answers import (
    FOX_EDITION,
    FOX_ISBN,
    SABRIEL_ISBN,
    UNKNOWN_ISBN,
    api_paths,
    closed_port_url,
    serve_document,
    serve_fox,
    serve_isbn_redirect,
    serve_not_found,
    serve_sabriel,
)
from tests.adapters.openlibrary_answers.local import (
    FOX,
    LocalOpenLibrary,
    unavailable,
)


@pytest.fixture
async def local(httpserver: HTTPServer, tmp_path: Path) -> AsyncIterator[LocalOpenLibrary]:
    """Adapters on the local server with an empty cache, closed after the test."""
    async with LocalOpenLibrary(httpserver, tmp_path / "cache") as made:
        yield made


@pytest.fixture
def source(local: LocalOpenLibrary) -> OpenLibrary:
    """An adapter on the local server, with an empty cache."""
    return local.make()


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """An event a stalling server handler waits for; set when the test ends."""
    event = threading.Event()
    yield event
    event.set()


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
    httpserver: HTTPServer, local: LocalOpenLibrary, release: threading.Event
) -> None:
    """No answer within the read timeout is reason "timeout"."""

    def stall(_request: Request) -> Response:
        release.wait(10)
        return Response("{}")

    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_handler(stall)
    source = local.make(timeout=httpx.Timeout(0.2))
    assert (await unavailable(source)).reason is UnavailableReason.TIMEOUT


async def test_a_refused_connection_is_offline(local: LocalOpenLibrary) -> None:
    """Nothing listening (or no network) is reason "offline", a normal state."""
    source = local.make(api_url=closed_port_url())
    assert (await unavailable(source)).reason is UnavailableReason.OFFLINE


async def test_a_short_retry_after_is_waited_for_and_the_request_repeated_once(
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """429 with Retry-After: 2 waits 2 s and asks again, which then succeeds."""
    httpserver.expect_oneshot_request(f"/isbn/{FOX_ISBN}.json").respond_with_data(
        "Too Many Requests", status=429, headers={"Retry-After": "2"}
    )
    serve_fox(httpserver)
    assert await source.by_isbn(FOX_ISBN) == FOX
    assert 2.0 in local.clock.sleeps
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
    httpserver: HTTPServer, source: OpenLibrary, local: LocalOpenLibrary
) -> None:
    """429 with Retry-After: 120 raises at once, and the next look-up sends nothing."""
    httpserver.expect_request(re.compile("/isbn/.*")).respond_with_data(
        "", status=429, headers={"Retry-After": "120"}
    )
    error = await unavailable(source)
    assert (error.reason, error.retry_after) == (UnavailableReason.RATE_LIMITED, 120.0)
    assert "try again in 2 min" in str(error)
    assert (await unavailable(source, SABRIEL_ISBN)).reason is UnavailableReason.RATE_LIMITED
    assert (len(httpserver.log), local.clock.sleeps) == (1, [])


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
