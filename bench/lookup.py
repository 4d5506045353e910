"""ISBN look-up through the Open Library adapter against a local server, and from its cache.

A local HTTP server (pytest-httpserver's, in a thread) answers like openlibrary.org: the
``/isbn/`` redirect, the edition and its author, i.e. three requests per ISBN. Each round
looks up ``--lookups`` distinct ISBNs with an empty cache (targets: median at most 100 ms), then
the same ISBNs again from the disk cache (at most 5 ms), and, side by side, the floor: the
same three GETs with a bare ``httpx.AsyncClient`` (no limiter, cache, parsing or checks).

The limiter runs on a clock that moves a second between look-ups, as when ISBNs are typed
one by one; back to back, 3 requests a second would make every look-up wait about a second
(that is the point of the limit, and ``burst`` shows it holds).

    python -m bench.lookup [--lookups 60] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from bench._report import median, report
from core.adapters.openlibrary import OpenLibrary, RateLimiter, user_agent
from core.domain.isbn import ean13_check_digit

EDITION = (
    '{{"publishers": ["Puffin"], "number_of_pages": 96, "key": "/books/OL{n}M",'
    ' "authors": [{{"key": "/authors/OL{n}A"}}], "title": "Book {n}",'
    ' "isbn_13": ["{isbn}"], "covers": [{n}], "publish_date": "October 1, 1988",'
    ' "works": [{{"key": "/works/OL{n}W"}}], "type": {{"key": "/type/edition"}},'
    ' "latest_revision": 26, "revision": 26}}'
)
AUTHOR = '{{"name": "Author {n}", "key": "/authors/OL{n}A", "type": {{"key": "/type/author"}}}}'


def isbn13(n: int) -> str:
    """The n-th valid ISBN-13 of the 978-1 range."""
    twelve = f"9781{n:08d}"
    return twelve + ean13_check_digit(twelve)


def _serve(server: HTTPServer) -> None:
    def isbn(request: Request) -> Response:
        n = int(request.path.split("/")[-1][4:12])  # the digits after 9781
        return Response("", status=302, headers={"Location": f"/books/OL{n}M.json"})

    def edition(request: Request) -> Response:
        n = int(re.findall(r"\d+", request.path)[0])
        body = EDITION.format(n=n, isbn=isbn13(n))
        return Response(body, content_type="application/json")

    def author(request: Request) -> Response:
        n = int(re.findall(r"\d+", request.path)[0])
        return Response(AUTHOR.format(n=n), content_type="application/json")

    server.expect_request(re.compile(r"/isbn/\d+\.json")).respond_with_handler(isbn)
    server.expect_request(re.compile(r"/books/OL\d+M\.json")).respond_with_handler(edition)
    server.expect_request(re.compile(r"/authors/OL\d+A\.json")).respond_with_handler(author)


class TypingClock:
    """A limiter clock that moves one second per look-up: ISBNs typed one by one."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def _timed_each(numbers: range, look_up: Callable[[int], Awaitable[None]]) -> list[float]:
    samples = []
    for n in numbers:
        started = time.perf_counter()
        await look_up(n)
        samples.append(time.perf_counter() - started)
    return samples


async def _round(base: str, numbers: range, cache: Path) -> dict[str, list[float]]:
    clock = TypingClock()
    limiter = RateLimiter(3, 1.0, clock=clock)
    async with (
        OpenLibrary(cache_dir=cache, user_agent=user_agent(), api_url=base, limiter=limiter) as ol,
        httpx.AsyncClient() as bare,
    ):

        async def typed(n: int) -> None:
            clock.now += 1.0
            book = await ol.by_isbn(isbn13(n))
            if book is None or book.authors != (f"Author {n}",):
                raise AssertionError(f"ISBN {isbn13(n)}: {book}")

        async def floor(n: int) -> None:
            redirect = await bare.get(f"{base}/isbn/{isbn13(n)}.json")
            edition = await bare.get(base + redirect.headers["location"])
            await bare.get(f"{base}/authors/OL{n}A.json")
            edition.json()

        return {
            "network": await _timed_each(numbers, typed),
            "cached": await _timed_each(numbers, typed),
            "floor": await _timed_each(numbers, floor),
        }


async def _burst(base: str, cache: Path, lookups: int) -> float:
    """Seconds for ``lookups`` back-to-back look-ups (3 requests each) on the real limiter."""
    async with OpenLibrary(cache_dir=cache, user_agent=user_agent(), api_url=base) as ol:
        started = time.perf_counter()
        for n in range(900_000, 900_000 + lookups):
            await ol.by_isbn(isbn13(n))
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Run the look-ups and print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise

    samples: dict[str, list[float]] = {"network": [], "cached": [], "floor": []}
    with HTTPServer(host="127.0.0.1", port=0) as server, tempfile.TemporaryDirectory() as tmp:
        _serve(server)
        base = server.url_for("").rstrip("/")
        for number in range(args.rounds):
            first = number * args.lookups
            numbers = range(first, first + args.lookups)
            for kind, values in asyncio.run(_round(base, numbers, Path(tmp, f"r{number}"))).items():
                samples[kind].extend(values)
        burst = asyncio.run(_burst(base, Path(tmp, "burst"), 4))

    ms = {kind: median(values) * 1e3 for kind, values in samples.items()}
    figures = {
        "lookups": args.lookups,
        "rounds": args.rounds,
        "network_median_ms": round(ms["network"], 3),
        "cached_median_ms": round(ms["cached"], 3),
        "floor_median_ms": round(ms["floor"], 3),
        "network_vs_floor": round(ms["network"] / ms["floor"], 3),
        "burst_4_lookups_s": round(burst, 3),
    }
    report(
        "lookup",
        [
            ("look-up, empty cache, 3 requests (target <= 100 ms)", f"{ms['network']:.2f} ms"),
            ("look-up from the cache (target <= 5 ms)", f"{ms['cached']:.3f} ms"),
            ("the same 3 GETs, bare httpx", f"{ms['floor']:.2f} ms"),
            ("adapter / bare", f"{figures['network_vs_floor']:.2f}"),
            ("4 look-ups back to back, 3/s limit (>= 3 s)", f"{burst:.2f} s"),
        ],
        figures,
    )
    return figures


if __name__ == "__main__":
    main()
