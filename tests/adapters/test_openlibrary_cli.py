"""``reading-club lookup ISBN [--json]`` against a local server answering like Open Library:
exit codes, what goes to stdout, and the one line on stderr."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from core.adapters.openlibrary import OpenLibrary, user_agent
from core.cli.lookup import lookup_command, run_lookup
from core.service.book_info import BookInfoUnavailable, UnavailableReason
from tests.adapters.openlibrary_answers import (
    FOX_ISBN,
    SABRIEL_ISBN,
    UNKNOWN_ISBN,
    closed_port_url,
    serve_fox,
    serve_not_found,
    serve_sabriel,
)
from tests.fakes.book_info import FakeBookInformation


@pytest.fixture
async def source(httpserver: HTTPServer, tmp_path: Path) -> AsyncIterator[OpenLibrary]:
    """Open Library on the local server, with an empty cache."""
    async with OpenLibrary(
        cache_dir=tmp_path / "cache", user_agent=user_agent(), api_url=httpserver.url_for("/")
    ) as opened:
        yield opened


async def lookup(
    isbn: str, source: OpenLibrary | FakeBookInformation, as_json: bool = False
) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of ``reading-club lookup``."""
    out, err = io.StringIO(), io.StringIO()
    code = await lookup_command(isbn, source, as_json, out, err)
    return code, out.getvalue(), err.getvalue()


async def test_a_found_book_prints_its_details_and_exits_0(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """The text form: labelled lines, the ISBN hyphenated, nothing on stderr."""
    serve_sabriel(httpserver)
    code, out, err = await lookup("0-06-027322-4", source)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Title:      Sabriel",
        "Authors:    Garth Nix",
        "Publishers: Harper Trophy",
        "Published:  1996",
        "Pages:      491",
        "ISBN:       978-0-06-027322-4",
        "Source:     Open Library /books/OL22951843M",
    ]


async def test_json_gives_one_object_with_every_field(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """--json prints one JSON object: lists for authors and publishers, null for no pages."""
    serve_fox(httpserver)
    code, out, _ = await lookup(FOX_ISBN, source, as_json=True)
    assert code == 0
    assert json.loads(out) == {
        "isbn": FOX_ISBN,
        "title": "L'île des perroquets",
        "subtitle": "",
        "authors": ["Robert Margerit"],
        "publishers": ["Phébus"],
        "publish_date": "September 1, 1999",
        "pages": None,
        "cover_id": 990870,
        "source": "Open Library",
        "key": "/books/OL8984046M",
    }


async def test_an_unknown_isbn_exits_1_with_one_line(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """Not found: nothing on stdout, one line on stderr naming the ISBN."""
    serve_not_found(httpserver)
    code, out, err = await lookup(UNKNOWN_ISBN, source)
    assert (code, out) == (1, "")
    assert err == "reading-club: Open Library knows no book with ISBN 978-0-00-000000-2\n"


async def test_an_unreachable_source_exits_2_with_one_line(tmp_path: Path) -> None:
    """Offline: exit 2 and the source's one-sentence message."""
    async with OpenLibrary(
        cache_dir=tmp_path, user_agent=user_agent(), api_url=closed_port_url()
    ) as unreachable:
        code, out, err = await lookup(FOX_ISBN, unreachable)
    assert (code, out) == (2, "")
    assert err == "reading-club: Open Library cannot be reached (offline?).\n"


async def test_a_refusing_source_exits_2_with_one_line(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """403: exit 2, "refused"."""
    httpserver.expect_request(f"/isbn/{FOX_ISBN}.json").respond_with_data("", status=403)
    code, _, err = await lookup(FOX_ISBN, source)
    assert (code, err) == (2, "reading-club: Open Library refused the look-up.\n")


async def test_an_invalid_isbn_exits_2_without_a_request(
    httpserver: HTTPServer, source: OpenLibrary
) -> None:
    """A wrong check digit is said in one line, and nothing is asked."""
    code, out, err = await lookup("978-2-85940-637-1", source)
    assert (code, out) == (2, "")
    assert err == "reading-club: ISBN has a wrong check digit: '978-2-85940-637-1'\n"
    assert httpserver.log == []


async def test_the_command_reports_any_source_failure() -> None:
    """With the fake source failing (rate limited), the exit code is 2 and the line says so."""
    fake = FakeBookInformation(failure=BookInfoUnavailable(UnavailableReason.RATE_LIMITED))
    code, _, err = await lookup(SABRIEL_ISBN, fake)
    assert code == 2
    assert err == "reading-club: Open Library asks us to slow down; try again in a minute.\n"
    assert fake.calls == [("by_isbn", SABRIEL_ISBN)]


def test_run_lookup_uses_the_addresses_from_the_environment(
    httpserver: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command as wired for ``reading-club lookup``: READING_CLUB_OPENLIBRARY_URL is used."""
    monkeypatch.setenv("READING_CLUB_OPENLIBRARY_URL", httpserver.url_for("/"))
    serve_fox(httpserver)
    assert run_lookup(FOX_ISBN, as_json=True, cache_dir=tmp_path) == 0
    assert json.loads(capsys.readouterr().out)["authors"] == ["Robert Margerit"]


async def test_the_fake_source_holds_its_answer_until_the_gate_opens() -> None:
    """A look-up through the fake with a gate stays in flight until the test opens it."""
    gate = asyncio.Event()
    fake = FakeBookInformation(gate=gate)
    pending = asyncio.create_task(lookup(FOX_ISBN, fake))
    await asyncio.sleep(0)
    assert (pending.done(), fake.calls) == (False, [("by_isbn", FOX_ISBN)])
    gate.set()
    assert (await pending)[0] == 1
