"""The book information source is opened at its first use, not with the catalogue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.adapters.deferred_book_info import DeferredBookInformation
from core.service.book_info import AbstractBookInformation
from tests.fakes.book_info import FakeBookInformation

ROOT = Path(__file__).resolve().parents[2]


async def test_the_source_opens_at_the_first_look_up_and_closes_with_the_wrapper() -> None:
    """Nothing is opened until a look-up; then every call goes to the one source."""
    opened: list[FakeBookInformation] = []

    def open_source() -> AbstractBookInformation:
        opened.append(FakeBookInformation())
        return opened[-1]

    async with DeferredBookInformation(open_source) as source:
        assert opened == []
        assert await source.by_isbn("9780441013593") is None
        assert await source.cover(7) is None
        assert source.name == opened[0].name
    assert len(opened) == 1
    assert opened[0].calls == [("by_isbn", "9780441013593"), ("cover", 7, "M")]
    assert opened[0].closed


async def test_closing_an_unused_source_opens_nothing() -> None:
    """A session without a look-up never makes the real source."""
    opened: list[AbstractBookInformation] = []
    source = DeferredBookInformation(lambda: opened.append(FakeBookInformation()) or opened[-1])
    await source.aclose()
    assert opened == []


def test_open_book_information_imports_no_http_client() -> None:
    """The bootstrap's source does not import the Open Library adapter (nor httpx) yet."""
    program = (
        "import sys\n"
        "from core.bootstrap import open_book_information\n"
        "open_book_information()\n"
        "loaded = [m for m in ('httpx', 'core.adapters.openlibrary') if m in sys.modules]\n"
        "assert loaded == [], loaded\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
