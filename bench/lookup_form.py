"""The form's ISBN look-up, end to end: an ISBN typed into the real ``BookForm`` until its
title and author fields are filled, against a local server answering like Open Library.

Each round types ``--lookups`` distinct ISBNs one key at a time into ``isbnEdit`` (offscreen,
on the qasync loop, as the window runs), timed from the last key to the moment both fields
hold the book's title and author (target: median at most 100 ms), then types the same ISBNs
again, now answered from the adapter's disk cache (at most 5 ms). The server, the answers and
the limiter's clock (one second per ISBN, as when typed by hand) are ``bench.lookup``'s.

The server keeps connections alive (HTTP/1.1), as openlibrary.org does, so the three requests
of a look-up share one connection; a last round with HTTP/1.0 (a new connection per request,
werkzeug's default) shows what connecting costs on the qasync loop.

    python -m bench.lookup_form [--lookups 40] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from werkzeug.serving import WSGIRequestHandler

from bench._report import median, report
from bench.lookup import TypingClock, _serve, isbn13
from core.adapters.openlibrary import OpenLibrary, RateLimiter, user_agent
from core.bootstrap import open_catalogue
from gui.book_form import BookForm
from gui.bridge import CatalogueBridge
from gui.event_loop import EventLoop


async def _type_and_wait(form: BookForm, clock: TypingClock, n: int) -> float:
    """Seconds from the ISBN's last key to both fields filled."""
    for edit in (form.title_edit, form.author_edit, form.isbn_edit):
        edit.clear()
    form.lookup.forget()
    clock.now += 1.0
    isbn = isbn13(n)
    QTest.keyClicks(form.isbn_edit, isbn[:-1])
    filled = asyncio.get_running_loop().create_future()
    expected = (f"Book {n}", f"Author {n}")

    def check(_text: str = "") -> None:
        if (form.title_edit.text(), form.author_edit.text()) == expected and not filled.done():
            filled.set_result(time.perf_counter())

    form.author_edit.textChanged.connect(check)
    form.title_edit.textChanged.connect(check)
    started = time.perf_counter()
    QTest.keyClicks(form.isbn_edit, isbn[-1])
    done = await asyncio.wait_for(filled, 10)
    form.author_edit.textChanged.disconnect(check)
    form.title_edit.textChanged.disconnect(check)
    return done - started


async def _round(base: str, folder: Path, numbers: range) -> dict[str, list[float]]:
    clock = TypingClock()
    limiter = RateLimiter(3, 1.0, clock=clock)
    source = OpenLibrary(
        cache_dir=folder / "cache", user_agent=user_agent(), api_url=base, limiter=limiter
    )
    async with open_catalogue(folder / "library.sqlite3") as catalogue, source:
        bridge = CatalogueBridge(catalogue, book_info=source)
        form = BookForm(bridge)  # not shown: key events reach it all the same
        try:
            typed = [await _type_and_wait(form, clock, n) for n in numbers]
            cached = [await _type_and_wait(form, clock, n) for n in numbers]
        finally:
            await bridge.aclose()
            form.close()
            form.deleteLater()
    return {"typed": typed, "cached": cached}


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Type the ISBNs, print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = QApplication.instance() or QApplication(["bench"])
    app.setQuitOnLastWindowClosed(False)  # the loop, not Qt, decides when to stop
    samples: dict[str, list[float]] = {"typed": [], "cached": [], "http10": []}
    with HTTPServer(host="127.0.0.1", port=0) as server, tempfile.TemporaryDirectory() as tmp:
        _serve(server)
        base = server.url_for("").rstrip("/")
        for number in range(args.rounds + 1):
            fresh_connections = number == args.rounds
            WSGIRequestHandler.protocol_version = "HTTP/1.0" if fresh_connections else "HTTP/1.1"
            first = number * args.lookups
            numbers = range(first, first + args.lookups)
            folder = Path(tmp, f"r{number}")
            folder.mkdir()
            outcome = asyncio.run(_round(base, folder, numbers), loop_factory=EventLoop)
            if fresh_connections:
                samples["http10"].extend(outcome["typed"])
                continue
            for kind, values in outcome.items():
                samples[kind].extend(values)
    del app
    ms = {kind: median(values) * 1e3 for kind, values in samples.items()}
    worst = {kind: max(values) * 1e3 for kind, values in samples.items()}
    figures = {
        "lookups": args.lookups,
        "rounds": args.rounds,
        "typed_median_ms": round(ms["typed"], 3),
        "typed_max_ms": round(worst["typed"], 3),
        "cached_median_ms": round(ms["cached"], 3),
        "cached_max_ms": round(worst["cached"], 3),
        "typed_new_connections_median_ms": round(ms["http10"], 3),
    }
    report(
        "lookup_form",
        [
            ("ISBN typed -> title and author filled (target <= 100 ms)", f"{ms['typed']:.2f} ms"),
            ("  slowest", f"{worst['typed']:.2f} ms"),
            ("the same from the cache (target <= 5 ms)", f"{ms['cached']:.3f} ms"),
            ("  slowest", f"{worst['cached']:.3f} ms"),
            ("ISBN typed, a new connection per request", f"{ms['http10']:.2f} ms"),
        ],
        figures,
    )
    return figures


if __name__ == "__main__":
    main()
